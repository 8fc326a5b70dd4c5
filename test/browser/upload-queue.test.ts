import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page, Request, Route } from "playwright-core";
import { MyObjectsDocument, RequestDownloadDocument } from "../../client/generated/graphql";
import { dataOf, type TestApp } from "../support/harness";
import { pngBytes } from "../support/uploads";
import type { ExampleSession } from "./support/example-session";
import { bigPng, partNumberOf, SIZE, startMediaSession, until } from "./support/media-session";

// The example's dropzone page (#page=uploads: <UploadDropzone concurrency={2}>) in Chromium, on the RGW.
describe("the upload dropzone in Chromium", () => {
  let session: ExampleSession;
  let t: TestApp;
  let page: Page;
  let alice: string;
  const big = bigPng();
  const png = Buffer.from(pngBytes(4000)).toString("base64");

  beforeAll(async () => {
    session = await startMediaSession();
    ({ t, page, alice } = session);
    for (const name of ["poster.png", "offline.png", "later.png"]) await writeFile(join(session.dir, "files", name), big);
  }, 120_000);
  afterAll(() => session?.close());

  const isS3 = (r: Request) => r.url().startsWith(t.config.s3.endpoint ?? "") && r.method() !== "OPTIONS";
  const summary = () => page.getByRole("status");
  const item = (name: string) => page.locator(".valet-item").filter({ hasText: name });
  const objects = async () => dataOf(await t.gql(MyObjectsDocument, { first: 100 }, alice)).myObjects.nodes;
  const download = async (key: string) => {
    const { url } = dataOf(await t.gql(RequestDownloadDocument, { input: { key } }, alice)).requestDownload;
    return Buffer.from(await (await fetch(url)).arrayBuffer());
  };
  const openUploads = async (params: Record<string, string> = {}) => {
    const hash = new URLSearchParams({ page: "uploads", api: t.url, token: alice, ...params });
    await page.goto(`${new URL(page.url()).origin}/#${hash.toString()}`);
    await page.reload(); // a new hash alone does not load the page again
    await page.getByLabel("Drop files here, paste, or choose").waitFor({ state: "attached" });
  };
  /** S3 requests from now on: how many at most were in flight at once, and every part PUT by number. */
  function watchS3() {
    let now = 0;
    const seen = { most: 0, methods: [] as string[], parts: [] as number[], stored: new Set<number>() };
    page.on("request", (r) => {
      if (!isS3(r)) return;
      seen.methods.push(r.method());
      seen.most = Math.max(seen.most, ++now);
      const n = partNumberOf(r.url());
      if (n !== null) seen.parts.push(n);
    });
    page.on("requestfinished", (r) => {
      if (!isS3(r)) return;
      now--;
      const n = partNumberOf(r.url());
      if (n !== null) void r.response().then((res) => res?.status() === 200 && seen.stored.add(n));
    });
    page.on("requestfailed", (r) => isS3(r) && now--);
    return seen;
  }
  afterEach(async () => {
    page.removeAllListeners("request");
    page.removeAllListeners("requestfinished");
    page.removeAllListeners("requestfailed");
    await page.unrouteAll({ behavior: "ignoreErrors" });
    await page.context().setOffline(false);
  });

  it("uploads 5 dropped files with never more than 2 requests to S3 in flight, and lists them", async () => {
    await openUploads();
    // Each POST is held a moment at S3's door so that uploads overlap whenever the queue lets them.
    await page.route(`${t.config.s3.endpoint}/**`, async (route) => {
      if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    const s3 = watchS3();
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(png)}), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      for (let i = 1; i <= 5; i++) dt.items.add(new File([bytes], "drop-" + i + ".png", { type: "image/png" }));
      const zone = document.querySelector(".valet-dropzone");
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    })()`);
    await summary().filter({ hasText: "5 of 5 uploaded" }).waitFor();
    expect(s3.methods).toEqual(Array(5).fill("POST"));
    expect(s3.most).toBe(2);
    const list = page.getByRole("list", { name: "my objects" });
    for (let i = 1; i <= 5; i++)
      await list
        .getByRole("listitem")
        .filter({ hasText: `drop-${i}.png AVAILABLE` })
        .waitFor();
  });

  it("lists my objects with a download and a share link of the same bytes, and a delete that ends the link", async () => {
    // The files the test before dropped.
    const list = page.getByRole("list", { name: "my objects" });
    const row = list.getByRole("listitem").filter({ hasText: "drop-1.png AVAILABLE" });
    const [file] = await Promise.all([page.waitForEvent("download"), row.getByRole("button", { name: "Download" }).click()]);
    expect(await readFile(await file.path())).toEqual(Buffer.from(png, "base64"));
    await row.getByRole("button", { name: "Share" }).click();
    // PUBLIC_URL is not set here: the link's path, on the API the page talks to.
    const href = (await row.getByRole("link", { name: "share link" }).getAttribute("href"))!;
    const link = new URL(new URL(href).pathname, t.url).href;
    const shared = await fetch(link); // the link redirects to a presigned GET of the verified version
    expect(Buffer.from(await shared.arrayBuffer())).toEqual(Buffer.from(png, "base64"));
    await row.getByRole("button", { name: "Delete" }).click();
    await row.waitFor({ state: "detached" });
    expect((await fetch(link, { redirect: "manual" })).status).toBe(404); // deleting the object ended its link
    expect((await objects()).map((o) => o.filename)).not.toContain("drop-1.png");
    await list.getByRole("listitem").filter({ hasText: "drop-2.png AVAILABLE" }).waitFor();
  });

  it("uploads an image pasted into the dropzone, with its preview", async () => {
    await openUploads();
    await page.getByLabel("Drop files here, paste, or choose").focus();
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob(${JSON.stringify(png)}), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
      document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
    })()`);
    await item("pasted.png").locator(".valet-item__status").filter({ hasText: "done" }).waitFor();
    expect(await item("pasted.png").locator("img.valet-item__preview").getAttribute("src")).toMatch(/^blob:/);
    expect((await objects()).find((o) => o.filename === "pasted.png")?.state).toBe("AVAILABLE");
  });

  it("uploads with the keyboard alone: Tab to the labelled input, Space, choose", async () => {
    await openUploads();
    await page.locator("body").focus();
    const focused = () => page.evaluate(`document.activeElement?.getAttribute("type")`);
    for (let i = 0; i < 10 && (await focused()) !== "file"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("file");
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Space")]);
    await chooser.setFiles({ name: "keyboard.png", mimeType: "image/png", buffer: Buffer.from(pngBytes(3000)) });
    await item("keyboard.png").locator(".valet-item__status").filter({ hasText: "done" }).waitFor();
    await expect(
      item("keyboard.png").getByRole("progressbar", { name: "keyboard.png upload progress" }).getAttribute("value"),
    ).resolves.toBe("3000");
  });

  it("pauses a multipart upload between parts and resumes it without sending a part twice", async () => {
    await openUploads({ profile: "media", parallel: "1" });
    const s3 = watchS3();
    let release!: () => void;
    const released = new Promise<void>((ok) => (release = ok));
    let held = false;
    await page.route(
      (url) => url.href.startsWith(t.config.s3.endpoint ?? "") && partNumberOf(url.href) === 1,
      async (route: Route) => ((held = true), await released, await route.continue()),
    );

    await page.getByLabel("Drop files here, paste, or choose").setInputFiles(join(session.dir, "files", "poster.png"));
    await until(() => held, "part 1 at S3's door");
    await page.getByRole("button", { name: "Pause poster.png" }).click();
    await item("poster.png").locator(".valet-item__status").filter({ hasText: "paused" }).waitFor();
    release();
    await until(() => s3.stored.has(1), "part 1 stored");
    // Paused: the part in flight finished, the next one does not start (give it a moment to show).
    await new Promise((r) => setTimeout(r, 1000));
    expect(s3.parts).toEqual([1]);
    await page.getByRole("button", { name: "Resume poster.png" }).click();
    await item("poster.png").locator(".valet-item__status").filter({ hasText: "done" }).waitFor();
    expect(s3.parts).toEqual([1, 2, 3, 4]);
    const object = (await objects()).find((o) => o.filename === "poster.png" && o.state === "AVAILABLE");
    expect((await download(object!.key)).equals(big)).toBe(true);
  });

  it("waits while offline mid-part instead of spending retries, and finishes without losing a part", async () => {
    await openUploads({ profile: "media", parallel: "1" });
    const s3 = watchS3();
    let cut: Route | undefined;
    // Only part 2's first attempt is held (to be cut); every later request meets the offline network itself.
    await page.route(
      (url) => url.href.startsWith(t.config.s3.endpoint ?? "") && partNumberOf(url.href) === 2,
      (route: Route) => void (cut = route),
      { times: 1 },
    );
    await page.getByLabel("Drop files here, paste, or choose").setInputFiles(join(session.dir, "files", "offline.png"));
    await until(() => cut !== undefined && s3.stored.has(1), "part 1 stored, part 2 on its way");
    await page.context().setOffline(true);
    await cut!.abort("internetdisconnected");
    await item("offline.png").locator(".valet-item__status").filter({ hasText: "waiting for the network" }).waitFor();
    // Longer offline than the default retries last (500 ms doubling, 4 times: about 7.5 s at most).
    await new Promise((r) => setTimeout(r, 9000));
    expect(await item("offline.png").getAttribute("data-status")).toBe("uploading");
    await page.context().setOffline(false);
    await item("offline.png").locator(".valet-item__status").filter({ hasText: "done" }).waitFor();
    // One attempt cut, one after the network came back: none spent while offline, part 1 not sent again.
    expect(s3.parts.filter((n) => n === 2)).toEqual([2, 2]);
    expect(s3.parts.filter((n) => n === 1)).toEqual([1]);
    expect([...s3.stored].sort()).toEqual([1, 2, 3, 4]);
    const object = (await objects()).find((o) => o.filename === "offline.png" && o.state === "AVAILABLE");
    expect(object?.size).toBe(SIZE);
    expect((await download(object!.key)).equals(big)).toBe(true);
  });

  it("offers an upload cut off by a reload (listResumable) and continues it from the part it stopped at", async () => {
    await openUploads({ profile: "media", parallel: "1" });
    const s3 = watchS3();
    let held = false;
    await page.route(
      (url) => url.href.startsWith(t.config.s3.endpoint ?? "") && partNumberOf(url.href) === 2,
      () => void (held = true),
      { times: 1 },
    );
    const file = join(session.dir, "files", "later.png");
    await page.getByLabel("Drop files here, paste, or choose").setInputFiles(file);
    await until(() => held && s3.stored.has(1), "part 1 stored, part 2 held");
    await page.reload(); // while part 2 is still held: the upload stops after part 1
    await page.unrouteAll({ behavior: "ignoreErrors" });
    const offered = page.getByRole("region", { name: "unfinished uploads" });
    await offered.getByText("later.png").waitFor();
    s3.parts.length = 0;
    await page.getByLabel("Drop files here, paste, or choose").setInputFiles(file);
    await item("later.png").locator(".valet-item__status").filter({ hasText: "done" }).waitFor();
    expect(s3.parts).toEqual([2, 3, 4]);
    const object = (await objects()).find((o) => o.filename === "later.png" && o.state === "AVAILABLE");
    expect((await download(object!.key)).equals(big)).toBe(true);
    await page.reload();
    await page.getByLabel("Drop files here, paste, or choose").waitFor({ state: "attached" });
    expect(await offered.count()).toBe(0);
  });
});
