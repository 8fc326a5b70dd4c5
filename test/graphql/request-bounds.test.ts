import {
  CompleteUploadDocument,
  GrantsDocument,
  MyObjectsDocument,
  RequestUploadDocument,
  type GrantKind,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

// Class: aliases / batching / depth / size — one request can only do a bounded amount of work,
// and a request over a bound is refused whole: nothing signed, nothing recorded.
const aliased = (n: number, field: string) =>
  `mutation($keys: [String!]!) { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(" ")} }`;

describe("request bounds", () => {
  let t: InProcessApp;
  let alice: string;
  let admin: string;
  let key: string;
  const grantsOf = async (kind: GrantKind) =>
    dataOf(await t.gql(GrantsDocument, { filter: { kind }, first: 100 }, admin)).grants.nodes.length;

  beforeAll(async () => {
    // Depth 3 and a generous cost limit, so each test below meets only the bound it is about.
    t = await startInProcessApp({ GRAPHQL_MAX_DEPTH: "3", GRAPHQL_MAX_COST: "100000" });
    alice = await tokenFor("alice");
    admin = await tokenFor("root", ["admin"]);
    const g = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).requestUpload;
    t.upload(g, pngBytes(64));
    key = dataOf(await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).completeUpload.key;
  });
  afterAll(() => t.close());

  it("issues 1000 download grants in one batch (allowed)", async () => {
    const res = await t.gql<{ a0: unknown[] }>(
      aliased(1, "requestDownloads(keys: $keys) { url }"),
      { keys: Array(1000).fill(key) },
      alice,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.a0).toHaveLength(1000);
  });

  it("refuses batches that add up to more than 1000 grants across aliases, and records none of them", async () => {
    const before = await grantsOf("DOWNLOAD");
    const res = await t.gql(aliased(2, "requestDownloads(keys: $keys) { url }"), { keys: Array(600).fill(key) }, alice);
    expect(res.status).toBe(400);
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: "REQUEST_TOO_LARGE", limit: 1000, requested: 1200 }),
      }),
    ]);
    expect(JSON.stringify(res)).not.toContain("X-Amz-Signature");
    expect(await grantsOf("DOWNLOAD")).toBe(before);
  });

  it("counts downloadUrl once per listed object: 11 pages of 100 are over the budget, a page of 10 is not", async () => {
    const page = (first: number) => `myObjects(first: ${first}) { nodes { downloadUrl } }`;
    const over = await t.gql(`{ ${Array.from({ length: 11 }, (_, i) => `p${i}: ${page(100)}`).join(" ")} }`, {}, alice);
    expect(over.errors?.[0].extensions).toMatchObject({ code: "REQUEST_TOO_LARGE", requested: 1100 });
    const fine = await t.gql(MyObjectsDocument, { first: 10 }, alice);
    expect(fine.errors).toBeUndefined();
    expect(fine.data?.myObjects.nodes[0].downloadUrl).toContain("X-Amz-Signature");
  });

  it("refuses more than 15 aliases before anything runs (15 are allowed)", async () => {
    const upload = 'requestUpload(input: { profile: "avatar", filename: "a.png", contentType: "image/png", size: 10 }) { id }';
    const before = await grantsOf("UPLOAD");
    const over = await t.gql(aliased(16, upload).replace("($keys: [String!]!)", ""), {}, alice);
    expect(over.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(over.errors?.[0].message).toMatch(/aliases/i);
    expect(await grantsOf("UPLOAD")).toBe(before);
    const fine = await t.gql(aliased(15, upload).replace("($keys: [String!]!)", ""), {}, alice);
    expect(fine.errors).toBeUndefined();
    expect(await grantsOf("UPLOAD")).toBe(before + 15);
  });

  it("refuses a query deeper than the configured depth (3 here) and answers one at that depth", async () => {
    const deep = await t.gql("{ myObjects { nodes { owner { roles } } } }", {}, admin);
    expect(deep.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(deep.errors?.[0].message).toMatch(/depth/i);
    const fine = await t.gql("{ myObjects { nodes { key } } }", {}, admin);
    expect(fine.errors).toBeUndefined();
  });

  it("counts fields, not fragments, toward the depth: inside a fragment too deep is still too deep", async () => {
    const kinds = "mutation($i: RequestUploadInput!) { requestUpload(input: $i) { ... on PostUploadGrant { fields { name } } } }";
    expect((await t.gql(kinds, { i: avatarInput() }, alice)).errors).toBeUndefined();
    const deep = await t.gql(
      "{ myObjects { ...n } } fragment n on StoredObjectConnection { nodes { ... on StoredObject { owner { roles } } } }",
      {},
      admin,
    );
    expect(deep.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(deep.errors?.[0].message).toMatch(/depth/i);
  });

  it("does not offer automatic persisted queries", async () => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }),
    });
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(
      "PERSISTED_QUERY_NOT_SUPPORTED",
    );
  });
});

