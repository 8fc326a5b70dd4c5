// npm run screenshot:client: docs/client-dropzone.png, the example's dropzone page (#page=uploads) in
// headless Chromium against a local API and the test RGW (as test/browser/upload-queue.test.ts starts
// them), with an image uploaded (its preview), a multipart upload paused after its first part, and a
// file too large for its profile (its stage and code). Needs PostgreSQL, Redis and the RGW of the tests.
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Route } from "playwright-core";
import { MiB, partNumberOf, SIZE, startMediaSession, until } from "../test/browser/support/media-session";

const OUT = resolve(__dirname, "../docs/client-dropzone.png");

/** A 96×64 PNG (base64): a sky from `top` to `bottom` over a green hill, drawn in the page (no DOM types here). */
const draw = (top: string, bottom: string) => `(() => {
  const c = Object.assign(document.createElement("canvas"), { width: 96, height: 64 });
  const g = c.getContext("2d");
  const sky = g.createLinearGradient(0, 0, 0, 64);
  sky.addColorStop(0, ${JSON.stringify(top)});
  sky.addColorStop(1, ${JSON.stringify(bottom)});
  g.fillStyle = sky;
  g.fillRect(0, 0, 96, 64);
  g.fillStyle = "#15803d";
  g.beginPath();
  g.moveTo(0, 64);
  g.lineTo(40, 28);
  g.lineTo(96, 64);
  g.fill();
  return c.toDataURL("image/png").split(",")[1];
})()`;

async function main(): Promise<void> {
  const session = await startMediaSession();
  const { page, t, alice } = session;
  try {
    // Real pictures (drawn by the page), padded after their end to the size wanted: the previews decode.
    const picture = async (top: string, bottom: string, size = 0) => {
      const png = Buffer.from(String(await page.evaluate(draw(top, bottom))), "base64");
      return size > png.length ? Buffer.concat([png, Buffer.alloc(size - png.length)]) : png;
    };
    await writeFile(join(session.dir, "files", "poster.png"), await picture("#a78bfa", "#1e1b4b", SIZE));
    await page.setViewportSize({ width: 640, height: 900 });
    const hash = new URLSearchParams({ page: "uploads", api: t.url, token: alice, profile: "media", parallel: "1" });
    await page.goto(`${new URL(page.url()).origin}/#${hash.toString()}`);
    await page.reload(); // a new hash alone does not load the page again
    const input = page.getByLabel("Drop files here, paste, or choose");
    await input.waitFor({ state: "attached" });
    const item = (name: string) => page.locator(".valet-item").filter({ hasText: name });
    const status = (name: string, text: string) => item(name).locator(".valet-item__status").filter({ hasText: text }).waitFor();

    // Paused: part 1 is held at S3's door until Pause is clicked, then lands; part 2 never starts.
    let release!: () => void;
    const released = new Promise<void>((ok) => (release = ok));
    let held = false;
    await page.route(
      (url) => url.href.startsWith(t.config.s3.endpoint ?? "") && partNumberOf(url.href) === 1,
      async (route: Route) => ((held = true), await released, await route.continue()),
    );
    await input.setInputFiles(join(session.dir, "files", "poster.png"));
    await until(() => held, "part 1 at S3's door");
    await page.getByRole("button", { name: "Pause poster.png" }).click();
    await status("poster.png", "paused");
    release();

    // Done, with its preview: a small picture drawn by the page itself.
    await input.setInputFiles({ name: "beach.png", mimeType: "image/png", buffer: await picture("#60a5fa", "#fde68a") });
    await status("beach.png", "done");
    await item("beach.png").locator("img.valet-item__preview").waitFor();

    // Refused before asking: 65 MiB against the profile's 64 MiB.
    await writeFile(join(session.dir, "files", "panorama.png"), await picture("#fb923c", "#7c2d12", 65 * MiB));
    await input.setInputFiles(join(session.dir, "files", "panorama.png"));
    await item("panorama.png").locator(".valet-item__error").waitFor();
    await new Promise((r) => setTimeout(r, 500)); // the previews decode
    // styles.css keeps each item's buttons on its progress bar's row (they once wrapped under the preview).
    const row = async (name: string, part: string) => (await item(name).locator(part).boundingBox())!;
    for (const [name, button] of [
      ["poster.png", "Cancel"],
      ["panorama.png", "Retry"],
    ]) {
      const [bar, b] = [await row(name, ".valet-item__progress"), await row(name, `.valet-item__${button.toLowerCase()}`)];
      if (b.y > bar.y + bar.height || b.y + b.height < bar.y) throw new Error(`${name}'s ${button} is not on its progress row`);
    }
    await page.locator(".valet-dropzone").screenshot({ path: OUT });
    console.log(`screenshot:client: wrote ${OUT}`);
  } finally {
    await session.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
