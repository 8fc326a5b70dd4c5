import { z } from "zod";

/** One ObjectCreated record of an S3 event notification: which bucket, and which key (candidates). */
export interface ObjectCreated {
  bucket: string;
  /** The key as the record spells it, then URL-decoded if that differs: AWS encodes keys, Ceph's RGW does not. */
  keys: string[];
  eventName: string;
}

// The S3 event message format (docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html),
// as the RGW sends it too (eventSource "ceph:s3"); fields Valet does not read are let through.
const eventSchema = z.object({
  Records: z.array(
    z.object({
      eventName: z.string(),
      s3: z.object({ bucket: z.object({ name: z.string().min(1) }), object: z.object({ key: z.string().min(1) }) }),
    }),
  ),
});

/** The ObjectCreated records of a notification's body; null when it is not an S3 event message. */
export function parseObjectCreated(body: unknown): ObjectCreated[] | null {
  const parsed = eventSchema.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data.Records.filter((r) => r.eventName.startsWith("ObjectCreated:")).map((r) => ({
    bucket: r.s3.bucket.name,
    keys: [...new Set([r.s3.object.key, decodedKey(r.s3.object.key)])].filter((k): k is string => k !== null),
    eventName: r.eventName,
  }));
}

// AWS form-encodes the key (spaces as "+"); a key that does not decode is kept only as given.
function decodedKey(key: string): string | null {
  try {
    return decodeURIComponent(key.replaceAll("+", " "));
  } catch {
    return null;
  }
}
