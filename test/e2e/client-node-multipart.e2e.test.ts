import {
  createValetClient,
  fetchTransport,
  memoryResumeStore,
  type Transport,
  type UploadProgress,
} from "../../client/src/index";
import { ObjectDocument } from "../../client/generated/graphql";
import { startTestApp, type TestApp } from "../support/harness";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

const MiB = 1024 ** 2;
const SIZE = 10 * MiB + 1000; // parts of 5 MiB, 5 MiB and 1000 bytes: the RGW's minimum part size, as on AWS

// @valet/client's MULTIPART path from Node 20 (fetch) against the real API and the test RGW.
describe("@valet/client multipart uploads in Node", () => {
  let t: TestApp;
  let sam: string;
  const bytes = pngBytes(SIZE);
  for (let i = 64; i < SIZE; i++) bytes[i] = (i * 31 + (i >> 20)) & 0xff; // as in multipart.e2e: still a PNG to the verifier
  const file = new File([bytes], "reel.png", { type: "image/png", lastModified: 1700000000000 });

  beforeAll(async () => {
    t = await startTestApp();
    sam = await tokenFor("sam", ["staff"]);
  });
  afterAll(() => t.close());

  /** fetch, counting the part numbers it PUTs. */
  function countingTransport(): Transport & { parts: number[] } {
    const parts: number[] = [];
    const send = fetchTransport();
    return Object.assign(
      (req: Parameters<Transport>[0]) => {
        const n = new URL(req.url).searchParams.get("partNumber");
        if (n) parts.push(Number(n));
        return send(req);
      },
      { parts },
    );
  }

  it("resumes an aborted upload from the parts S3 holds and completes it byte-identical", async () => {
    const store = memoryResumeStore();
    const first = countingTransport();
    const valet = (transport: Transport) => createValetClient({ url: t.url, getToken: () => sam, transport, resumeStore: store });
    const controller = new AbortController();
    const stopAfterOnePart = (p: UploadProgress) => p.loaded >= 5 * MiB && controller.abort();
    const options = { profile: "press-kit" as const, method: "MULTIPART" as const, resume: true, parallel: 1 };
    await expect(
      valet(first).upload(file, { ...options, signal: controller.signal, onProgress: stopAfterOnePart }),
    ).rejects.toMatchObject({
      code: "ABORTED",
    });
    expect(first.parts).toEqual([1]); // aborted as part 1 was stored: part 2 never left

    const second = countingTransport();
    const object = await valet(second).upload(file, options);
    expect(second.parts).toEqual([2, 3]);
    expect(object).toMatchObject({ state: "AVAILABLE", size: SIZE });
    const { data } = await t.gql(ObjectDocument, { key: object.key }, sam);
    const res = await fetch(data!.object!.downloadUrl!);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
  });
});
