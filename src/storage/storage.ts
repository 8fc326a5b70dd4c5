import { HeadBucketCommand } from "@aws-sdk/client-s3";
import type { Config } from "../config/config";
import { ensureBucket, requireVersioning } from "./bucket";
import { ensureEventPush } from "./event-push";
import { createMultipartStore } from "./multipart";
import { createObjectStore } from "./objects";
import { createPresigner } from "./presigner";
import { callDeadlineMs, createS3Client } from "./s3-client";
import { boundedCall } from "./unavailable";
import type { Storage } from "./types";

/** The S3 backend: the local fast signer for clients, one bounded S3 client for the server's own calls. */
export function createStorage(s3: Config["s3"]): Storage {
  const presigner = createPresigner(s3);
  const client = createS3Client(s3);
  const deadlineMs = callDeadlineMs(s3);
  return {
    presigner,
    objects: createObjectStore(client, s3.bucket, deadlineMs),
    multipart: createMultipartStore(client, s3.bucket, deadlineMs),
    ensureBucket: (corsOrigins) => ensureBucket(client, s3.bucket, corsOrigins),
    requireVersioning: () => requireVersioning(client, s3.bucket),
    ensureEventPush: (pushUrl) => ensureEventPush(client, s3, pushUrl, deadlineMs),
    ping: (signal) =>
      boundedCall(deadlineMs, signal, async (abortSignal) => {
        await client.send(new HeadBucketCommand({ Bucket: s3.bucket }), { abortSignal });
      }),
    close: () => client.destroy(),
  };
}
