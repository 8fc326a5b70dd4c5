/**
 * A SigV4 presigner for S3 whose output is byte-identical to aws-sdk-js-v3's
 * (getSignedUrl for GetObject/PutObject/UploadPart, createPresignedPost) for the same inputs and clock,
 * at a fraction of the cost: everything constant per signer is precomputed, everything
 * constant per second (dates, credential scope, signing key) is cached, and a call is
 * string concatenation plus one SHA-256 and one HMAC.
 */
import { MAX_PRESIGN_SECONDS } from "../../domain/limits";
import type {
  PresignedPost,
  PresignGetOptions,
  PresignPostOptions,
  Presigner,
  PresignPutOptions,
  PresignUploadPartOptions,
} from "../types";
import { escapeUri, escapeKeyPath, HmacSha256, sha256Hex, deriveSigningKey, isoSeconds, amzDate, ALGORITHM } from "./sigv4";
import { resolveBucketEndpoint, isValidRegion } from "./endpoint";

export interface SignerConfig {
  endpoint: string; // e.g. "http://127.0.0.1:7480" or "https://s3.eu-west-1.amazonaws.com"
  region: string;
  bucket: string;
  forcePathStyle: boolean; // true: endpoint/bucket/key ; false: bucket.endpoint-host/key (virtual-hosted, like the SDK)
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /**
   * Mirrors the S3Client option of the same name and its default. With "WHEN_SUPPORTED" the SDK
   * asks for response checksums on GetObject, which a presigned GET carries as the signed query
   * parameter x-amz-checksum-mode=ENABLED; "WHEN_REQUIRED" leaves it out.
   */
  responseChecksumValidation?: "WHEN_SUPPORTED" | "WHEN_REQUIRED";
}

export type { PresignPutOptions, PresignUploadPartOptions } from "../types";

/** Everything that depends only on the signing time's whole second. */
interface Stamp {
  epoch: number; // epoch seconds
  amzDate: string; // 20240229T235959Z
  credential: string; // AKID/20240229/region/s3/aws4_request
  mac: HmacSha256; // keyed with the signing key of that day
  queryHead: string; // canonical query up to the X-Amz-Expires value
  stsHead: string; // string to sign up to the canonical request's hash
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const HEADER_SPACE = /[\r\n\t]| {2}|^ | $/;

function checkExpiresIn(expiresIn: number): number {
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS) {
    throw new RangeError(`expiresIn must be an integer number of seconds in 1..${MAX_PRESIGN_SECONDS}, got ${expiresIn}`);
  }
  return expiresIn;
}

function checkKey(key: string): void {
  if (typeof key !== "string" || key.length === 0) throw new TypeError("key must be a non-empty string");
}

function checkText(name: string, value: string): void {
  if (typeof value !== "string") throw new TypeError(`${name} must be a string`);
  if (LONE_SURROGATE.test(value)) throw new TypeError(`${name} is not well-formed UTF-16`);
}

function checkLength(contentLength: number): string {
  if (!Number.isSafeInteger(contentLength) || contentLength < 0)
    throw new RangeError(`contentLength must be a whole number of bytes, got ${contentLength}`);
  return String(contentLength);
}

function checkPart(o: PresignUploadPartOptions): void {
  if (!Number.isInteger(o.partNumber) || o.partNumber < 1 || o.partNumber > 10_000)
    throw new RangeError(`partNumber must be 1..10000, got ${o.partNumber}`);
  if (typeof o.uploadId !== "string" || o.uploadId.length === 0) throw new TypeError("uploadId must be a non-empty string");
  checkText("uploadId", o.uploadId);
}

/** A signed header as [lower-case name, value]; the value is checked and canonicalized. */
type SignedHeader = [name: string, value: string];
const textHeader = (name: string, value: string): SignedHeader => {
  checkText(name, value);
  return [name, canonicalHeaderValue(value)];
};

/** SigV4 canonical header value, as @smithy/signature-v4 getCanonicalHeaders trims it. */
function canonicalHeaderValue(value: string): string {
  // Stryker disable next-line ConditionalExpression: a shortcut; without \r, \n, \t, two spaces in a row or a space at either end (HEADER_SPACE), the replaces below change nothing. (This also skips `true`, which would return values unchanged; the signer's whitespace tests catch that.)
  if (!HEADER_SPACE.test(value)) return value;
  return value
    .replace(/[\r\n]/g, " ")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
}

/**
 * The Presigner. A POST's contentType is exact (an ["eq", "$Content-Type"] condition and a
 * field); its fields come in the order createPresignedPost returns its keys. A PUT or UploadPart
 * signs every header it is given (getSignedUrl with those headers on the command and in
 * signableHeaders).
 */
