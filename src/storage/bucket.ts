import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketVersioningCommand,
  type S3Client,
} from "@aws-sdk/client-s3";

/** Creates the bucket if needed, turns on versioning, and lets the given web origins POST uploads and GET downloads. */
export async function ensureBucket(client: S3Client, bucket: string, corsOrigins: string[]): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    try {
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
    } catch (e) {
      if (!(e instanceof BucketAlreadyOwnedByYou)) throw e;
    }
  }
  await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: "Enabled" } }));
  if (corsOrigins.length === 0) return;
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: corsOrigins,
            AllowedMethods: ["GET", "HEAD", "POST", "PUT"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag", "Content-Length", "Content-Type"],
            MaxAgeSeconds: 3600,
          },
        ],
      },
    }),
  );
}

/**
 * Valet publishes an upload by recording the version it verified and signs every download for
 * that version, so a later write to the key (a replayed form) is never served. That needs a
 * bucket that keeps versions; without them the guarantee would silently not hold.
 */
export async function requireVersioning(client: S3Client, bucket: string): Promise<void> {
  const { Status } = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
  if (Status !== "Enabled") {
    throw new BucketNotVersionedError(
      `bucket '${bucket}' must have versioning enabled (it is ${Status ?? "off"}): Valet pins every download to the version it verified. ` +
        "Enable it (aws s3api put-bucket-versioning --versioning-configuration Status=Enabled) or set S3_ENSURE_BUCKET=true.",
    );
  }
}

export class BucketNotVersionedError extends Error {}
