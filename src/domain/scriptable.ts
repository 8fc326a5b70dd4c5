import { baseContentType } from "./content-type";

// Types a browser may run script in when it renders them: markup (HTML, XHTML, SVG, and any XML,
// which can carry XHTML or an XSLT stylesheet), script itself, and the cache-manifest and
// multipart/x-mixed-replace oddities. Served inline from any origin a user trusts, one is XSS.
const SCRIPTABLE = new Set(["text/html", "text/xsl", "text/cache-manifest", "application/x-shockwave-flash"]);

/** True for a type a browser may execute or render as an active document; such types are never inline. */
export function isScriptableContentType(raw: string): boolean {
  const type = baseContentType(raw);
  return (
    SCRIPTABLE.has(type) ||
    /(^|[/+.-])xml$/.test(type) ||
    type.includes("html") ||
    type.includes("script") ||
    type.startsWith("multipart/")
  );
}
