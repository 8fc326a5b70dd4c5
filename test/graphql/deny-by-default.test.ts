import { parse, validate, type GraphQLSchema } from "graphql";
import { PUBLIC } from "../../src/auth/viewer";
import { buildValetSchema, resolvers } from "../../src/schema";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { rootFieldsOf, type RootField } from "../support/root-fields";
import { tokenFor } from "../support/tokens";

/**
 * The only root fields anyone may call without a token, each with the reason. A field belongs
 * here only if it is also marked @Authorized(PUBLIC); every other field needs a viewer.
 */
const PUBLIC_FIELDS: Readonly<Record<string, string>> = {
  serverTime: "clients measure their clock skew before they hold a token, to trust expiresAt",
};

const AUTH_CODES = ["UNAUTHENTICATED", "FORBIDDEN"];
const PLAIN_ROLES = ["user", "staff"];

const isPublic = (f: RootField) => f.roles?.includes(PUBLIC) ?? false;
const isAdminOnly = (f: RootField) => !isPublic(f) && (f.roles?.length ?? 0) > 0;
const codesOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

// Each case walks the fields in a loop (the schema is built asynchronously, after jest has collected
// its tests), naming the field in what it compares, so a root field added tomorrow is covered
// without anyone editing this file.
describe("deny by default, derived from the schema", () => {
  let t: InProcessApp;
  let schema: GraphQLSchema;
  let fields: RootField[];
  beforeAll(async () => {
    schema = await buildValetSchema();
    fields = rootFieldsOf(schema, resolvers);
    t = await startInProcessApp();
  });
  afterAll(() => t.close());

  it("walks every Query and Mutation field, and the schema has no other root", () => {
    expect(schema.getSubscriptionType()).toBeFalsy();
    const count =
      Object.keys(schema.getQueryType()?.getFields() ?? {}).length +
      Object.keys(schema.getMutationType()?.getFields() ?? {}).length;
    expect(fields).toHaveLength(count);
    expect(fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["abortUpload", "objects", "signUploadParts", "uploadedParts"]),
    );
  });

  it("builds a valid operation for every root field", () => {
    for (const f of fields) expect([f.name, validate(schema, parse(f.query))]).toEqual([f.name, []]);
  });

  it("finds every root field guarded by @Authorized, or public and on the allow-list", () => {
    const unguarded = fields.filter((f) => f.roles === undefined).map((f) => f.name);
    const publicButUnlisted = fields.filter((f) => isPublic(f) && !(f.name in PUBLIC_FIELDS)).map((f) => f.name);
    const listedButGuarded = Object.keys(PUBLIC_FIELDS).filter((name) => !fields.some((f) => f.name === name && isPublic(f)));
    expect({ unguarded, publicButUnlisted, listedButGuarded }).toEqual({
      unguarded: [],
      publicButUnlisted: [],
      listedButGuarded: [],
    });
  });

  it("refuses every non-public root field without a token (UNAUTHENTICATED)", async () => {
    for (const f of fields.filter((f) => !(f.name in PUBLIC_FIELDS))) {
      const res = await t.gql(f.query, f.variables);
      expect([f.name, res.data?.[f.name as never] ?? null, codesOf(res)]).toEqual([f.name, null, ["UNAUTHENTICATED"]]);
    }
  });

  it("refuses every admin-only root field to a viewer without its role (FORBIDDEN)", async () => {
    const adminOnly = fields.filter(isAdminOnly);
    expect(adminOnly.map((f) => f.name)).toEqual(expect.arrayContaining(["grants", "objects", "revokeGrant"]));
    for (const f of adminOnly) {
      const token = await tokenFor(
        "alice",
        PLAIN_ROLES.filter((r) => !f.roles?.includes(r)),
      );
      expect([f.name, codesOf(await t.gql(f.query, f.variables, token))]).toEqual([f.name, ["FORBIDDEN"]]);
    }
  });

  it("lets every guarded root field past the guard for a viewer holding its roles", async () => {
    for (const f of fields.filter((f) => !isPublic(f))) {
      const token = await tokenFor("alice", f.roles?.length ? [...f.roles] : PLAIN_ROLES);
      const codes = codesOf(await t.gql(f.query, f.variables, token));
      expect([f.name, codes.filter((c) => AUTH_CODES.includes(c ?? ""))]).toEqual([f.name, []]);
    }
  });

  it("answers every allow-listed field without a token", async () => {
    for (const f of fields.filter((f) => f.name in PUBLIC_FIELDS)) {
      const res = await t.gql(f.query, f.variables);
      expect([f.name, res.errors]).toEqual([f.name, undefined]);
    }
  });
});
