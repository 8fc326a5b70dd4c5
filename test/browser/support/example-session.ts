import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { startTestApp, testConfig } from "../../support/harness";
import { tokenFor } from "../../support/tokens";
import { buildClientAndExample } from "./builds";
import { launchChromium } from "./chromium";
import { serveStatic, type StaticSite } from "./static-server";
import type { TestApp } from "../../support/harness";

export interface ExampleSession {
  t: TestApp;
  page: Page;
  /** alice's token, which the page uses. */
  alice: string;
  /** A scratch directory, removed on close; the page fetches its files/ under /files/. */
  dir: string;
  /** Loads the example (again) and waits for its profiles; `window.valetTest` then holds the built library and a client. */
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The React example (examples/react, built by Vite) and the built @valet/client in Debian's Chromium,
 * against the real API (started with `env`) and the test RGW.
 */
export async function startExampleSession(env: Record<string, string> = {}): Promise<ExampleSession> {
  const dir = await mkdtemp(join(tmpdir(), "valet-browser-"));
  const built = await buildClientAndExample(dir);
  await mkdir(join(dir, "files"));
  const site: StaticSite = await serveStatic({ "/": built.app, "/lib/": built.lib, "/files/": join(dir, "files") });
  // The page's origin must be allowed by the API and by the bucket's CORS rule.
  const started = await Promise.allSettled([
    startTestApp(testConfig({ CORS_ORIGINS: site.origin, ...env })),
    launchChromium(),
    tokenFor("alice"),
  ] as const);
  const [app, chromium, token] = started;
  if (app.status === "rejected" || chromium.status === "rejected" || token.status === "rejected") {
    // Close what did start, or its handles keep jest from ever exiting.
    if (app.status === "fulfilled") await app.value.close();
    if (chromium.status === "fulfilled") await chromium.value.close();
    await site.close();
    await rm(dir, { recursive: true, force: true });
    throw started.find((s) => s.status === "rejected")!.reason;
  }
  const [t, browser, alice] = [app.value, chromium.value, token.value];
  const page = await browser.context.newPage();
  const open = async () => {
    await page.goto(`${site.origin}/#api=${encodeURIComponent(t.url)}&token=${alice}`);
    await page.getByRole("option", { name: "avatar" }).waitFor({ state: "attached" });
    // The built library, for the calls the example's UI cannot make (bypassing its own checks).
    await page.evaluate(`(async () => {
      const lib = await import("/lib/src/index.js");
      const valet = lib.createValetClient({ url: ${JSON.stringify(t.url)}, getToken: () => ${JSON.stringify(alice)} });
      const outcome = (p) => p.then((value) => ({ value }), (e) => ({ error: { name: e.name, stage: e.stage, code: e.code, status: e.status, s3: e.s3 } }));
      window.valetTest = { lib, valet, outcome };
    })()`);
  };
  await open();
  return {
    t,
    page,
    alice,
    dir,
    open,
    close: async () => {
      await browser.close();
      await t.close();
      await site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
