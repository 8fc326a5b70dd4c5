import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, type JWTPayload } from "jose";
import { DEV_JWT_SECRET, loadConfig } from "../config/config";
import { createTokenVerifier } from "./verify-token";

const root = `${__dirname}/../..`;
const secret = new TextEncoder().encode(DEV_JWT_SECRET);
const seconds = () => Math.floor(Date.now() / 1000);

/** An HS256 token under the dev secret; `exp` five minutes ahead unless the claims say otherwise. */
const token = (claims: JWTPayload, header: { alg: string } = { alg: "HS256" }) =>
  new SignJWT({ exp: seconds() + 300, ...claims }).setProtectedHeader(header).sign(secret);
const verifierFor = (env: Record<string, string> = {}) => createTokenVerifier(loadConfig(env, root).auth);
const verify = async (claims: JWTPayload, env: Record<string, string> = {}) => (await verifierFor(env))(await token(claims));

describe("token subject", () => {
  test.each([
    ["a plain id", "alice"],
    ["an email address", "alice@example.com"],
    ["128 characters", "a".repeat(128)],
    ["a name with dots inside", "a..b"],
  ])("accepts %s", async (_label, sub) => {
    expect((await verify({ sub })).viewer.id).toBe(sub);
  });

  test.each<[string, unknown]>([
    ["an empty subject", ""],
    ["129 characters", "a".repeat(129)],
    ["a dot segment", "."],
    ["a double-dot segment", ".."],
    ["a control character", "a\u0000b"],
    ["a bidi mark", "a\u200eb"],
    ["a number", 42],
  ])("refuses %s: it becomes a key segment", async (_label, sub) => {
    await expect(verify({ sub: sub as string })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "The token's subject is not usable",
    });
  });
});

describe("token roles", () => {
  test.each<[string, JWTPayload, Record<string, string>, string[]]>([
    ["an array, keeping only strings", { roles: ["user", 7, "admin"] }, {}, ["user", "admin"]],
    ["a string split on spaces and commas", { roles: "user, admin  editor" }, {}, ["user", "admin", "editor"]],
    ["a string with separators at both ends", { roles: " user,admin, " }, {}, ["user", "admin"]],
    ["no roles claim at all", {}, {}, []],
    ["a roles claim of another type", { roles: { admin: true } }, {}, []],
    [
      "a dotted path into nested claims",
      { realm: { access: { roles: ["admin"] } } },
      { AUTH_ROLES_CLAIM: "realm.access.roles" },
      ["admin"],
    ],
    [
      "a claim whose own name has a dot, before any path",
      { "app.roles": ["user"], app: { roles: ["admin"] } },
      { AUTH_ROLES_CLAIM: "app.roles" },
      ["user"],
    ],
    ["a dotted path through a non-object", { realm: "x" }, { AUTH_ROLES_CLAIM: "realm.access.roles" }, []],
    ["a dotted path through null", { realm: null }, { AUTH_ROLES_CLAIM: "realm.access.roles" }, []],
    // A path step into a string would otherwise index its characters: "admin"["0"] is "a".
    ["a dotted path that would index into a string", { realm: "admin" }, { AUTH_ROLES_CLAIM: "realm.0" }, []],
  ])("reads %s", async (_label, claims, env, roles) => {
    expect((await verify({ sub: "alice", ...claims }, env)).viewer.roles).toEqual(roles);
  });
});

