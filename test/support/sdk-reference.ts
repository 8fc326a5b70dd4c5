/**
 * The AWS SDK doing what the fast signer does, for the differential tests and the benchmark.
 * Test and benchmark code only: it lives outside src/ so the SDK presigners stay dev dependencies.
 */
import { S3Client, GetObjectCommand, PutObjectCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl, S3RequestPresigner } from "@aws-sdk/s3-request-presigner";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";
import type { SignerConfig } from "../../src/storage/signer";
import type {
  PresignGetOptions,
  PresignPostOptions,
  PresignPutOptions,
  PresignUploadPartOptions,
  PresignedPost,
} from "../../src/storage/types";

export function createReferenceClient(config: SignerConfig): S3Client {
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // aws-sdk-js-v3 >= 3.729 would otherwise add a CRC32 checksum to PutObject.
    requestChecksumCalculation: "WHEN_REQUIRED",
    ...(config.responseChecksumValidation ? { responseChecksumValidation: config.responseChecksumValidation } : {}),
  });
}

export function getObjectCommand(bucket: string, o: PresignGetOptions): GetObjectCommand {
  return new GetObjectCommand({
    Bucket: bucket,
    Key: o.key,
    ResponseCacheControl: o.responseCacheControl,
    ResponseContentDisposition: o.responseContentDisposition,
    ResponseContentType: o.responseContentType,
    VersionId: o.versionId,
  });
}

export function sdkPresignGet(client: S3Client, bucket: string, o: PresignGetOptions): Promise<string> {
  return getSignedUrl(client, getObjectCommand(bucket, o), { expiresIn: o.expiresIn, signingDate: o.now });
}

/** The headers set on a command, signed: the presigner leaves content-type out unless it is in signableHeaders. */
function signable(headers: Record<string, unknown>): Set<string> {
  return new Set(Object.keys(headers).filter((name) => headers[name] != null));
}

export function sdkPresignPut(client: S3Client, bucket: string, o: PresignPutOptions): Promise<string> {
  const command = new PutObjectCommand({
    Bucket: bucket,
    Key: o.key,
    ContentType: o.contentType,
    ContentLength: o.contentLength,
    ContentMD5: o.contentMd5,
    IfNoneMatch: o.ifNoneMatch,
  });
  const headers = {
    "content-type": o.contentType,
    "content-length": o.contentLength,
    "content-md5": o.contentMd5,
    "if-none-match": o.ifNoneMatch,
  };
  return getSignedUrl(client, command, { expiresIn: o.expiresIn, signingDate: o.now, signableHeaders: signable(headers) });
}

export function sdkPresignUploadPart(client: S3Client, bucket: string, o: PresignUploadPartOptions): Promise<string> {
  const command = new UploadPartCommand({
    Bucket: bucket,
    Key: o.key,
    UploadId: o.uploadId,
    PartNumber: o.partNumber,
    ContentLength: o.contentLength,
    ContentMD5: o.contentMd5,
  });
  const headers = { "content-length": o.contentLength, "content-md5": o.contentMd5 };
  return getSignedUrl(client, command, { expiresIn: o.expiresIn, signingDate: o.now, signableHeaders: signable(headers) });
}

/** createPresignedPost has no signingDate: it reads Date.now() synchronously on entry, so pin it for that call. */
export async function sdkPresignPost(client: S3Client, bucket: string, o: PresignPostOptions): Promise<PresignedPost> {
  const realNow = Date.now;
  Date.now = () => o.now.getTime();
  let pending: ReturnType<typeof createPresignedPost>;
  try {
    pending = createPresignedPost(client, {
      Bucket: bucket,
      Key: o.key,
      Conditions: [
        ["eq", "$Content-Type", o.contentType],
        ["content-length-range", o.contentLengthRange[0], o.contentLengthRange[1]],
      ],
      Fields: { "Content-Type": o.contentType },
      Expires: o.expiresIn,
    });
  } finally {
    Date.now = realNow;
  }
  const { url, fields } = await pending;
  return { url, fields: Object.entries(fields).map(([name, value]) => ({ name, value })) };
}

type HttpRequestLike = Parameters<S3RequestPresigner["presign"]>[0];

/**
 * The HttpRequest the SDK builds for a command, captured where getSignedUrl would presign it
 * (just before awsAuthMiddleware), for timing S3RequestPresigner.presign on its own.
 */
export async function buildSdkRequest(client: S3Client, command: GetObjectCommand | PutObjectCommand): Promise<HttpRequestLike> {
  let captured: HttpRequestLike | undefined;
  const stack = client.middlewareStack.clone();
  stack.addRelativeTo(
    () => async (args: { request: unknown }) => {
      captured = args.request as HttpRequestLike;
      return { response: {}, output: { $metadata: {} } };
    },
    { name: "captureRequestMiddleware", relation: "before", toMiddleware: "awsAuthMiddleware", override: true },
  );
  const handler = command.resolveMiddleware(stack, client.config, {});
  await handler({ input: command.input });
  if (!captured) throw new Error("request was not captured");
  for (const h of ["amz-sdk-invocation-id", "amz-sdk-request", "x-amz-user-agent"]) delete captured.headers[h];
  return captured;
}

export function createSdkPresigner(client: S3Client): S3RequestPresigner {
  return new S3RequestPresigner({ ...client.config });
}
