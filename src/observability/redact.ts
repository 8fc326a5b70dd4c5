const HIDDEN = "[REDACTED]";

// Each rule runs over a whole serialized log line, so a secret is hidden wherever it sits: a
// field, a message, an error's stack, a URL quoted inside an S3 error.
const RULES: ReadonlyArray<[RegExp, string]> = [
  // Presigned URLs: the signature (and a session token) is what makes a URL a capability.
  [/(X-Amz-(?:Signature|Security-Token)=)[^&\s"'\\<]+/gi, `$1${HIDDEN}`],
  // A presigned POST's form fields, logged as {"name":"X-Amz-Signature","value":"…"}.
  [/("name"\s*:\s*"(?:X-Amz-Signature|X-Amz-Security-Token)"\s*,\s*"value"\s*:\s*")(?:[^"\\]|\\.)*/gi, `$1${HIDDEN}`],
  // JSON keys that carry credentials, e.g. a logged headers object.
  [
    /("(?:(?:proxy-)?authorization|cookie|set-cookie|[\w-]*token|[\w-]*secret[\w-]*|[\w-]*signature|password)"\s*:\s*")(?:[^"\\]|\\.)*/gi,
    `$1${HIDDEN}`,
  ],
  [/\b(Bearer|Basic)\s+[^\s"'\\,]+/gi, `$1 ${HIDDEN}`],
  // A secret in a URL's query, as S3_EVENTS' push endpoint carries its token (/s3-events?token=…).
  [/([?&](?:[\w-]*token|[\w-]*secret|password)=)[^&\s"'\\<]+/gi, `$1${HIDDEN}`],
  // A JWT anywhere (its header always starts with {" → eyJ).
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, HIDDEN],
  // A SigV4 signature is 64 hex digits; S3 quotes it in SignatureDoesNotMatch errors (<SignatureProvided>).
  [/\b[0-9a-f]{64}\b/gi, HIDDEN],
];

/** Hides signatures, tokens and credentials in one serialized log line. */
export function redactSecrets(line: string): string {
  let out = line;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}