describe("the grant count of a repeated document (counted once when no variable can change it)", () => {
  let t: InProcessApp;
  let alice: string;
  const twoDownloads = "a: requestDownload(input: $input) { url } b: requestDownload(input: $input) { url }";

  beforeAll(async () => {
    t = await startInProcessApp({ GRANTS_PER_REQUEST_MAX: "2" });
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());
  const codeOf = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => res.errors?.[0]?.extensions?.code;

  it("refuses a fixed over-budget document every time it is sent, not only the first", async () => {
    const query = `mutation($input: RequestDownloadInput!) { ${twoDownloads} c: requestDownload(input: $input) { url } }`;
    for (let i = 0; i < 3; i++) expect(codeOf(await t.gql(query, { input: { key: "k" } }, alice))).toBe("REQUEST_TOO_LARGE");
  });

  it("counts a list variable's length on every request of the same document (2 keys allowed, then 3 denied)", async () => {
    const query = "mutation($keys: [String!]!) { requestDownloads(keys: $keys) { url } }";
    expect(codeOf(await t.gql(query, { keys: ["a", "b"] }, alice))).not.toBe("REQUEST_TOO_LARGE");
    expect(codeOf(await t.gql(query, { keys: ["a", "b", "c"] }, alice))).toBe("REQUEST_TOO_LARGE");
  });

  it("counts the fields an @include variable adds on every request of the same document (false allowed, true denied)", async () => {
    const query = `mutation($input: RequestDownloadInput!, $more: Boolean!) { ${twoDownloads} c: requestDownload(input: $input) @include(if: $more) { url } }`;
    expect(codeOf(await t.gql(query, { input: { key: "k" }, more: false }, alice))).not.toBe("REQUEST_TOO_LARGE");
    expect(codeOf(await t.gql(query, { input: { key: "k" }, more: true }, alice))).toBe("REQUEST_TOO_LARGE");
  });
});

describe("with the default limits", () => {
  const ask = async (env: Record<string, string>, query: string, token?: string) => {
    const t = await startInProcessApp(env);
    try {
      return await t.gql(query, {}, token);
    } finally {
      await t.close();
    }
  };

  it("refuses a query whose cost is over 20000 (15 full pages of objects) and answers one page", async () => {
    const alice = await tokenFor("alice");
    const node = "key size contentType filename profile state rejectReason createdAt completedAt";
    const pages = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `p${i}: myObjects(first: 100) { nodes { ${node} } }`).join(" ")} }`;
    const over = await ask({}, pages(15), alice);
    expect(over.errors?.[0]).toMatchObject({ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(over.errors?.[0].message).toMatch(/cost/i);
    expect((await ask({}, pages(1), alice)).errors).toBeUndefined();
  });

  // 13 tokens around the keys: `mutation { requestDownloads ( keys : [ … ] ) { url } }`.
  const tokens = (n: number) =>
    `mutation { requestDownloads(keys: [${Array.from({ length: n - 13 }, (_, i) => `"k${i}"`).join(" ")}]) { url } }`;

  it.each(["true", "false"])(
    "answers a document over 3000 tokens with 400 at parse time, and parses one of 3000 (GRAPHQL_DIRECT_EXECUTION=%s)",
    async (lane) => {
      const alice = await tokenFor("alice");
      const t = await startInProcessApp({ GRAPHQL_DIRECT_EXECUTION: lane });
      try {
        // Twice each: the second sight of a query text is the one the lane may answer.
        for (let i = 0; i < 2; i++) {
          const over = await t.gql(tokens(3001), {}, alice);
          expect(over.status).toBe(400);
          expect(over.errors).toEqual([expect.objectContaining({ extensions: { code: "GRAPHQL_PARSE_FAILED" } })]);
          expect(over.errors?.[0].message).toMatch(/more that 3000 tokens/);
          // Parsed and validated: only the grant budget (3000 - 13 keys) refuses it.
          const at = await t.gql(tokens(3000), {}, alice);
          expect(at.status).toBe(400);
          expect(at.errors?.[0].extensions).toMatchObject({ code: "REQUEST_TOO_LARGE", requested: 2987 });
        }
      } finally {
        await t.close();
      }
    },
  );

  const suggestion = async (env: Record<string, string>) => (await ask(env, "{ serverTim }")).errors?.[0].message ?? "";

  it("gives field suggestions in development, where the schema is public anyway", async () => {
    expect(await suggestion({})).toMatch(/Did you mean "serverTime"/);
  });

  it("gives no field suggestions in production, where introspection is off (class: introspection and suggestions)", async () => {
    const message = await suggestion({ NODE_ENV: "production", AUTH_JWT_SECRET: "p".repeat(40) });
    expect(message).toMatch(/Cannot query field "serverTim"/);
    expect(message).not.toMatch(/serverTime|Did you mean/);
  });
});
