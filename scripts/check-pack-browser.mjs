// check:pack's run-time step: serves the scratch app's dist/ on 127.0.0.1 and opens it in headless
// Chromium. Two copies of React pass tsc and vite build and only fail here ("Invalid hook call",
// "Cannot read properties of null (reading 'useRef')"), so the page must render the dropzone from the
// packed tarball, with its stylesheet, without a page error or a console error.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
// Without the background-networking flags Chromium reaches for outside hosts and is refused.
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

function serve(dir) {
  const server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? "/", "http://x").pathname).replace(/^(\.\.[/\\])+/, "");
    const file = join(dir, path === "/" ? "index.html" : path);
    readFile(file).then(
      (body) => res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

/** Opens dist/ in Chromium; throws with every page and console error unless the dropzone works. */
export async function openInChromium(dist) {
  const server = await serve(dist);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ARGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => m.type() === "error" && errors.push(`console error: ${m.text()} ${m.location().url}`));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const input = page.getByLabel("Drop your avatar");
    await input.waitFor({ state: "attached", timeout: 10_000 }).catch(() => errors.push("no input labelled 'Drop your avatar'"));
    if (errors.length > 0) throw new Error(`the page fails in Chromium:\n  ${errors.join("\n  ")}`);
    const found = await input.evaluate((el) => {
      el.focus();
      const zone = getComputedStyle(el.closest(".valet-dropzone"));
      return { type: el.type, multiple: el.multiple, focused: document.activeElement === el, border: zone.borderTopStyle };
    });
    if (found.type !== "file" || !found.multiple)
      throw new Error(`the labelled input is not a file input: ${JSON.stringify(found)}`);
    if (!found.focused) throw new Error("the dropzone's file input does not take the focus");
    if (found.border !== "dashed") throw new Error(`styles.css is not applied (border-top-style: ${found.border})`);
    await page.waitForTimeout(200); // an effect's error would show after the first render
    if (errors.length > 0) throw new Error(`the page fails in Chromium:\n  ${errors.join("\n  ")}`);
    return "chromium: the dropzone renders with styles.css, its labelled file input takes the focus, no errors";
  } finally {
    await browser.close();
    server.close();
  }
}
