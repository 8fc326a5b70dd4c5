// The pure half of `npm run check:links` (scripts/check-links.mjs): find a Markdown file's links
// and headings, and judge each relative link against the files and headings that exist. No I/O
// here, so test/support/check-links.test.ts can feed it strings.
import { posix } from "node:path";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
// A code span closes at the next run of as many backticks; it may wrap a line, not a paragraph.
const CODE_SPAN = /(`+)(?:[^\n]|\n(?![ \t]*\n))*?[^`\n]\1(?!`)/g;

/** The text with fenced code blocks and inline code spans blanked out, newlines kept (so offsets keep their line). */
export function proseOnly(markdown) {
  let fence = null;
  const lines = markdown.split("\n").map((line) => {
    if (fence) {
      const close = CLOSING_FENCE.exec(line);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) fence = null;
      return "";
    }
    const open = FENCE.exec(line);
    if (open) fence = open[1];
    return open ? "" : line;
  });
  return lines.join("\n").replace(CODE_SPAN, (span) => span.replace(/[^\n]/g, " "));
}

// GitHub (github-slugger) drops everything but letters, marks, numbers, connector punctuation
// (`_`), hyphens and spaces, then turns each space into a hyphen.
const NOT_SLUG = /[^\p{L}\p{M}\p{N}\p{Pc} -]/gu;

/** The text a heading shows: links and code reduced to their words, `_emphasis_` to its text. */
function headingText(raw) {
  return raw
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(^|[^\p{L}\p{N}_])(__?)(?=\S)(.*?\S)\2(?![\p{L}\p{N}_])/gu, "$1$3");
}

/** GitHub's anchor for one heading's text, before duplicates are numbered. */
export function slugify(heading) {
  return headingText(heading).trim().toLowerCase().replace(NOT_SLUG, "").replaceAll(" ", "-");
}

/** Every anchor a file's ATX headings (`#` … `######`) give, duplicates numbered -1, -2 as GitHub does. */
export function headingSlugs(markdown) {
  const seen = new Set();
  const counts = new Map();
  for (const line of proseOnly(markdown).split("\n")) {
    const m = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (!m) continue;
    const base = slugify(m[1] ?? "");
    let slug = base;
    let n = counts.get(base) ?? 0;
    while (seen.has(slug)) slug = `${base}-${++n}`;
    counts.set(base, n);
    seen.add(slug);
  }
  return seen;
}

const INLINE_LINK = /!?\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(<[^>\n]*>|[^\s)]+)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)/gm;

/** Every link target outside code, with the line it starts on. */
export function findLinks(markdown) {
  const prose = proseOnly(markdown);
  const lineAt = (index) => prose.slice(0, index).split("\n").length;
  const links = [];
  for (const pattern of [INLINE_LINK, REFERENCE_DEFINITION]) {
    for (const m of prose.matchAll(pattern)) {
      links.push({ target: m[1].replace(/^<|>$/g, ""), line: lineAt(m.index) });
    }
  }
  return links.sort((a, b) => a.line - b.line);
}

/** A link that leaves the repository (http, https, mailto, any scheme): not checked. */
export const isExternal = (target) => /^[a-z][a-z0-9+.-]*:/i.test(target);

/**
 * Problems with one file's relative links. `file` is a path from the repository root;
 * `exists(path)` says whether a file or folder is there, `read(path)` gives a Markdown file's text.
 */
export function checkFile(file, markdown, { exists, read }) {
  const problems = [];
  for (const { target, line } of findLinks(markdown)) {
    if (isExternal(target)) continue;
    const hash = target.indexOf("#");
    const pathPart = hash === -1 ? target : target.slice(0, hash);
    const anchor = hash === -1 ? null : decode(target.slice(hash + 1));
    const where = `${file}:${line}: ${target}`;
    const path = pathPart === "" ? file : resolveFrom(file, decode(pathPart.split("?")[0]));
    if (pathPart !== "" && !exists(path)) {
      problems.push(`${where}: ${path} does not exist`);
      continue;
    }
    if (anchor === null || !path.endsWith(".md")) continue;
    const text = path === file ? markdown : read(path);
    if (!headingSlugs(text).has(anchor)) problems.push(`${where}: ${path} has no heading whose anchor is #${anchor}`);
  }
  return problems;
}

const decode = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** A link's path from the repository root (a leading `/` is the root, as on GitHub). */
export function resolveFrom(file, target) {
  const joined = target.startsWith("/") ? target.slice(1) : posix.join(posix.dirname(file), target);
  return posix.normalize(joined).replace(/\/$/, "") || ".";
}