describe("token refusals say why", () => {
  test.each<[string, JWTPayload, Record<string, string>, string]>([
    ["an expired token", { sub: "a", exp: seconds() - 60 }, {}, "The token has expired"],
    ["a token without sub", {}, {}, "The token's sub claim is not accepted"],
    [
      "a token from another issuer",
      { sub: "a", iss: "evil" },
      { AUTH_ISSUER: "https://id.example.com" },
      "The token's iss claim is not accepted",
    ],
    [
      "a token for another audience",
      { sub: "a", aud: "other" },
      { AUTH_AUDIENCE: "valet" },
      "The token's aud claim is not accepted",
    ],
    [
      "a token without iat when a maximum age is set",
      { sub: "a" },
      { AUTH_MAX_TOKEN_AGE_SECONDS: "60" },
      "The token's iat claim is not accepted",
    ],
  ])("refuses %s", async (_label, claims, env, message) => {
    await expect(verify(claims, env)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message });
  });

  it("refuses a token without exp", async () => {
    const noExp = await new SignJWT({ sub: "a" }).setProtectedHeader({ alg: "HS256" }).sign(secret);
    await expect((await verifierFor())(noExp)).rejects.toMatchObject({ message: "The token's exp claim is not accepted" });
  });

  it("refuses a token signed with an algorithm the key source does not pin", async () => {
    const hs512 = await token({ sub: "a" }, { alg: "HS512" });
    await expect((await verifierFor())(hs512)).rejects.toMatchObject({
      message: "The token's signing algorithm is not accepted",
    });
  });

  it("refuses a token signed with another secret as not valid", async () => {
    const forged = await new SignJWT({ sub: "a", exp: seconds() + 60 })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode("x".repeat(32)));
    await expect((await verifierFor())(forged)).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
      message: "The token is not valid",
    });
  });

  it("accepts a token from the configured issuer for the configured audience", async () => {
    const env = { AUTH_ISSUER: "https://id.example.com", AUTH_AUDIENCE: "valet" };
    expect((await verify({ sub: "a", iss: "https://id.example.com", aud: "valet" }, env)).viewer.id).toBe("a");
  });

  it("tolerates a clock a few seconds behind the issuer's, and no more than configured", async () => {
    const justExpired = { sub: "a", exp: seconds() - 3 };
    expect((await verify(justExpired, { AUTH_CLOCK_TOLERANCE_SECONDS: "30" })).viewer.id).toBe("a");
    await expect(verify(justExpired, { AUTH_CLOCK_TOLERANCE_SECONDS: "0" })).rejects.toMatchObject({
      message: "The token has expired",
    });
  });
});

describe("token claims the profiles name", () => {
  const png = { contentTypes: ["image/png"], maxBytes: 10, defaultExpiresIn: 60, maxExpiresIn: 60 };
  const profilesFile = (profiles: Record<string, object>) => {
    const file = join(mkdtempSync(join(tmpdir(), "valet-claims-")), "profiles.json");
    writeFileSync(file, JSON.stringify(profiles));
    return file;
  };
  // Orgs by {claim:org} and sameClaim "org"; teams by the dotted claim app.team.
  let env: Record<string, string>;
  beforeAll(() => {
    env = {
      PROFILES_FILE: profilesFile({
        org: { ...png, keyTemplate: "orgs/{claim:org}/users/{sub}/{uuid}", read: { sameClaim: "org" } },
        team: { ...png, keyTemplate: "users/{sub}/{uuid}", read: { sameClaim: "app.team" } },
      }),
    };
  });

  test.each<[string, JWTPayload, Record<string, string>]>([
    ["a string claim", { org: "acme" }, { org: "acme" }],
    ["a dotted path into an object claim", { org: "acme", app: { team: "red" } }, { org: "acme", "app.team": "red" }],
    ["a claim whose own name has the dot, before the path", { "app.team": "blue", app: { team: "red" } }, { "app.team": "blue" }],
    ["no claim", {}, {}],
    ["a number", { org: 42 }, {}],
    ["a list", { org: ["acme"] }, {}],
    ["an object", { org: { id: "acme" } }, {}],
    ["an empty string", { org: "" }, {}],
    ["a dot-dot segment", { org: ".." }, {}],
    ["a control character", { org: "a\u0000b" }, {}],
    ["129 characters", { org: "o".repeat(129) }, {}],
    ["an unnamed claim", { other: "x" }, {}],
  ])("keeps only usable strings: %s", async (_label, claims, expected) => {
    expect((await verify({ sub: "alice", ...claims }, env)).viewer.claims).toEqual(expected);
  });

  it("keeps exactly 128 characters", async () => {
    expect((await verify({ sub: "alice", org: "o".repeat(128) }, env)).viewer.claims).toEqual({ org: "o".repeat(128) });
  });

  it("does not read a claim name from the payload's prototype", async () => {
    const file = profilesFile({ p: { ...png, keyTemplate: "users/{sub}/{uuid}", read: { sameClaim: "constructor" } } });
    expect((await verify({ sub: "alice" }, { PROFILES_FILE: file })).viewer.claims).toEqual({});
  });

  it("adds no claims to viewers when no profile names one", async () => {
    expect((await verify({ sub: "alice", org: "acme" })).viewer).toEqual({ id: "alice", roles: [] });
  });
});
