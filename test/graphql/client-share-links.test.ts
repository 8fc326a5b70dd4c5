import { createValetClient, ValetError } from "../../client/src/index";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { getRoute, linkPath } from "../support/links";
import { tokenFor } from "../support/tokens";
import { uploadDocument } from "../support/uploads";

// @valet/client's share-link helpers against the real server in process.
describe("@valet/client share links", () => {
  let t: InProcessApp;
  const tokens: Record<string, string> = {};
  let doc: string;

  beforeAll(async () => {
    // One fixed instant: the cacheable test's two requests must fall in one URL window.
    const now = new Date(Date.UTC(2030, 0, 1, 12, 5));
    t = await startInProcessApp({}, { now: () => now });
    Object.assign(tokens, { alice: await tokenFor("alice"), bob: await tokenFor("bob") });
    doc = await uploadDocument(t, tokens.alice);
  });
  afterAll(() => t.close());

  const valet = (as: string) => createValetClient({ url: t.url, getToken: async () => tokens[as] });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it("creates a link with its terms and its url, which serves until revokeShareLink", async () => {
    const link = await valet("alice").createShareLink(doc, { expiresIn: 600, maxDownloads: 5, disposition: "INLINE" });
    expect(link).toMatchObject({ downloads: 0, maxDownloads: 5, revokedAt: null, url: expect.stringMatching(/\/s\/[\w-]{43}$/) });
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(600_000);
    expect((await getRoute(t, linkPath(link.url))).status).toBe(302);

    const revoked = await valet("alice").revokeShareLink(link.id);
    expect(revoked).toMatchObject({ id: link.id, url: null, downloads: 1, revokedAt: expect.any(String) });
    expect((await getRoute(t, linkPath(link.url))).status).toBe(404);
  });

  it("throws a ValetError NOT_FOUND for a link to someone else's object, or revoking someone else's link", async () => {
    const linking = await failure(valet("bob").createShareLink(doc));
    expect(linking).toBeInstanceOf(ValetError);
    expect(linking).toMatchObject({ code: "NOT_FOUND" });
    const { id } = await valet("alice").createShareLink(doc);
    expect(await failure(valet("bob").revokeShareLink(id))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("throws a ValetError BAD_USER_INPUT for a download limit below 1", async () => {
    expect(await failure(valet("alice").createShareLink(doc, { maxDownloads: 0 }))).toMatchObject({ code: "BAD_USER_INPUT" });
  });

  it("asks for a cacheable download: the same URL twice in one window", async () => {
    const first = await valet("alice").requestDownload(doc, { cacheable: true });
    const second = await valet("alice").requestDownload(doc, { cacheable: true });
    expect(second.url).toBe(first.url);
    expect(new URL(first.url).searchParams.get("response-cache-control")).toMatch(/^private, max-age=\d+$/);
  });
});
