import { RequestUploadDocument } from "../../client/generated/graphql";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import type { Store } from "../../src/store/types";

describe("error masking", () => {
  let t: InProcessApp;
  const logged: unknown[] = [];
  const broken = new Proxy({} as Store, {
    get: () => async () => {
      throw new Error("connection refused: db.internal:5432 password=hunter2");
    },
  });

  beforeAll(async () => {
    t = await startInProcessApp(
      { NODE_ENV: "production", AUTH_JWT_SECRET: "valet-development-secret-do-not-use-in-production-but-longer" },
      {
        store: broken,
        logger: { debug() {}, info() {}, warn() {}, error: (_m, e) => logged.push(e) },
      },
    );
  });
  afterAll(() => t.close());

  it("masks an unexpected failure, logs the original, and returns no URL", async () => {
    const token = await tokenFor("alice", ["user"], {
      key: new TextEncoder().encode("valet-development-secret-do-not-use-in-production-but-longer"),
    });
    const res = await t.gql(RequestUploadDocument, { input: avatarInput() }, token);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toEqual({
      message: "Internal server error",
      locations: expect.any(Array),
      path: ["requestUpload"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(JSON.stringify(res)).not.toContain("hunter2");
    expect(logged).toEqual([expect.objectContaining({ message: expect.stringContaining("hunter2") })]);
  });

  it("keeps introspection off in production", async () => {
    const res = await t.gql("{ __schema { queryType { name } } }");
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
