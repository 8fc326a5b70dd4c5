/**
 * The second peer: Uppy Companion (its documented Express middleware) signing presigned POSTs
 * for the same endpoint and bucket as the other servers. `GET /s3/params?filename=…&type=…`
 * answers `{ method, url, fields }`. ESM, as Companion is; run with plain node.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as companion from "@uppy/companion";
import express from "express";

// The same values as settings.ts (which is TypeScript, so not importable from here).
const S3 = {
  endpoint: "http://127.0.0.1:7480",
  region: "us-east-1",
  bucket: "valet-bench",
  key: "valet-bench-access-key",
  secret: "valet-bench-secret-key",
};

const app = express();
const listener = app.listen(0, "127.0.0.1", () => {
  const { port } = listener.address();
  const { app: middleware } = companion.app({
    s3: {
      ...S3,
      forcePathStyle: true,
      expires: 300,
      conditions: [["content-length-range", 1, 48213]],
      getKey: ({ filename }) => `uploads/${crypto.randomUUID()}/${filename}`,
    },
    server: { host: `127.0.0.1:${port}`, protocol: "http" },
    filePath: mkdtempSync(join(tmpdir(), "companion-")),
    secret: "valet-bench-companion-secret",
    corsOrigins: true,
    // Companion refuses to start in production without an allow-list; nothing here fetches URLs.
    uploadUrls: ["https://valet-bench.invalid/"],
  });
  app.use(middleware);
  process.stdout.write(`READY http://127.0.0.1:${port}/s3/params\n`);
});
process.once("SIGTERM", () => listener.close(() => process.exit(0)));
