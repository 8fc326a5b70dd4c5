import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { MyObjectsDocument } from "../../client/generated/graphql";
import { dataOf, type TestApp } from "../support/harness";
import { pngBytes } from "../support/uploads";
import { startExampleSession, type ExampleSession } from "./support/example-session";

// The React example and the built @valet/client in Debian's Chromium, against the real API and the
// test RGW: small files. SCREENSHOT_DIR=docs saves the example's screenshot.
describe("the React example in Chromium", () => {
  let session: ExampleSession;
  let t: TestApp;
  let page: Page;
  let alice: string;

  beforeAll(async () => {
    session = await startExampleSession();
    ({ t, page, alice } = session);
  }, 120_000);
  afterAll(() => session?.close());

  const status = () => page.getByRole("status");
  const choose = async (name: string, mimeType: string, buffer: Buffer, profile = "avatar") => {
    await page.getByLabel("profile", { exact: true }).selectOption(profile);
    await page.getByLabel("file", { exact: true }).setInputFiles({ name, mimeType, buffer });
    await page.getByRole("button", { name: "Upload" }).click();
  };
  const objectsOf = async (token = alice) => dataOf(await t.gql(MyObjectsDocument, { first: 100 }, token)).myObjects.nodes;
  const grantRequests = () => {
    const seen: string[] = [];
    page.on("request", (r) => r.url() === t.url && r.postData()?.includes("requestUpload") && seen.push(r.url()));
    return seen;
  };

  it("uploads a small file by POST, lists it, and downloads the same bytes", async () => {
    const bytes = Buffer.from(pngBytes(2048));
    const toS3: string[] = [];
    const seen = (r: { url(): string; method(): string }) =>
      r.url().startsWith(t.config.s3.endpoint ?? "") && toS3.push(r.method());
    page.on("request", seen);
    await choose("dot.png", "image/png", bytes);
    await status().filter({ hasText: "2048 / 2048 bytes · done" }).waitFor();
    page.off("request", seen);
    expect(toS3.filter((m) => m !== "OPTIONS")).toEqual(["POST"]);
    const row = page.getByRole("listitem").filter({ hasText: "dot.png" });
    await row.getByText("image/png · 2048 bytes · AVAILABLE").waitFor();
    if (process.env.SCREENSHOT_DIR) await page.screenshot({ path: resolve(process.env.SCREENSHOT_DIR, "example-react.png") });

    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("button", { name: "Download" }).click()]);
    expect(download.suggestedFilename()).toBe("dot.png");
    expect(await readFile(await download.path())).toEqual(bytes);
  });

  it("reports upload progress from XMLHttpRequest in bytes of the file", async () => {
    const calls = await page.evaluate<Array<{ loaded: number; total: number }>>(`(async () => {
      const { valet } = window.valetTest;
      const calls = [];
      const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), new Uint8Array(300000)], "big.png", { type: "image/png" });
      await valet.upload(file, { profile: "avatar", onProgress: (p) => calls.push(p) });
      return calls;
    })()`);
    // The first and last calls are the client's own; anything between came from XHR's upload events.
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls[0]).toEqual({ loaded: 0, total: 300016 });
    expect(calls.at(-1)).toEqual({ loaded: 300016, total: 300016 });
    expect(calls.every((c, i) => c.total === 300016 && (i === 0 || c.loaded >= calls[i - 1].loaded))).toBe(true);
  });

  test.each([
    ["a file over the profile's maxBytes", "huge.png", "image/png", Buffer.alloc(5 * 1024 * 1024 + 1), "grant: FILE_TOO_LARGE"],
    ["a type the profile does not take", "notes.txt", "text/plain", Buffer.from("hello"), "grant: CONTENT_TYPE_NOT_ALLOWED"],
  ])("shows the typed error for %s without asking for a grant", async (_, name, type, buffer, shown) => {
    const asked = grantRequests();
    await choose(name, type, buffer);
    await status()
      .filter({ hasText: `error · ${shown}` })
      .waitFor();
    expect(asked).toEqual([]);
  });

  it("shows S3's EntityTooLarge, parsed, when more bytes are sent than the grant declared", async () => {
    const outcome = await page.evaluate(`(async () => {
      const { lib, valet, outcome } = window.valetTest;
      const grant = await valet.requestUploadGrant({ profile: "avatar", filename: "a.png", contentType: "image/png", size: 10 });
      const result = await outcome(lib.postToGrant(grant, new Blob([new Uint8Array(100)])));
      await valet.discardUpload(grant);
      return result;
    })()`);
    expect(outcome).toEqual({
      error: expect.objectContaining({
        name: "ValetUploadError",
        stage: "transfer",
        code: "ENTITY_TOO_LARGE",
        status: 400,
        s3: expect.objectContaining({ Code: "EntityTooLarge" }),
      }),
    });
  });

  it("shows the server's refusal of a wrong type when the client's check is bypassed", async () => {
    const outcome = await page.evaluate(`(async () => {
      const { valet, outcome } = window.valetTest;
      const lax = { name: "avatar", description: "", contentTypes: ["text/plain"], maxBytes: 1e9, defaultExpiresIn: 300, maxExpiresIn: 3600 };
      return outcome(valet.upload(new Blob(["hello"], { type: "text/plain" }), { profile: lax }));
    })()`);
    expect(outcome).toEqual({ error: expect.objectContaining({ stage: "grant", code: "BAD_USER_INPUT" }) });
  });

  it("cancels an upload mid-way: abortUpload leaves it ABORTED, not PENDING", async () => {
    // Hold the POST at S3's door long enough to press Cancel.
    let atS3!: () => void;
    const reached = new Promise<void>((ok) => (atS3 = ok));
    await page.route(`${t.config.s3.endpoint}/**`, async (route) => {
      if (route.request().method() === "POST") atS3();
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue().catch(() => undefined);
    });
    try {
      const before = (await objectsOf()).length;
      await choose("slow.png", "image/png", Buffer.from(pngBytes(100_000)));
      await reached; // the grant was issued: a PENDING record exists now
      expect((await objectsOf()).filter((o) => o.state === "PENDING")).toHaveLength(1);
      await page.getByRole("button", { name: "Cancel" }).click();
      await status().filter({ hasText: "aborted" }).waitFor();
      expect((await objectsOf()).filter((o) => o.state === "PENDING")).toEqual([]);
      const after = await objectsOf();
      expect(after).toHaveLength(before + 1);
      expect(after.filter((o) => o.filename === "slow.png").map((o) => o.state)).toEqual(["ABORTED"]);
    } finally {
      await page.unrouteAll({ behavior: "ignoreErrors" });
    }
  });
});
