/**
 * Where a bucket lives for a custom endpoint, decided once per signer the way the S3 endpoint
 * ruleset of @aws-sdk/client-s3 decides it (custom-endpoint branch; templates
 * "{url#scheme}://{Bucket}.{url#authority}{url#path}" and
 * "{url#scheme}://{url#authority}{url#normalizedPath}{uri_encoded_bucket}").
 */
import { escapeUri } from "./sigv4";

export interface BucketEndpoint {
  /** scheme://host[:port], default ports dropped, as the SDK's formatUrl prints it */
  origin: string;
  /** the Host header (host[:port]) that gets signed */
  host: string;
  /** path up to and including the "/" before the object key */
  objectPath: string;
  /** the URL createPresignedPost returns */
  postUrl: string;
}

// @smithy/core endpoints isIpAddress / transport VALID_HOST_LABEL_REGEX
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)){3}$/;
const HOST_LABEL = /^(?!.*-$)(?!-)[a-zA-Z0-9-]{1,63}$/;
const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** aws.isVirtualHostableS3Bucket(bucket, false): one lowercase DNS label of 3..63 chars. */
function isVirtualHostable(bucket: string): boolean {
  return HOST_LABEL.test(bucket) && bucket.length >= 3 && bucket === bucket.toLowerCase();
}

export function isValidRegion(region: string): boolean {
  return HOST_LABEL.test(region);
}

export function resolveBucketEndpoint(endpoint: string, bucket: string, forcePathStyle: boolean): BucketEndpoint {
  if (!BUCKET.test(bucket)) throw new TypeError(`unsupported bucket name: ${JSON.stringify(bucket)}`);
  // Directory buckets (S3 Express) need a CreateSession round trip and different signing.
  if (/--xa?-s3$/.test(bucket)) {
    throw new TypeError(`S3 Express directory buckets are not supported: ${bucket}`);
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`invalid S3 endpoint: ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`S3 endpoint must be http(s): ${endpoint}`);
  }
  // The SDK silently ignores these; refuse them rather than sign something else than asked.
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(`S3 endpoint must not carry credentials, a query or a fragment: ${endpoint}`);
  }
  // A WHATWG URL's hostname starts with "[" only as a bracketed IPv6 literal ("[" can appear nowhere else).
  const isIp = IPV4.test(url.hostname) || url.hostname.startsWith("[");
  // url.host already omits a default port (":443" on https), as the SDK's final URL does.
  const base =
    forcePathStyle || isIp || !isVirtualHostable(bucket)
      ? `${url.protocol}//${url.host}${url.pathname.endsWith("/") ? url.pathname : url.pathname + "/"}${escapeUri(bucket)}`
      : `${url.protocol}//${bucket}.${url.host}${url.pathname}`;
  const resolved = new URL(base);
  const origin = `${resolved.protocol}//${resolved.host}`;
  // The operation path "/{Key+}" replaces a bare "/" and is appended to anything else,
  // so an endpoint path "/prefix/" yields "/prefix//key" (as the SDK does).
  const objectPath = resolved.pathname === "/" ? "/" : resolved.pathname + "/";
  return { origin, host: resolved.host, objectPath, postUrl: origin + resolved.pathname };
}
