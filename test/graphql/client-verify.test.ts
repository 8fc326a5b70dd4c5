import { createValetClient, ValetUploadError, type Transport } from "../../client/src/index";
import { ObjectDocument } from "../../client/generated/graphql";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

// @valet/client's verify stage against the real server in-process: the form lands in the in-memory
// bucket as S3 would store it, and completeUpload's answer decides. Transfers to S3 are on the RGW.
describe("@valet/client's verify stage", () => {
  let t: InProcessApp;
  let alice: string;

  beforeAll(async () => {
    t = await startInProcessApp();
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  // Stores the form's file under its `key` field with its Content-Type field, and answers 204 like S3.
  const intoMemory: Transport = async ({ body }) => {
    const form = body as FormData;
    const file = form.get("file") as Blob;
    const field = (name: string) => form.get(name) as string;
    t.storage.put(field("key"), new Uint8Array(await file.arrayBuffer()), field("Content-Type"));
    return { status: 204, body: "" };
  };
  const valet = () => createValetClient({ url: t.url, getToken: async () => alice, transport: intoMemory });
  const recordAt = async (key: string) => (await t.gql(ObjectDocument, { key }, alice)).data?.object ?? null;

  it("resolves an upload whose bytes pass verification to the AVAILABLE object", async () => {
    const object = await valet().upload(new Blob([pngBytes(64)], { type: "image/png" }), { profile: "avatar" });
    expect(object).toMatchObject({ state: "AVAILABLE", size: 64, id: expect.any(String) });
  });

  it("turns a REJECTED answer into a verify-stage REJECTED error, keeping the record that says why", async () => {
    const html = new Blob(["<!doctype html><p>hi</p>".padEnd(64)], { type: "image/png" });
    const error = await valet()
      .upload(html, { profile: "avatar", filename: "x.png" })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ValetUploadError);
    expect(error).toMatchObject({ stage: "verify", code: "REJECTED", message: expect.stringMatching(/not image\/png/) });
    const { key } = error as ValetUploadError;
    expect(await recordAt(key!)).toMatchObject({ state: "REJECTED", rejectReason: (error as Error).message });
  });
});
