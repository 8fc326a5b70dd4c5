import { badInput } from "../errors/app-error";

const MAX_FILENAME_BYTES = 255;
// C0/C1 controls and DEL, plus bidi overrides/isolates/marks that can disguise an extension.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * Validates a client-supplied filename, which is metadata only (it never becomes part of a key).
 * Returns the NFC form; throws BAD_USER_INPUT naming the first problem found.
 */
export function validateFilename(raw: string): string {
  const name = raw.normalize("NFC");
  const problem = filenameProblem(name);
  if (problem) throw badInput(`filename ${problem}`, "filename");
  return name;
}

function filenameProblem(name: string): string | null {
  if (name.trim().length === 0) return "must not be empty";
  if (Buffer.byteLength(name, "utf8") > MAX_FILENAME_BYTES) return `must be at most ${MAX_FILENAME_BYTES} bytes`;
  if (name.includes("/") || name.includes("\\")) return "must not contain path separators";
  if (name.includes("..")) return "must not contain '..'";
  if (FORBIDDEN_CHARS.test(name)) return "must not contain control or bidirectional-override characters";
  if (name !== name.trim()) return "must not start or end with white space";
  return null;
}
