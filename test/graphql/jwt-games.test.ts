import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type JWK, type JWTHeaderParameters } from "jose";
import { MeDocument } from "../../client/generated/graphql";
import type { GqlResult } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";

// Every game a client can play with a JWT ends in UNAUTHENTICATED, and each sits beside the
// legitimate token that works on the same app. Tokens outside the header sent by POST, alg none,
// HS512 and expiry without tolerance are in "bearer tokens" (test/graphql/auth.test.ts).

type Key = Parameters<SignJWT["sign"]>[0];
type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
type Me = GqlResult<{ me: { id: string } }>;

const sign = (key: Key, header: JWTHeaderParameters, claims: Record<string, unknown> = {}) =>
  new SignJWT({ sub: "alice", roles: ["user"], ...claims })
    .setProtectedHeader(header)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key);
const bytes = (text: string) => new TextEncoder().encode(text);

/** HS256 over an empty secret, which jose refuses to sign with: what a kid pointing at /dev/null would read. */
function signWithEmptySecret(kid: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const input = `${part({ alg: "HS256", kid })}.${part({ sub: "alice", roles: ["user"], iat: now, exp: now + 300 })}`;
  return `${input}.${createHmac("sha256", Buffer.alloc(0)).update(input).digest("base64url")}`;
}

function expectRefused(res: Me) {
  expect(res.data).toBeNull();
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
}
function expectAlice(res: Me) {
  expect(res.errors).toBeUndefined();
  expect(res.data?.me.id).toBe("alice");
}

