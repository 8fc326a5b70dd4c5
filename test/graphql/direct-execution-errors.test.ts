import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import { openDatabase, type Database } from "../../src/store/database";
import { createStore } from "../../src/store/store";
import type { Store } from "../../src/store/types";
import { startLanePair, type LanePair } from "../support/lane-differential";
import { tokenFor } from "../support/tokens";

// The lane formats execution errors itself (errors/result-errors.ts re-implements Apollo's
// errorNormalize, which Apollo does not export) and hides "Did you mean" hints as Apollo's
// pipeline does. One case per shape of error it formats: both apps' registries throw the same
// error for the same key, and the answers must match (see direct-execution.test.ts), so an
// Apollo upgrade that changes how errors are normalised, or a change to the mask, fails here.
const FAILURES: Record<string, () => unknown> = {
  "http-head": () =>
    new GraphQLError("slow down", {
      extensions: { code: "RATE_LIMITED", http: { status: 429, headers: new HeaderMap([["retry-after", "7"]]) } },
    }),
  "http-not-a-head": () => new GraphQLError("slow down", { extensions: { code: "RATE_LIMITED", http: { status: "429" } } }),
  "plain-error": () => new TypeError("Cannot read properties of undefined (reading 'rows')"),
  "not-an-error": () => "a bare string",
  "unknown-code": () => new GraphQLError("SQLITE_BUSY: database is locked", { extensions: { code: "SQLITE_BUSY" } }),
  "no-code": () => new GraphQLError("no code at all"),
  suggestion: () =>
    new GraphQLError('no object at that key. Did you mean "users/bob/secret.png"?', { extensions: { code: "NOT_FOUND" } }),
};

describe("the direct lane formats each shape of error as Apollo does", () => {
  let pair: LanePair;
  let alice: string;
  const databases: Database[] = [];

  const failingStore = async (): Promise<Store> => {
    const database = await openDatabase(join(mkdtempSync(join(tmpdir(), "valet-lane-errors-")), "registry.sqlite"));
    databases.push(database);
    const store = createStore(database);
    return {
      ...store,
      findObjects: async (keys) => {
        const failure = keys.map((key) => FAILURES[key.split("/").at(-1)!]).find(Boolean);
        if (failure) throw failure();
        return store.findObjects(keys);
      },
    };
  };

  beforeAll(async () => {
    const stores = [await failingStore(), await failingStore()];
    pair = await startLanePair({ NODE_ENV: "production", AUTH_JWT_SECRET: SECRET }, () => ({ store: stores.pop() }));
    alice = await tokenFor("alice", ["user"], { key: new TextEncoder().encode(SECRET) });
  });
  afterAll(async () => {
    await pair?.close();
    await Promise.all(databases.map((d) => d.close()));
  });

  const failed = async (failure: keyof typeof FAILURES) => {
    const { ours, theirs, lane } = await pair.both({ body: download(`users/alice/${failure}`), token: alice });
    expect(lane).toBe("direct");
    expect(ours).toEqual(theirs);
    return { ...ours, body: JSON.parse(ours.body) as { data: unknown; errors: Array<{ message: string; extensions: object }> } };
  };
  const masked = [
    {
      message: "Internal server error",
      locations: expect.any(Array),
      path: ["requestDownload"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    },
  ];

  it("moves an http extension's status and headers into the response", async () => {
    const { status, headers, body } = await failed("http-head");
    expect(status).toBe(429);
    expect(headers["retry-after"]).toBe("7");
    expect(body.errors[0].extensions).toEqual({ code: "RATE_LIMITED" });
  });

  it("leaves an http extension that is not a status and headers in the error", async () => {
    const { status, body } = await failed("http-not-a-head");
    expect(status).toBe(200);
    expect(body.errors[0].extensions).toEqual({ code: "RATE_LIMITED", http: { status: "429" } });
  });

  it.each([
    ["a thrown Error that is not a GraphQLError", "plain-error"],
    ["a thrown value that is not an Error", "not-an-error"],
    ["a GraphQLError with a code that is not Valet's", "unknown-code"],
    ["a GraphQLError without a code", "no-code"],
  ])("masks %s as an internal error", async (_name, failure) => {
    const { status, body } = await failed(failure);
    expect(status).toBe(200);
    expect(body).toEqual({ errors: masked, data: null });
  });

  it('hides a "Did you mean" hint where the schema is not public', async () => {
    const { body } = await failed("suggestion");
    expect(body.errors[0].message).toBe("no object at that key. [Suggestion hidden]?");
    expect(JSON.stringify(body)).not.toContain("users/bob");
  });
});

const SECRET = "direct-execution-errors-secret-0123456789abcdef";
const download = (key: string) => ({
  query: "mutation Down($input: RequestDownloadInput!) { requestDownload(input: $input) { id url } }",
  variables: { input: { key } },
});
