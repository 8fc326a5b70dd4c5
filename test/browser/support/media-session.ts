import { readFile, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pngBytes } from "../../support/uploads";
import { startExampleSession, type ExampleSession } from "./example-session";

export const MiB = 1024 ** 2;
// The RGW refuses parts under its rgw_multipart_min_part_size (5 MiB, as on AWS) when the upload is
// completed, so the smallest part size Valet may plan here is 5 MiB: 4 parts of 5, 5, 5 MiB and 1000 bytes.
export const PART = 5 * MiB;
export const SIZE = 3 * PART + 1000;

/** A PNG whose parts all differ, so a misplaced or repeated part shows in the download. */
export function bigPng(): Buffer {
  const bytes = pngBytes(SIZE);
  for (let i = 64; i < SIZE; i++) bytes[i] = (i * 31 + (i >> 20)) & 0xff;
  return Buffer.from(bytes);
}

/** The part number of a part URL; null for any other URL. */
export const partNumberOf = (url: string): number | null => {
  const n = new URL(url).searchParams.get("partNumber");
  return n === null ? null : Number(n);
};

/** Polls `condition` every 50 ms (an ordering wait, not a timing assertion). */
export async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  for (const end = Date.now() + ms; !condition(); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
  }
}

/** The example session with a `media` profile that goes in parts above 6 MiB, parts of 5 MiB. */
export async function startMediaSession(): Promise<ExampleSession> {
  const profiles = JSON.parse(await readFile(resolve(__dirname, "../../../src/config/profiles.json"), "utf8")) as object;
  const media = {
    description: "Large images, in parts above 6 MiB",
    contentTypes: ["image/png"],
    maxBytes: 64 * MiB,
    defaultExpiresIn: 900,
    maxExpiresIn: 3600,
    roles: [],
    keyTemplate: "users/{sub}/media/{uuid}{ext}",
    multipartThreshold: 6 * MiB,
  };
  const profilesFile = join(__dirname, `.profiles-${process.pid}.json`);
  await writeFile(profilesFile, JSON.stringify({ ...profiles, media }));
  try {
    // A shared, busy machine: give the server's own S3 calls (bucket set-up, completion) more time.
    return await startExampleSession({
      PROFILES_FILE: profilesFile,
      MULTIPART_MIN_PART_SIZE: String(PART),
      S3_REQUEST_TIMEOUT_MS: "30000",
    });
  } finally {
    await rm(profilesFile, { force: true });
  }
}