export function createSigner(config: SignerConfig): Presigner {
  const { region, bucket, credentials } = config;
  if (typeof region !== "string" || !isValidRegion(region)) {
    throw new TypeError(`region must be a DNS label, got ${JSON.stringify(region)}`);
  }
  // The SDK rewrites these pseudo-regions (aws-global signs as us-east-1, fips-* refuses a custom endpoint).
  if (region === "aws-global" || region.startsWith("fips-") || region.endsWith("-fips")) {
    throw new TypeError(`pseudo-region ${region} is not supported; name the signing region`);
  }
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  if (typeof accessKeyId !== "string" || !accessKeyId || typeof secretAccessKey !== "string" || !secretAccessKey) {
    throw new TypeError("credentials.accessKeyId and credentials.secretAccessKey are required");
  }
  const ep = resolveBucketEndpoint(config.endpoint, bucket, config.forcePathStyle);
  const checksumMode = (config.responseChecksumValidation ?? "WHEN_SUPPORTED") === "WHEN_SUPPORTED";

  const scopeTail = `/${region}/s3/aws4_request`;
  // A session token is a presigned query parameter (not hoisted from a header); an empty one is omitted.
  const tokenQuery = sessionToken ? "&X-Amz-Security-Token=" + escapeUri(sessionToken) : "";
  const hostHeader = `host:${ep.host}\n`;
  // Signed on every request; a PUT lists it among its other signed headers, in name order.
  const host: SignedHeader = ["host", ep.host];
  // The parameter set is fixed, so its canonical order (byte order of the escaped names) is known
  // statically: X-Amz-Algorithm, -Content-Sha256, -Credential, -Date, -Expires, -Security-Token,
  // (-Signature, URL only), -SignedHeaders, then "response-*" ("X" 0x58 < "r" 0x72), then
  // x-amz-checksum-mode and x-id ("x" 0x78). x-id names the operation; the SDK adds and signs it.
  const getTail = (checksumMode ? "&x-amz-checksum-mode=ENABLED" : "") + "&x-id=GetObject";
  const putTail = "&x-id=PutObject";
  const bucketJson = JSON.stringify(bucket);
  const tokenCondition = sessionToken ? `,{"X-Amz-Security-Token":${JSON.stringify(sessionToken)}}` : "";

  // Signing keys of the last two UTC days: enough for a clock that crosses midnight, or callers
  // whose `now` values straddle it, without re-deriving on every call.
  let keyA: { day: string; mac: HmacSha256 } | undefined;
  let keyB: { day: string; mac: HmacSha256 } | undefined;
  function macFor(day: string): HmacSha256 {
    if (keyA?.day === day) return keyA.mac;
    if (keyB?.day === day) return keyB.mac;
    keyB = keyA;
    keyA = { day, mac: new HmacSha256(deriveSigningKey(secretAccessKey, day, region, "s3")) };
    return keyA.mac;
  }

  let last: Stamp | undefined;
  function stamp(now: Date): Stamp {
    const ms = now.getTime();
    if (!Number.isFinite(ms)) throw new RangeError("now must be a valid Date");
    // The SDK formats the date with milliseconds cut off, i.e. floored to the second.
    const epoch = Math.floor(ms / 1000);
    if (last !== undefined && last.epoch === epoch) return last;
    const date = amzDate(isoSeconds(epoch));
    const day = date.slice(0, 8);
    const credential = accessKeyId + "/" + day + scopeTail;
    return (last = {
      epoch,
      amzDate: date,
      credential,
      mac: macFor(day),
      // X-Amz-Content-Sha256 is the presigner's payload-hash header hoisted into the query
      // (x-amz-* headers become query parameters), hence both in the URL and signed.
      queryHead:
        `X-Amz-Algorithm=${ALGORITHM}&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD` +
        `&X-Amz-Credential=${escapeUri(credential)}&X-Amz-Date=${date}&X-Amz-Expires=`,
      stsHead: `${ALGORITHM}\n${date}\n${day}${scopeTail}\n`,
    });
  }

  function presignGet(o: PresignGetOptions): string {
    const expiresIn = checkExpiresIn(o.expiresIn);
    checkKey(o.key);
    const s = stamp(o.now);
    const path = ep.objectPath + escapeKeyPath(o.key);
    let rest = "&X-Amz-SignedHeaders=host";
    // response-cache-control sorts before response-content-* ("a" < "o").
    if (o.responseCacheControl != null) rest += "&response-cache-control=" + escapeUri(o.responseCacheControl);
    if (o.responseContentDisposition != null) rest += "&response-content-disposition=" + escapeUri(o.responseContentDisposition);
    if (o.responseContentType != null) rest += "&response-content-type=" + escapeUri(o.responseContentType);
    if (o.versionId != null) rest += "&versionId=" + escapeUri(o.versionId);
    rest += getTail;
    const head = s.queryHead + expiresIn + tokenQuery;
    const canonicalRequest = `GET\n${path}\n${head}${rest}\n${hostHeader}\nhost\nUNSIGNED-PAYLOAD`;
    const signature = s.mac.hex(s.stsHead + sha256Hex(canonicalRequest));
    // The URL lists all parameters sorted, X-Amz-Signature included (it sorts after
    // X-Amz-Security-Token and before X-Amz-SignedHeaders).
    return `${ep.origin}${path}?${head}&X-Amz-Signature=${signature}${rest}`;
  }

  function presignPut(o: PresignPutOptions): string {
    const headers: SignedHeader[] = [];
    if (o.contentLength != null) headers.push(["content-length", checkLength(o.contentLength)]);
    if (o.contentMd5 != null) headers.push(textHeader("content-md5", o.contentMd5));
    // The SDK's REST serializer replaces an empty content-type with the blob payload's default.
    if (o.contentType != null) headers.push(textHeader("content-type", o.contentType || "application/octet-stream"));
    headers.push(host);
    if (o.ifNoneMatch != null) headers.push(textHeader("if-none-match", o.ifNoneMatch));
    return signPut(o, headers, putTail);
  }

  function presignUploadPart(o: PresignUploadPartOptions): string {
    checkPart(o);
    const headers: SignedHeader[] = [["content-length", checkLength(o.contentLength)]];
    if (o.contentMd5 != null) headers.push(textHeader("content-md5", o.contentMd5));
    headers.push(host);
    // partNumber, uploadId and x-id sort after X-Amz-SignedHeaders ("X" 0x58 < "p" < "u" < "x").
    return signPut(o, headers, `&partNumber=${o.partNumber}&uploadId=${escapeUri(o.uploadId)}&x-id=UploadPart`);
  }

  /** A presigned PUT of the key with `headers` (sorted by name, host among them) signed, the query ending in `tail`. */
  function signPut(o: { key: string; expiresIn: number; now: Date }, headers: SignedHeader[], tail: string): string {
    const expiresIn = checkExpiresIn(o.expiresIn);
    checkKey(o.key);
    const s = stamp(o.now);
    const path = ep.objectPath + escapeKeyPath(o.key);
    const head = s.queryHead + expiresIn + tokenQuery;
    let names = "";
    let lines = "";
    for (const [name, value] of headers) {
      names += name + ";";
      lines += `${name}:${value}\n`;
    }
    names = names.slice(0, -1);
    const rest = "&X-Amz-SignedHeaders=" + names.replaceAll(";", "%3B") + tail;
    const canonicalRequest = `PUT\n${path}\n${head}${rest}\n${lines}\n${names}\nUNSIGNED-PAYLOAD`;
    const signature = s.mac.hex(s.stsHead + sha256Hex(canonicalRequest));
    return `${ep.origin}${path}?${head}&X-Amz-Signature=${signature}${rest}`;
  }

  function presignPost(o: PresignPostOptions): PresignedPost {
    const expiresIn = checkExpiresIn(o.expiresIn);
    const { key, contentType } = o;
    checkKey(key);
    checkText("key", key);
    checkText("contentType", contentType);
    const [min, max] = o.contentLengthRange;
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) {
      throw new RangeError(`contentLengthRange must be integers 0 <= min <= max, got [${min}, ${max}]`);
    }
    const s = stamp(o.now);
    const typeJson = JSON.stringify(contentType);
    // createPresignedPost: a key ending in "${filename}" becomes a starts-with condition on the
    // part before it; any other key an exact {"key": ...} condition.
    const keyCondition = key.endsWith("${filename}")
      ? `["starts-with","$key",${JSON.stringify(key.substring(0, key.lastIndexOf("${filename}")))}]`
      : `{"key":${JSON.stringify(key)}}`;
    // Condition order is the SDK's: the caller's Conditions, then one {name: value} per form
    // field in field order (Fields first, then bucket and the X-Amz-* fields), then the key.
    // The expiration is ISO 8601 without milliseconds (the SDK's iso8601 strips them).
    const policy =
      `{"expiration":"${isoSeconds(s.epoch + expiresIn)}","conditions":[` +
      `["eq","$Content-Type",${typeJson}],["content-length-range",${min},${max}],` +
      `{"Content-Type":${typeJson}},{"bucket":${bucketJson}},{"X-Amz-Algorithm":"${ALGORITHM}"},` +
      `{"X-Amz-Credential":${JSON.stringify(s.credential)}},{"X-Amz-Date":"${s.amzDate}"}${tokenCondition},${keyCondition}]}`;
    const encodedPolicy = Buffer.from(policy, "utf8").toString("base64");
    const fields = [
      { name: "Content-Type", value: contentType },
      { name: "bucket", value: bucket },
      { name: "X-Amz-Algorithm", value: ALGORITHM },
      { name: "X-Amz-Credential", value: s.credential },
      { name: "X-Amz-Date", value: s.amzDate },
    ];
    if (sessionToken) fields.push({ name: "X-Amz-Security-Token", value: sessionToken });
    fields.push(
      { name: "key", value: key },
      { name: "Policy", value: encodedPolicy },
      // A POST policy is signed as is: the string to sign is the base64 policy itself.
      { name: "X-Amz-Signature", value: s.mac.hex(encodedPolicy) },
    );
    return { url: ep.postUrl, fields };
  }

  return { presignGet, presignPut, presignPost, presignUploadPart };
}
