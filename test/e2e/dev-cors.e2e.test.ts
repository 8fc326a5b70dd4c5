import { randomBytes } from "node:crypto";
import { loadConfig } from "../../src/config/config";
import { bucketCorsOrigins, corsPolicyOf } from "../../src/http/cors";
import { createStorage } from "../../src/storage/storage";
import { TEST_S3 } from "../support/ceph";

// The bucket's CORS rule as main.ts sets it (S3_ENSURE_BUCKET), in each mode, answered by Ceph itself.
const PROD_SECRET = "valet-development-secret-do-not-use-in-production-but-longer";

describe.each([
  [
    "development",
    "development",
    ["http://localhost:5173", "http://localhost:5174", "http://127.0.0.1:4173"],
    ["https://evil.example"],
  ],
  [
    "production",
    "production",
    ["http://localhost:5173"],
    ["http://localhost:5174", "http://127.0.0.1:4173", "https://evil.example"],
  ],
])("the bucket's CORS rule in %s (on Ceph)", (_mode, nodeEnv, allowed, denied) => {
  const bucket = `valet-cors-${randomBytes(5).toString("hex")}`;
  const config = loadConfig({
    NODE_ENV: nodeEnv,
    AUTH_JWT_SECRET: PROD_SECRET,
    CORS_ORIGINS: "http://localhost:5173",
    S3_ENDPOINT: TEST_S3.endpoint,
    S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
    S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
    S3_BUCKET: bucket,
  });

  beforeAll(async () => {
    const storage = createStorage(config.s3);
    await storage.ensureBucket(bucketCorsOrigins(corsPolicyOf(config.http))).finally(() => storage.close());
  });

  const preflight = (origin: string) =>
    fetch(`${TEST_S3.endpoint}/${bucket}/users/x`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST" },
    });

  it.each(allowed)("lets %s POST to the bucket", async (origin) => {
    const res = await preflight(origin);
    expect(res.status).toBe(200);
    expect(res.headers.get("access-control-allow-origin")).toBe(origin);
  });

  it.each(denied)("gives %s no CORS permission", async (origin) => {
    expect((await preflight(origin)).headers.get("access-control-allow-origin")).toBeNull();
  });
});
