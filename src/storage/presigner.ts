import type { Config } from "../config/config";
import { ConfigError } from "../config/config";
import { createSigner } from "./signer";
import type { Presigner } from "./types";

/** The presigner for client-facing URLs: signed for the endpoint clients reach. */
export function createPresigner(s3: Config["s3"]): Presigner {
  if (!s3.credentials) {
    throw new ConfigError("S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required: grants are signed locally with them");
  }
  return createSigner({
    endpoint: s3.publicEndpoint ?? `https://s3.${s3.region}.amazonaws.com`,
    region: s3.region,
    bucket: s3.bucket,
    forcePathStyle: s3.forcePathStyle,
    credentials: s3.credentials,
    // Same choice as the S3 client: no x-amz-checksum-mode in download URLs.
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}
