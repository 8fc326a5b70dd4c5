import { extensionFor } from "./content-types";

// Other spellings that already agree with a type's extension.
const ALIASES: Record<string, readonly string[]> = { ".jpg": [".jpeg", ".jpe"] };

/**
 * The name a download is saved under: the uploader's name, with the verified type's extension
 * appended unless the name already ends in it ("x.html" verified as image/png → "x.html.png").
 * Appending rather than replacing keeps everything the uploader typed, while the last extension,
 * the one operating systems open a file by, is always the true one. A type without a known
 * extension keeps the name as it is (and is never inline).
 */
export function downloadFilename(filename: string, contentType: string): string {
  const ext = extensionFor(contentType);
  // Stryker disable next-line ConditionalExpression: a shortcut; without it "" is a suffix of every name, so the name is kept all the same.
  if (!ext) return filename;
  const lower = filename.toLowerCase();
  // Stryker disable next-line ArrayDeclaration: Stryker's placeholder alias has an upper-case letter and is compared with a lower-cased name: it can never match.
  return [ext, ...(ALIASES[ext] ?? [])].some((e) => lower.endsWith(e)) ? filename : filename + ext;
}
