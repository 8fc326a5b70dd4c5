import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from "jose";
import { DEV_JWT_SECRET, loadConfig } from "../config/config";
import { ASYMMETRIC_JWT_ALGORITHMS } from "../config/jwt-algorithms";
import { AppError } from "../errors/app-error";
import { createTokenVerifier } from "./verify-token";

const root = `${__dirname}/../..`;
const now = () => Math.floor(Date.now() / 1000);
const devToken = (iat: number, exp: number) =>
  new SignJWT({ sub: "alice", iat, exp }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(DEV_JWT_SECRET));

describe("createTokenVerifier", () => {
  // One list feeds both the env schema and the verifier: every algorithm the config accepts verifies.
  test.each(ASYMMETRIC_JWT_ALGORITHMS)("accepts AUTH_PUBLIC_KEY_ALG=%s and verifies a token signed with it", async (alg) => {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    const config = loadConfig({ AUTH_PUBLIC_KEY: await exportSPKI(publicKey), AUTH_PUBLIC_KEY_ALG: alg }, root);
    const token = await new SignJWT({ sub: "alice" }).setProtectedHeader({ alg }).setExpirationTime("5m").sign(privateKey);
    expect((await (await createTokenVerifier(config.auth))(token)).viewer.id).toBe("alice");
  });

  it("keeps a verification valid until exp when no maximum age is configured", async () => {
    const verify = await createTokenVerifier(loadConfig({}, root).auth);
    const [iat, exp] = [now() - 30, now() + 600];
    expect((await verify(await devToken(iat, exp))).expiresAt).toBe(exp * 1000);
  });

  it("ends a verification when the token reaches its maximum age, before exp, so the cache cannot outlive it", async () => {
    const verify = await createTokenVerifier(loadConfig({ AUTH_MAX_TOKEN_AGE_SECONDS: "60" }, root).auth);
    const [iat, exp] = [now() - 30, now() + 600];
    expect((await verify(await devToken(iat, exp))).expiresAt).toBe((iat + 60) * 1000);
  });

  describe("with a JWKS URL", () => {
    let server: Server;
    let url: string;
    const keys = generateKeyPair("ES256", { extractable: true });
    beforeAll(async () => {
      const jwk = { ...(await exportJWK((await keys).publicKey)), kid: "k1", alg: "ES256" };
      server = createServer((_req, res) =>
        res.setHeader("content-type", "application/json").end(JSON.stringify({ keys: [jwk] })),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it("verifies a token signed by a key the JWKS publishes", async () => {
      const verify = await createTokenVerifier(loadConfig({ AUTH_JWKS_URL: url }, root).auth);
      const token = await new SignJWT({ sub: "alice" })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setExpirationTime("5m")
        .sign((await keys).privateKey);
      expect((await verify(token)).viewer.id).toBe("alice");
    });

    it("lets an unreachable key server fail the request as an internal error, not as a bad token", async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const verify = await createTokenVerifier(loadConfig({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` }, root).auth);
      const token = await new SignJWT({ sub: "alice" })
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setExpirationTime("5m")
        .sign((await keys).privateKey);
      const error = await verify(token).catch((e: unknown) => e);
      // fetch's own TypeError (from Node's realm, hence matched by name), not an UNAUTHENTICATED AppError.
      expect(error).toMatchObject({ name: "TypeError" });
      expect(error).not.toBeInstanceOf(AppError);
    });

    it("refuses an HS256 token even when it names the JWKS key", async () => {
      const verify = await createTokenVerifier(loadConfig({ AUTH_JWKS_URL: url }, root).auth);
      const token = await new SignJWT({ sub: "alice" })
        .setProtectedHeader({ alg: "HS256", kid: "k1" })
        .setExpirationTime("5m")
        .sign(new TextEncoder().encode(DEV_JWT_SECRET));
      await expect(verify(token)).rejects.toMatchObject({
        code: "UNAUTHENTICATED",
        message: "The token's signing algorithm is not accepted",
      });
    });
  });
});
