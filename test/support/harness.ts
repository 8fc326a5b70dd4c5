import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { createApp, type App, type AppOverrides } from "../../src/app";
import { loadConfig, type Config } from "../../src/config/config";
import type * as S3StorageModule from "../../src/storage/storage";
import { TEST_S3 } from "./ceph";

export interface TestApp {
  app: App;
  config: Config;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** A typed document (client/generated) gives typed data; a raw string is for malformed or ad-hoc operations. */
  gql<R, V>(document: TypedDocumentNode<R, V>, variables?: V, token?: string): Promise<GqlResult<R>>;
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  close(): Promise<void>;
}

export interface GqlResult<T> {
  status: number;
  data: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [k: string]: unknown } }>;
}

/** The data of an answer that must have some; otherwise throws its errors, so the test fails saying why. */
export function dataOf<T>(res: GqlResult<T>): T {
  if (res.data == null) throw new Error(`expected data, got errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** Configuration for a test app: a fresh bucket on the test RGW, a database URL, extra env. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig(
    {
      NODE_ENV: "test",
      S3_ENDPOINT: TEST_S3.endpoint,
      S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
      S3_BUCKET: `valet-test-${randomBytes(5).toString("hex")}`,
      S3_ENSURE_BUCKET: "true",
      DATABASE_URL: ":memory:",
      REAP_INTERVAL_SECONDS: "0",
      LOG_LEVEL: "silent",
      ...env,
    },
    resolve(__dirname, "../.."),
  );
}

/** Starts the real app on an ephemeral port against the test RGW (S3_ENSURE_BUCKET=false skips the bucket). */
export async function startTestApp(config = testConfig(), overrides: AppOverrides = {}): Promise<TestApp> {
  if (config.s3.ensureBucket) {
    // Required here, not imported at the top: in-process tests import this file and never touch S3.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred load, see above
    const { createStorage } = require("../../src/storage/storage") as typeof S3StorageModule;
    const storage = createStorage(config.s3);
    await storage.ensureBucket(config.http.corsOrigins).finally(() => storage.close());
  }
  const app = await createApp(config, overrides);
  await new Promise<void>((ok) => app.httpServer.listen(0, "127.0.0.1", ok));
  const { port } = app.httpServer.address() as AddressInfo;
  await app.pushS3Events(port);
  const url = `http://127.0.0.1:${port}/graphql`;
  return {
    app,
    config,
    url,
    async gql(query: string | TypedDocumentNode<unknown, unknown>, variables?: unknown, token?: string) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: typeof query === "string" ? query : print(query), variables }),
      });
      const body = (await res.json()) as GqlResult<unknown>;
      return { status: res.status, data: body.data ?? null, errors: body.errors };
    },
    close: () => app.close(),
  };
}
