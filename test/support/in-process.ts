import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AppOverrides } from "../../src/app";
import { startTestApp, testConfig, type TestApp } from "./harness";
import { createMemoryStorage, type MemoryStorage } from "./memory-storage";
import { postFormOf, type AnyGrant } from "./uploads";

/** Nothing listens on the discard port: an in-process app that reached for S3 would fail loudly. */
export const DEAD_S3_ENDPOINT = "http://127.0.0.1:9";

export interface InProcessApp extends TestApp {
  /** The in-memory bucket behind the app; `upload` stands in for a client's POST. */
  storage: MemoryStorage;
  /** Puts bytes where an upload grant's form would: its `key` field, with its Content-Type. */
  upload(grant: AnyGrant, bytes: Uint8Array | string): void;
}

/**
 * The whole app in this process — HTTP handler, Apollo, resolvers, services, a SQLite registry in
 * a temp file — over an in-memory bucket instead of S3. For GraphQL behaviour (auth, validation,
 * bounds, errors, the registry); what S3 itself enforces is tested end to end on the RGW.
 */
export async function startInProcessApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<InProcessApp> {
  const dir = mkdtempSync(join(tmpdir(), "valet-inproc-"));
  const config = testConfig({
    S3_ENDPOINT: DEAD_S3_ENDPOINT,
    S3_ENSURE_BUCKET: "false",
    DATABASE_URL: join(dir, "valet.sqlite"),
    ...env,
  });
  const storage = createMemoryStorage({ bucket: config.s3.bucket });
  const t = await startTestApp(config, { storage, ...overrides });
  const field = (grant: AnyGrant, name: string) =>
    postFormOf(grant).fields.find((f) => f.name.toLowerCase() === name.toLowerCase())?.value ?? "";
  return {
    ...t,
    storage,
    upload: (grant, bytes) => void storage.put(field(grant, "key"), bytes, field(grant, "Content-Type")),
    async close() {
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
