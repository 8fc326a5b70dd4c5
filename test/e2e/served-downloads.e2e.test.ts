import { ObjectDocument, RequestDownloadsDocument } from "../../client/generated/graphql";
import { dataOf, startTestApp, type TestApp } from "../support/harness";
import { tokenFor } from "../support/tokens";
import { uploadPng } from "../support/uploads";

// The GraphQL side of these grants runs in-process (test/graphql); here Ceph RGW proves it serves
// the URLs Valet signs.
describe("download URLs, served by Ceph RGW", () => {
  let t: TestApp;
  let alice: string;
  let available: string;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await tokenFor("alice");
    available = await uploadPng(t, alice);
  });
  afterAll(() => t.close());

  describe("StoredObject.downloadUrl (readers only)", () => {
    it("is a working URL for the owner", async () => {
      const url = dataOf(await t.gql(ObjectDocument, { key: available, expiresIn: 30 }, alice)).object?.downloadUrl;
      expect((await fetch(url ?? "")).status).toBe(200);
    });
  });

  describe("batch download grants", () => {
    it("serves the bytes behind a granted slot's URL, next to a NOT_FOUND slot", async () => {
      const res = await t.gql(
        RequestDownloadsDocument,
        { keys: ["users/alice/avatar/missing.png", available], expiresIn: 60 },
        alice,
      );
      const [missing, granted] = dataOf(res).requestDownloads;
      expect(missing).toBeNull();
      const served = await fetch(granted?.url ?? "");
      expect(served.status).toBe(200);
      expect((await served.arrayBuffer()).byteLength).toBe(64);
    });
  });
});
