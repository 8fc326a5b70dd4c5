import { S3Client } from "@aws-sdk/client-s3";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Config } from "../config/config";

/**
 * The server's own S3 client; every call it makes is bounded by the `s3` settings.
 *
 * aws-sdk-js-v3 >= 3.729 adds CRC32 checksums by default, which S3-compatible stores reject
 * on presigned requests (aws-sdk-js-v3#6810): only checksum when an operation demands it.
 */
export function createS3Client(s3: Config["s3"], endpoint = s3.endpoint): S3Client {
  return new S3Client({
    region: s3.region,
    endpoint,
    forcePathStyle: s3.forcePathStyle,
    credentials: s3.credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: s3.maxAttempts,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: s3.connectTimeoutMs,
      requestTimeout: s3.requestTimeoutMs,
      // Without this, @smithy/node-http-handler 4.x only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
      // requestTimeout ends when the headers arrive; an idle socket bounds a body that stalls.
      socketTimeout: s3.requestTimeoutMs,
      httpAgent: { keepAlive: true, maxSockets: s3.maxSockets },
      httpsAgent: { keepAlive: true, maxSockets: s3.maxSockets },
    }),
  });
}

/**
 * The longest one S3 call may take, retries and back-off included: each attempt is bounded by
 * the request timeout, and a second per retry covers the SDK's back-off (throttling waits up to 1 s).
 */
export const callDeadlineMs = (s3: Pick<Config["s3"], "maxAttempts" | "requestTimeoutMs">): number =>
  s3.maxAttempts * s3.requestTimeoutMs + (s3.maxAttempts - 1) * 1000;
