import { ClientErrorCode, type S3ErrorAnswer } from "./errors.js";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] !== "#") return ENTITIES[e.toLowerCase()] ?? "";
    return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/**
 * The elements of an S3 `<Error>` document, or null when the text is not one. A regular expression
 * rather than DOMParser: Node and React Native have none, and the document is flat.
 */
export function parseS3Error(text: string): S3ErrorAnswer | null {
  const body = /<Error>([\s\S]*)<\/Error>/.exec(text)?.[1];
  if (body === undefined) return null;
  const answer: S3ErrorAnswer = { Code: "", Message: "" };
  for (const [, name, value] of body.matchAll(/<([A-Za-z][\w.-]*)>([^<]*)<\/\1>/g)) answer[name] = decodeXml(value.trim());
  answer.Message ||= "";
  return answer.Code ? answer : null;
}

/** EntityTooLarge → ENTITY_TOO_LARGE: S3's codes in the server's SCREAMING_SNAKE style. */
export const snakeCode = (code: string): string =>
  code
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toUpperCase();

export interface S3Refusal {
  status: number;
  s3: S3ErrorAnswer | null;
  /** The grant's expiresAt: an AccessDenied after it is an expired grant even when Ceph says no more. */
  expiresAt?: string;
  now?: number;
}

/** A stable code for S3's refusal of a transfer. */
export function codeForS3Answer({ status, s3, expiresAt, now = Date.now() }: S3Refusal): string {
  if (!s3) return status === 412 ? "PRECONDITION_FAILED" : `HTTP_${status}`;
  if (s3.Code === "AccessDenied" && (/expired/i.test(s3.Message) || (expiresAt !== undefined && now >= Date.parse(expiresAt)))) {
    return ClientErrorCode.GRANT_EXPIRED;
  }
  return snakeCode(s3.Code);
}
