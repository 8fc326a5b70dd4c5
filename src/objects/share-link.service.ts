import type { Viewer } from "../auth/viewer";
import type { Disposition } from "../domain/model";
import { notFound } from "../errors/app-error";
import { parseClientKey } from "../policy/keys";
import { isVerified } from "../policy/read.policy";
import { canManageShares, shareSeconds } from "../policy/share.policy";
import { linkMaxDownloads } from "../policy/share-link.policy";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord, ShareLinkRecord } from "../store/types";
import { linkTokenDigest, newLinkToken } from "./share-link-token";

/** What a client asks of createShareLink. */
export interface ShareLinkRequest {
  key: string;
  expiresIn?: number | null;
  maxDownloads?: number | null;
  disposition?: Disposition | null;
}

/**
 * A link to an AVAILABLE object, made by its owner or an admin; anyone else gets NOT_FOUND, as
 * for a key that holds nothing. The token is returned once, inside the URL, and only its SHA-256
 * is recorded.
 */
export async function createShareLink(
  deps: ServiceDeps,
  viewer: Viewer,
  request: ShareLinkRequest,
): Promise<{ link: ShareLinkRecord; url: string }> {
  const key = parseClientKey(request.key);
  const lifetime = shareSeconds(request.expiresIn, deps.config.shares);
  const maxDownloads = linkMaxDownloads(request.maxDownloads);
  const object = await deps.store.findObject(key);
  if (!isVerified(object) || !canManageShares(viewer, object)) throw notFound(`no object at '${request.key}' that you may share`);
  const token = newLinkToken();
  const now = deps.now();
  const link = await deps.store.recordShareLink({
    id: deps.grantId(),
    objectId: object.grantId,
    key: object.key,
    tokenSha256: linkTokenDigest(token),
    createdBy: viewer.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + lifetime * 1000),
    revokedAt: null,
    maxDownloads,
    downloads: 0,
    disposition: request.disposition ?? "attachment",
  });
  return { link, url: `${deps.publicUrl()}/s/${token}` };
}

/**
 * Revokes a link (its object's owner or an admin; anyone else NOT_FOUND). Every use reads the
 * link from the registry, so the next one fails on every instance. Revoking twice keeps the first time.
 */
export async function revokeShareLink(deps: ServiceDeps, viewer: Viewer, id: string): Promise<ShareLinkRecord> {
  const link = await deps.store.findShareLink(id);
  const object = link && (await deps.store.findObjectById(link.objectId));
  if (!link || !object || !canManageShares(viewer, object)) throw notFound(`no share link '${id}'`);
  return (await deps.store.revokeShareLink(id, deps.now())) ?? link;
}

/** An object's links, newest first, ended ones too; null for anyone but its owner or an admin. */
export async function listShareLinksOf(
  deps: ServiceDeps,
  viewer: Viewer,
  object: ObjectRecord,
): Promise<ShareLinkRecord[] | null> {
  return canManageShares(viewer, object) ? deps.store.listShareLinks(object.grantId) : null;
}
