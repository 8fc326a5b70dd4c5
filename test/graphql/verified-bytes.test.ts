import { CompleteUploadDocument, RequestDownloadDocument, RequestUploadDocument } from "../../client/generated/graphql";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

// The window between the check and the publish: a replayed form that lands while completeUpload
// is sniffing must not become what downloads serve. The in-memory bucket lets the test put the
// write exactly there, which no timing on a real store could do reliably.
describe("completeUpload publishes exactly the version it verified", () => {
  let t: InProcessApp;
  let alice: string;
  const HTML = "<html><script>alert(1)</script></html>";

  beforeAll(async () => {
    t = await startInProcessApp();
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  it("signs downloads for the sniffed version even when a replay lands between sniff and publish", async () => {
    const g = (await t.gql(RequestUploadDocument, { input: avatarInput({ size: 64 }) }, alice)).data!.requestUpload;
    t.upload(g, pngBytes(64));
    const readStart = t.storage.objects.readStart;
    t.storage.objects.readStart = async (key, bytes, options) => {
      const start = await readStart(key, bytes, options);
      t.upload(g, HTML); // the replay, right after the sniff
      return start;
    };
    try {
      expect((await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).data?.completeUpload.state).toBe("AVAILABLE");
    } finally {
      t.storage.objects.readStart = readStart;
    }
    const url = new URL((await t.gql(RequestDownloadDocument, { input: { key: g.key } }, alice)).data!.requestDownload.url);
    const versionId = url.searchParams.get("versionId")!;
    const served = await t.storage.objects.readStart(g.key, 100, { versionId });
    expect(Buffer.from(served!).equals(Buffer.from(pngBytes(64)))).toBe(true);
    // …and the replay, written before the publish, was removed with it.
    expect(t.storage.versions(g.key)).toBe(1);
  });
});
