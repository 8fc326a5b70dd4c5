import { print } from "graphql";
import { MeDocument, ServerTimeDocument, type MeQuery } from "../../client/generated/graphql";
import { dataOf, type GqlResult } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor, unsignedToken } from "../support/tokens";

/** Sends Me with hand-made headers and URL, for the tests about where the token may come from. */
const sendMe = async (url: string, headers: Record<string, string>) => {
  const body = JSON.stringify({ query: print(MeDocument) });
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  return (await res.json()) as GqlResult<MeQuery>;
};

describe("bearer tokens", () => {
  let t: InProcessApp;
  beforeAll(async () => {
    t = await startInProcessApp();
  });
  afterAll(() => t.close());

  it("accepts a valid dev token and reports its subject and roles", async () => {
    const res = await t.gql(MeDocument, {}, await tokenFor("alice", ["user", "staff"]));
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toEqual({ id: "alice", roles: ["user", "staff"] });
  });

  const bad: Array<[string, () => Promise<string | undefined>]> = [
    ["no token", async () => undefined],
    ["an expired token", () => tokenFor("alice", ["user"], { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ["an unsigned token (alg: none, which jose refuses whatever it is told)", async () => unsignedToken("alice")],
    [
      "a token signed HS512 with the configured secret (only HS256 is pinned)",
      () => tokenFor("alice", ["user"], { alg: "HS512" }),
    ],
    [
      "a token signed with another secret",
      () => tokenFor("alice", ["user"], { key: new TextEncoder().encode("not-the-dev-secret-at-all-0123456789") }),
    ],
    ["a token without exp", () => tokenFor("alice", ["user"], { omitExp: true })],
    ["a token without sub", () => tokenFor("alice", ["user"], { claims: { sub: undefined } })],
    ["a token whose sub is a dot segment", () => tokenFor("..")],
  ];

  it.each(bad)("refuses %s with UNAUTHENTICATED", async (_label, make) => {
    const res = await t.gql(MeDocument, {}, await make());
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  // sub becomes a key segment, so it must be a non-empty string of at most 128 characters.
  const unusableSubjects: Array<[string, unknown]> = [
    ["a number", 123],
    ["an array", ["x"]],
    ["an object", {}],
    ["a boolean", true],
    ["null", null],
    ["empty", ""],
    ["129 characters long", "x".repeat(129)],
  ];
  it.each(unusableSubjects)("refuses a token whose sub is %s with UNAUTHENTICATED", async (_label, sub) => {
    const res = await t.gql(MeDocument, {}, await tokenFor("alice", ["user"], { claims: { sub } }));
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("accepts a sub of exactly 128 characters", async () => {
    const res = await t.gql(MeDocument, {}, await tokenFor("x".repeat(128)));
    expect(res.data?.me.id).toBe("x".repeat(128));
  });

  it("accepts tokens of any age, and without iat, when no maximum age is configured", async () => {
    for (const iat of [Math.floor(Date.now() / 1000) - 86_400, undefined]) {
      const res = await t.gql(MeDocument, {}, await tokenFor("alice", ["user"], { claims: { iat } }));
      expect(res.data?.me?.id).toBe("alice");
    }
  });

  it("reads the token only from the Authorization header", async () => {
    const token = await tokenFor("alice");
    const body = await sendMe(`${t.url}?access_token=${token}`, { cookie: `token=${token}` });
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("accepts the scheme name in any case", async () => {
    const body = await sendMe(t.url, { authorization: `bearer ${await tokenFor("alice")}` });
    expect(body.data?.me.id).toBe("alice");
  });

  it("refuses a malformed Authorization header", async () => {
    const body = await sendMe(t.url, { authorization: `Token ${await tokenFor("alice")}` });
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
  // Which root fields need a token or a role: deny-by-default.test.ts, derived from the schema.
  it("answers serverTime without a token, with the server's clock", async () => {
    const res = await t.gql(ServerTimeDocument);
    expect(Math.abs(new Date(dataOf(res).serverTime).getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe("bearer tokens with AUTH_MAX_TOKEN_AGE_SECONDS", () => {
  let t: InProcessApp;
  beforeAll(async () => {
    t = await startInProcessApp({ AUTH_MAX_TOKEN_AGE_SECONDS: "60" });
  });
  afterAll(() => t.close());

  const issuedSecondsAgo = (age: number) => tokenFor("alice", ["user"], { claims: { iat: Math.floor(Date.now() / 1000) - age } });

  it("accepts a token issued within the maximum age", async () => {
    const res = await t.gql(MeDocument, {}, await issuedSecondsAgo(30));
    expect(res.data?.me?.id).toBe("alice");
  });

  it.each([
    ["issued longer ago than the maximum age", () => issuedSecondsAgo(120)],
    ["without iat", () => tokenFor("alice", ["user"], { claims: { iat: undefined } })],
  ])("refuses a token %s with UNAUTHENTICATED", async (_label, make) => {
    const res = await t.gql(MeDocument, {}, await make());
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
