/** SigV4 presigned requests cannot be valid for longer than 7 days. */
export const MAX_PRESIGN_SECONDS = 604_800;

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** S3's limits on what one upload may be (https://docs.aws.amazon.com/AmazonS3/latest/userguide/qfacts.html). */
export const S3_LIMITS = {
  /** The largest object one POST or PUT may write. */
  maxSingleUpload: 5 * GiB,
  /** The largest object at all (multipart). */
  maxObject: 5 * 1024 * GiB,
  /** The smallest part but the last; stores such as Ceph RGW can be configured lower. */
  minPartSize: 5 * MiB,
  maxPartSize: 5 * GiB,
  maxParts: 10_000,
} as const;

/** The most an upload's metadata may take, serialized as JSON (UTF-8 bytes). */
export const MAX_METADATA_BYTES = 4096;
