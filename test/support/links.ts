import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RequestUploadInput } from "../../client/generated/graphql";
import type { TestApp } from "./harness";
import { avatarInput } from "./operations";

/** The development profiles plus `banner`: PNGs anyone may read (`read: "public"`), served by GET /o/<id>. */
export function profilesWithPublic(): string {
  const dev = JSON.parse(readFileSync(resolve(__dirname, "../../src/config/profiles.json"), "utf8")) as Record<string, object>;
  const banner = {
    ...dev.avatar,
    description: "Banners anyone may see",
    keyTemplate: "users/{sub}/banner/{uuid}{ext}",
    read: "public",
  };
  const path = join(mkdtempSync(join(tmpdir(), "valet-profiles-")), "profiles.json");
  writeFileSync(path, JSON.stringify({ ...dev, banner }));
  return path;
}

/** An upload of a small PNG under `banner`, the public profile of profilesWithPublic(). */
export const bannerInput = (): RequestUploadInput => avatarInput({ profile: "banner", filename: "banner.png" });

/** GETs a route of the app without following redirects, as the given client address when a proxy is trusted. */
export function getRoute(t: Pick<TestApp, "url">, path: string, forwardedFor?: string): Promise<Response> {
  return fetch(new URL(path, t.url), {
    redirect: "manual",
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
  });
}

/** The path of a share link's URL (/s/<token>), to GET from the app under test. */
export const linkPath = (url: string): string => new URL(url).pathname;
