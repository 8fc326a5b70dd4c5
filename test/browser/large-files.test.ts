import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page, Request, Route } from "playwright-core";
import { MyObjectsDocument, RequestDownloadDocument, UploadedPartsDocument } from "../../client/generated/graphql";
import { dataOf, type TestApp } from "../support/harness";
import { pngBytes } from "../support/uploads";
import type { ExampleSession } from "./support/example-session";
import { bigPng, PART, partNumberOf, SIZE, startMediaSession, until } from "./support/media-session";

// MULTIPART and PUT uploads by the built @valet/client and the React example in Chromium, on the RGW.
describe("large files in Chromium", () => {
  let session: ExampleSession;
  let t: TestApp;
  let page: Page;
  let alice: string;
  const big = bigPng();
  let bigPath: string;

  beforeAll(async () => {
    session = await startMediaSession();
    ({ t, page, alice } = session);
    bigPath = join(session.dir, "files", "poster.png");
    await writeFile(bigPath, big);
    await writeFile(join(session.dir, "files", "small.png"), pngBytes(3000));
  }, 120_000);
  afterAll(() => session?.close());

  /** The S3 requests the page makes from now on (not the CORS preflights), as [method, partNumber]. */
  function s3Requests(): Array<[string, number | null]> {
    const seen: Array<[string, number | null]> = [];
    page.on("request", (r: Request) => {
      if (r.url().startsWith(t.config.s3.endpoint ?? "") && r.method() !== "OPTIONS")
        seen.push([r.method(), partNumberOf(r.url())]);
    });
    return seen;
  }
  const partsSent = (seen: Array<[string, number | null]>) =>
    seen
      .filter(([m, n]) => m === "PUT" && n !== null)
      .map(([, n]) => n!)
      .sort((a, b) => a - b);
  const objects = async () => dataOf(await t.gql(MyObjectsDocument, { first: 100 }, alice)).myObjects.nodes;
  const download = async (key: string) => {
    const { url } = dataOf(await t.gql(RequestDownloadDocument, { input: { key } }, alice)).requestDownload;
    return Buffer.from(await (await fetch(url)).arrayBuffer());
  };

  it("uploads a large file in parts the server chose, with progress across parts, byte-identical", async () => {
    const seen = s3Requests();
    const { object, progress } = await page.evaluate<{
      object: { key: string; state: string; size: number };
      progress: Array<{ loaded: number; total: number }>;
    }>(`(async () => {
      const blob = await (await fetch("/files/poster.png")).blob();
      const progress = [];
      const object = await window.valetTest.valet.upload(new File([blob], "poster.png", { type: "image/png" }), {
        profile: "media",
        onProgress: (p) => progress.push(p),
      });
      return { object, progress };
    })()`);
    expect(object).toMatchObject({ state: "AVAILABLE", size: SIZE });
    expect(partsSent(seen)).toEqual([1, 2, 3, 4]);
    expect(seen.filter(([m]) => m === "POST")).toEqual([]);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress[0]).toEqual({ loaded: 0, total: SIZE });
    expect(progress.at(-1)).toEqual({ loaded: SIZE, total: SIZE });
    expect(progress.every((p, i) => p.total === SIZE && (i === 0 || p.loaded >= progress[i - 1].loaded))).toBe(true);
    expect((await download(object.key)).equals(big)).toBe(true);
  });

  it("uploads by PUT with the grant's headers when asked to", async () => {
    const puts: Array<Record<string, string>> = [];
    const onRequest = (r: Request) =>
      r.url().startsWith(t.config.s3.endpoint ?? "") && r.method() === "PUT" && puts.push(r.headers());
    page.on("request", onRequest);
    const object = await page.evaluate<{ key: string; state: string }>(`(async () => {
      const blob = await (await fetch("/files/small.png")).blob();
      return window.valetTest.valet.upload(new File([blob], "small.png", { type: "image/png" }), { profile: "avatar", method: "PUT" });
    })()`);
    page.off("request", onRequest);
    expect(object.state).toBe("AVAILABLE");
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ "if-none-match": "*", "content-type": "image/png" });
    expect((await download(object.key)).equals(Buffer.from(pngBytes(3000)))).toBe(true);
  });

  it("aborts a multipart upload that is not resumable: the object is ABORTED, nothing PENDING", async () => {
    const outcome = await page.evaluate<{ error?: { code: string } }>(`(async () => {
      const { valet, outcome } = window.valetTest;
      const blob = await (await fetch("/files/poster.png")).blob();
      const controller = new AbortController();
      return outcome(valet.upload(new File([blob], "abort.png", { type: "image/png" }), {
        profile: "media",
        signal: controller.signal,
        onProgress: (p) => p.loaded >= ${PART} && controller.abort(),
      }));
    })()`);
    expect(outcome.error).toMatchObject({ stage: "transfer", code: "ABORTED" });
    const mine = (await objects()).filter((o) => o.filename === "abort.png");
    expect(mine.map((o) => o.state)).toEqual(["ABORTED"]);
  });

  it("resumes a cancelled upload after a reload, sending only the parts S3 does not hold", async () => {
    // Parts 1 and 2 go through; 3 and 4 are held at S3's door until Cancel.
    const held: Route[] = [];
    await page.route(
      (url) => url.href.startsWith(t.config.s3.endpoint ?? "") && (partNumberOf(url.href) ?? 0) >= 3,
      (route) => void held.push(route),
    );
    const stored = new Set<number>();
    page.on("requestfinished", (r) => {
      const n = partNumberOf(r.url());
      if (n !== null && r.method() === "PUT") void r.response().then((res) => res?.status() === 200 && stored.add(n));
    });
    const status = () => page.getByRole("status");
    const choose = async () => {
      await page.getByLabel("profile", { exact: true }).selectOption("media");
      await page.getByLabel("file", { exact: true }).setInputFiles(bigPath);
      await page.getByRole("button", { name: "Upload" }).click();
    };
    await choose();
    await until(() => stored.has(1) && stored.has(2) && held.length === 2, "parts 1 and 2 stored, 3 and 4 held");
    await page.getByRole("button", { name: "Cancel" }).click();
    await status().filter({ hasText: "aborted" }).waitFor();
    for (const route of held) await route.abort().catch(() => undefined);
    await page.unrouteAll({ behavior: "ignoreErrors" });

    const records = await page.evaluate<Array<{ grantId: string }>>(
      `Object.keys(localStorage).filter((k) => k.startsWith("valet:resume:")).map((k) => JSON.parse(localStorage.getItem(k)))`,
    );
    expect(records).toHaveLength(1);
    const uploaded = dataOf(await t.gql(UploadedPartsDocument, { grantId: records[0].grantId }, alice)).uploadedParts;
    expect(uploaded.map((p) => p.partNumber).sort()).toEqual([1, 2]);
    expect((await objects()).filter((o) => o.filename === "poster.png" && o.state === "PENDING")).toHaveLength(1);

    await page.reload();
    await page.getByRole("option", { name: "media" }).waitFor({ state: "attached" });
    const seen = s3Requests();
    await choose();
    await status()
      .filter({ hasText: `${SIZE} / ${SIZE} bytes · done` })
      .waitFor();
    expect(partsSent(seen)).toEqual([3, 4]);
    expect(await page.evaluate(`Object.keys(localStorage).filter((k) => k.startsWith("valet:resume:"))`)).toEqual([]);
    expect((await objects()).filter((o) => o.filename === "poster.png" && o.state === "PENDING")).toEqual([]);

    const row = page
      .getByRole("listitem")
      .filter({ hasText: `${SIZE} bytes · AVAILABLE` })
      .first();
    const [file] = await Promise.all([page.waitForEvent("download"), row.getByRole("button", { name: "Download" }).click()]);
    expect((await readFile(await file.path())).equals(big)).toBe(true);
  });
});
