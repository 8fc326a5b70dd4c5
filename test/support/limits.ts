import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompleteUploadDocument, GrantsDocument, RequestUploadDocument } from "../../client/generated/graphql";
import type { QuotaLimits } from "../../src/domain/quota";
import type { InProcessApp } from "./in-process";
import { avatarInput } from "./operations";
import { tokenFor } from "./tokens";
import { pngBytes } from "./uploads";

/** Writes a quotas file (role → limits) to a fresh temp directory and returns its path, for QUOTAS_FILE. */
export function quotasFile(table: Record<string, QuotaLimits>): string {
  const path = join(mkdtempSync(join(tmpdir(), "valet-quotas-")), "quotas.json");
  writeFileSync(path, JSON.stringify(table));
  return path;
}

/** Requests an avatar upload grant of `size` bytes. */
export const requestAvatar = (t: InProcessApp, token: string, size = 64) =>
  t.gql(RequestUploadDocument, { input: avatarInput({ size }) }, token);

/** Uploads a PNG of `size` bytes through a grant and completes it: an AVAILABLE object. */
export async function storePng(t: InProcessApp, token: string, size = 64): Promise<string> {
  const grant = (await requestAvatar(t, token, size)).data?.requestUpload;
  if (!grant) throw new Error("no upload grant");
  t.upload(grant, pngBytes(size));
  const done = await t.gql(CompleteUploadDocument, { grantId: grant.id }, token);
  if (done.data?.completeUpload.state !== "AVAILABLE") throw new Error(`${grant.key} did not become AVAILABLE`);
  return grant.key;
}

/** How many grants of this kind the registry holds for the viewer, as an admin sees them. */
export async function recordedGrants(t: InProcessApp, viewerId: string, kind: "UPLOAD" | "DOWNLOAD"): Promise<number> {
  const res = await t.gql(GrantsDocument, { filter: { viewerId, kind }, first: 100 }, await tokenFor("root", ["admin"]));
  if (!res.data) throw new Error(`grants query failed: ${JSON.stringify(res.errors)}`);
  return res.data.grants.nodes.length;
}
