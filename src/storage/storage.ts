import type { Config } from "../config/config";
import { ensureBucket, requireVersioning } from "./bucket";
import { createMultipartStore } from "./multipart";
import { createObjectStore } from "./objects";
import { createPresigner } from "./presigner";
import { callDeadlineMs, createS3Client } from "./s3-client";
import type { Storage } from "./types";

/** The S3 backend: the local fast signer for clients, one bounded S3 client for the server's own calls. */
export function createStorage(s3: Config["s3"]): Storage {
  const presigner = createPresigner(s3);
  const client = createS3Client(s3);
  return {
    presigner,
    objects: createObjectStore(client, s3.bucket, callDeadlineMs(s3)),
    multipart: createMultipartStore(client, s3.bucket, callDeadlineMs(s3)),
    ensureBucket: (corsOrigins) => ensureBucket(client, s3.bucket, corsOrigins),
    requireVersioning: () => requireVersioning(client, s3.bucket),
    close: () => client.destroy(),
  };
}
