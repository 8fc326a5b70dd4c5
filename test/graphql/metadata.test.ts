import {
  CompleteUploadDocument,
  MyObjectsDocument,
  ObjectDocument,
  RequestUploadDocument,
  UploadProfilesDocument,
  type RequestUploadInput,
} from "../../client/generated/graphql";
import { createLogger } from "../../src/observability/logger";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { PNG_PROFILE, writeProfilesFile } from "../support/profiles-file";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

const POST_SCHEMA = {
  type: "object",
  properties: { postId: { type: "string", pattern: "^p[0-9]+$" }, tags: { type: "array", items: { type: "string" } } },
  required: ["postId"],
};
// A value no key, URL or log line may ever show.
const MARKER = "customer-4711-private";

// The app's metadata on an upload: checked against the profile's schema, stored with the object,
// returned by the API, and never written where it could leak (keys, URLs, logs).
describe("upload metadata", () => {
  const lines: string[] = [];
  const profiles = writeProfilesFile({ post: { ...PNG_PROFILE, metadataSchema: POST_SCHEMA }, free: PNG_PROFILE });
  let t: InProcessApp;
  let alice: string;

  beforeAll(async () => {
    const logger = createLogger({ level: "debug", format: "json", destination: { write: (line) => lines.push(line) } });
    t = await startInProcessApp({ PROFILES_FILE: profiles.path }, { logger });
    alice = await tokenFor("alice");
  });
  afterAll(async () => {
    await t.close();
    profiles.remove();
  });

  const objectCount = async () => dataOf(await t.gql(MyObjectsDocument, { first: 100 }, alice)).myObjects.nodes.length;
  const request = (input: Partial<RequestUploadInput>) =>
    t.gql(
      RequestUploadDocument,
      { input: { profile: "post", filename: "a.png", contentType: "image/png", size: 64, ...input } },
      alice,
    );

  it("stores the metadata with the object and returns it from completeUpload and object", async () => {
    const metadata = { postId: "p42", tags: ["cat", MARKER] };
    const grant = dataOf(await request({ metadata })).requestUpload;
    expect(JSON.stringify(grant)).not.toContain(MARKER);
    t.upload(grant, pngBytes(64));
    expect(dataOf(await t.gql(CompleteUploadDocument, { grantId: grant.id }, alice)).completeUpload.state).toBe("AVAILABLE");
    expect(dataOf(await t.gql(ObjectDocument, { key: grant.key }, alice)).object).toMatchObject({ metadata });
    expect(lines.filter((l) => l.includes(MARKER))).toEqual([]);
  });

  it("answers null metadata for an upload under a profile without a schema that was given none", async () => {
    const grant = dataOf(await request({ profile: "free" })).requestUpload;
    expect(dataOf(await t.gql(ObjectDocument, { key: grant.key }, alice)).object?.metadata).toBeNull();
  });

  test.each<[string, Partial<RequestUploadInput>, string]>([
    ["metadata that breaks the schema", { metadata: { postId: "x" } }, "metadata.postId"],
    ["no metadata where the schema requires some", {}, "metadata.postId"],
    ["a wrong item type deep inside", { metadata: { postId: "p1", tags: ["ok", 3] } }, "metadata.tags.1"],
    ["more than 4 KiB without a schema", { profile: "free", metadata: { p: "x".repeat(4096) } }, "metadata"],
  ])("refuses %s with BAD_USER_INPUT naming the path, and records nothing", async (_label, input, field) => {
    const before = await objectCount();
    const res = await request(input);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ path: ["requestUpload"], extensions: { code: "BAD_USER_INPUT", field } });
    expect(await objectCount()).toBe(before);
  });

  test.each([
    ["a list", ["p1"]],
    ["a string", "p1"],
  ])("refuses %s as metadata (a JSON object is required)", async (_label, metadata) => {
    const res = await t.gql(
      `mutation ($input: RequestUploadInput!) { requestUpload(input: $input) { id } }`,
      { input: { profile: "free", filename: "a.png", contentType: "image/png", size: 64, metadata } },
      alice,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("publishes each profile's schema, and null for a profile without one", async () => {
    const listed = dataOf(await t.gql(UploadProfilesDocument, {}, alice)).uploadProfiles;
    expect(listed.find((p) => p.name === "post")?.metadataSchema).toEqual(POST_SCHEMA);
    expect(listed.find((p) => p.name === "free")?.metadataSchema).toBeNull();
  });
});
