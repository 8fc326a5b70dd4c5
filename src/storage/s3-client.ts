import { S3Client } from "@aws-sdk/client-s3";
import type { Config } from "../config/config";

/**
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
  });
}
