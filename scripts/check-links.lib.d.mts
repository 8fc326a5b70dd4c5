/** The text with fenced code blocks and inline code spans blanked out, newlines kept. */
export function proseOnly(markdown: string): string;
/** GitHub's anchor for one heading's text, before duplicates are numbered. */
export function slugify(heading: string): string;
/** Every anchor a file's ATX headings give, duplicates numbered -1, -2 as GitHub does. */
export function headingSlugs(markdown: string): Set<string>;
/** Every link target outside code, with the line it starts on. */
export function findLinks(markdown: string): { target: string; line: number }[];
/** A link that leaves the repository (any scheme): not checked. */
export function isExternal(target: string): boolean;
/** Problems with one file's relative links, as `file:line: target: why` lines. */
export function checkFile(
  file: string,
  markdown: string,
  io: { exists: (path: string) => boolean; read: (path: string) => string },
): string[];
/** A link's path from the repository root. */
export function resolveFrom(file: string, target: string): string;