/** A key server on loopback: the real JWKS at /jwks.json, the attacker's at /attacker.json; it counts every fetch. */
interface KeyServer {
  origin: string;
  hits: Record<string, number>;
  close(): Promise<void>;
}
async function serveKeys(documents: Record<string, { keys: JWK[] }>): Promise<KeyServer> {
  const hits: Record<string, number> = {};
  const server: Server = createServer((req, res) => {
    hits[req.url!] = (hits[req.url!] ?? 0) + 1;
    const doc = documents[req.url!];
    res.writeHead(doc ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(doc ?? {}));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, hits, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

describe("JWT games", () => {
  let valet: KeyPair; // the issuer's RSA key
  let valetEc: KeyPair;
  let attacker: KeyPair;
  let attackerJwk: JWK;
  let keys: KeyServer;

  beforeAll(async () => {
    [valet, valetEc, attacker] = await Promise.all([
      generateKeyPair("RS256"),
      generateKeyPair("ES256"),
      generateKeyPair("RS256"),
    ]);
    attackerJwk = { ...(await exportJWK(attacker.publicKey)), kid: "attacker-1", alg: "RS256", use: "sig" };
    const real = { ...(await exportJWK(valet.publicKey)), kid: "valet-1", alg: "RS256", use: "sig" };
    keys = await serveKeys({ "/jwks.json": { keys: [real] }, "/attacker.json": { keys: [attackerJwk] } });
  });
  afterAll(() => keys.close());

  // The header parameters that would name a key or a key URL; verifiers must ignore them all.
  const keyHeaders = (kid: string) => ({
    "an embedded jwk header": { alg: "RS256", kid, jwk: attackerJwk },
    "a jku header": { alg: "RS256", kid, jku: `${keys.origin}/attacker.json` },
    "an x5u header": { alg: "RS256", kid, x5u: `${keys.origin}/attacker.json` },
  });

  describe("on an app that verifies with AUTH_PUBLIC_KEY", () => {
    const apps: Record<string, InProcessApp> = {};
    const pems: Record<string, string> = {};
    beforeAll(async () => {
      pems.RSA = await exportSPKI(valet.publicKey);
      pems.EC = await exportSPKI(valetEc.publicKey);
      apps.RSA = await startInProcessApp({ AUTH_PUBLIC_KEY: pems.RSA, AUTH_PUBLIC_KEY_ALG: "RS256" });
      apps.EC = await startInProcessApp({ AUTH_PUBLIC_KEY: pems.EC, AUTH_PUBLIC_KEY_ALG: "ES256" });
    });
    afterAll(() => Promise.all(Object.values(apps).map((a) => a.close())));

    it.each([
      ["RSA", "RS256"],
      ["EC", "ES256"],
    ] as const)("JWT games: key confusion allowed — the %s key's own %s token is accepted", async (kind, alg) => {
      const key = kind === "RSA" ? valet.privateKey : valetEc.privateKey;
      expectAlice(await apps[kind].gql(MeDocument, {}, await sign(key, { alg })));
    });

    it.each([
      ["RSA", "the PEM text"],
      ["RSA", "the PEM text without its last newline"],
      ["EC", "the PEM text"],
      ["EC", "the PEM text without its last newline"],
    ])("JWT games: key confusion — refuses HS256 whose HMAC secret is the %s public key, %s", async (kind, variant) => {
      const secret = variant.includes("without") ? pems[kind].trimEnd() : pems[kind];
      expectRefused(await apps[kind].gql(MeDocument, {}, await sign(bytes(secret), { alg: "HS256" })));
    });

    it.each(["an embedded jwk header", "a jku header", "an x5u header"] as const)(
      "JWT games: refuses a token signed by another key that names it in %s, and fetches nothing",
      async (header) => {
        const before = keys.hits["/attacker.json"] ?? 0;
        expectRefused(await apps.RSA.gql(MeDocument, {}, await sign(attacker.privateKey, keyHeaders("attacker-1")[header])));
        expect(keys.hits["/attacker.json"] ?? 0).toBe(before);
      },
    );
  });

  describe("on an app with an HS256 secret (the dev secret)", () => {
    let t: InProcessApp;
    let alice: string;
    beforeAll(async () => {
      [t, alice] = await Promise.all([startInProcessApp(), tokenFor("alice")]);
    });
    afterAll(() => t.close());

    it("JWT games: key confusion allowed — the secret's HS256 token is accepted", async () => {
      expectAlice(await t.gql(MeDocument, {}, alice));
    });

    it.each([
      ["an RS256 token signed by some RSA key", false],
      ["an RS256 token that carries its own public key as jwk", true],
    ])("JWT games: key confusion — refuses %s", async (_label, embedKey) => {
      const header = { alg: "RS256", ...(embedKey ? { jwk: attackerJwk } : {}) };
      expectRefused(await t.gql(MeDocument, {}, await sign(attacker.privateKey, header)));
    });

    // GET puts a token where logs and Referer headers keep it; Apollo serves queries over GET.
    const get = async (params: Record<string, string>, headers: Record<string, string> = {}) => {
      const res = await fetch(`${t.url}?${new URLSearchParams({ query: "{ me { id } }", ...params }).toString()}`, {
        headers: { "apollo-require-preflight": "true", ...headers },
      });
      return (await res.json()) as Me;
    };

    it("JWT games: token placement allowed — a GET with the token in the Authorization header is accepted", async () => {
      expectAlice(await get({}, { authorization: `Bearer ${alice}` }));
    });

    it("JWT games: token placement — refuses a GET with the token in the query string (access_token, token, jwt) or a cookie", async () => {
      expectRefused(
        await get({ access_token: alice, token: alice, jwt: alice }, { cookie: `token=${alice}; access_token=${alice}` }),
      );
    });

    it("JWT games: token placement — refuses a POST with the token in the body's extensions or beside the query", async () => {
      const res = await fetch(t.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: "{ me { id } }",
          access_token: alice,
          extensions: { authorization: `Bearer ${alice}`, token: alice },
        }),
      });
      expectRefused((await res.json()) as Me);
    });
  });

  describe("on an app with AUTH_JWKS_URL (a real JWKS served on loopback)", () => {
    let t: InProcessApp;
    beforeAll(async () => {
      t = await startInProcessApp({ AUTH_JWKS_URL: `${keys.origin}/jwks.json` });
    });
    afterAll(() => t.close());

    it("JWT games: kid allowed — a token signed by the JWKS key with its kid is accepted", async () => {
      expectAlice(await t.gql(MeDocument, {}, await sign(valet.privateKey, { alg: "RS256", kid: "valet-1" })));
    });

    const kids = [
      "../../../../../../dev/null",
      "/etc/passwd",
      "file:///etc/passwd",
      "' OR '1'='1",
      "valet-1' --",
      "valet-1\u0000",
      "./valet-1",
      "*",
      "",
    ];
    it.each(kids)("JWT games: kid tricks — refuses kid %j, signed by the attacker or by the real key", async (kid) => {
      for (const key of [attacker.privateKey, valet.privateKey]) {
        expectRefused(await t.gql(MeDocument, {}, await sign(key, { alg: "RS256", kid })));
      }
    });

    it("JWT games: kid tricks — refuses HS256 over an empty secret with kid /dev/null", async () => {
      expectRefused(await t.gql(MeDocument, {}, signWithEmptySecret("../../../../dev/null")));
    });

    it("JWT games: key confusion — refuses HS256 whose HMAC secret is the JWKS key's PEM, under its kid", async () => {
      const pem = await exportSPKI(valet.publicKey);
      expectRefused(await t.gql(MeDocument, {}, await sign(bytes(pem), { alg: "HS256", kid: "valet-1" })));
    });

    it.each(["an embedded jwk header", "a jku header", "an x5u header"] as const)(
      "JWT games: refuses a token signed by another key that names it in %s (attacker's kid or the real one), and fetches nothing",
      async (header) => {
        for (const kid of ["attacker-1", "valet-1"]) {
          expectRefused(await t.gql(MeDocument, {}, await sign(attacker.privateKey, keyHeaders(kid)[header])));
        }
        expect(keys.hits["/attacker.json"]).toBeUndefined();
      },
    );

    // jose refetches the JWKS for an unknown kid at most once per 30 s cooldown, so made-up kids
    // cannot turn every request into a fetch from the identity provider.
    it("JWT games: kid tricks — a run of made-up kids refetches the JWKS at most once", async () => {
      expectAlice(await t.gql(MeDocument, {}, await sign(valet.privateKey, { alg: "RS256", kid: "valet-1" })));
      const before = keys.hits["/jwks.json"];
      for (const kid of kids)
        expectRefused(await t.gql(MeDocument, {}, await sign(attacker.privateKey, { alg: "RS256", kid: `${kid}-x` })));
      expect(keys.hits["/jwks.json"] - before).toBeLessThanOrEqual(1);
    });
  });

  describe("on an app with AUTH_ISSUER and AUTH_AUDIENCE (5 s clock tolerance)", () => {
    let t: InProcessApp;
    beforeAll(async () => {
      t = await startInProcessApp({
        AUTH_ISSUER: "https://id.example",
        AUTH_AUDIENCE: "valet",
        AUTH_CLOCK_TOLERANCE_SECONDS: "5",
      });
    });
    afterAll(() => t.close());

    const now = () => Math.floor(Date.now() / 1000);
    const token = (claims: Record<string, unknown>, exp = now() + 300) =>
      tokenFor("alice", ["user"], { expiresIn: exp, claims: { iss: "https://id.example", aud: "valet", ...claims } });

    it.each([
      ["iss and aud as configured", () => token({})],
      ["aud as a list that names valet", () => token({ aud: ["other", "valet"] })],
      ["exp 2 s ago (within the tolerance)", () => token({}, now() - 2)],
      ["nbf 2 s ahead (within the tolerance)", () => token({ nbf: now() + 2 })],
    ])("JWT games: claims allowed — accepts %s", async (_label, make) => {
      expectAlice(await t.gql(MeDocument, {}, await make()));
    });

    it.each([
      ["exp 60 s ago (beyond the tolerance)", () => token({}, now() - 60)],
      ["nbf 60 s ahead (beyond the tolerance)", () => token({ nbf: now() + 60 })],
      ["another issuer", () => token({ iss: "https://evil.example" })],
      ["an issuer differing only in a trailing slash", () => token({ iss: "https://id.example/" })],
      ["no iss", () => token({ iss: undefined })],
      ["another audience", () => token({ aud: "not-valet" })],
      ["no aud", () => token({ aud: undefined })],
    ])("JWT games: claims — refuses %s", async (_label, make) => {
      expectRefused(await t.gql(MeDocument, {}, await make()));
    });
  });
});
