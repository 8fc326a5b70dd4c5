import type { Viewer } from "../auth/viewer";
import { AppError, notFound } from "../errors/app-error";
import type { DispositionKind } from "../policy/disposition";
import { canReadObject, planDownload, type ReadableObject } from "../policy/download.policy";
import { parseClientKey } from "../policy/keys";
import type { GrantRecord } from "../store/types";
import type { ServiceDeps } from "./deps";

/** A download grant as handed to a client: a presigned GET for one key. */
export interface IssuedDownloadGrant {
  id: string;
  key: string;
  url: string;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
  viewerId: string;
}

export interface DownloadRequest {
  expiresIn?: number | null;
  disposition?: DispositionKind | null;
}

/** The most keys one batch may name. */
export const MAX_BATCH_KEYS = 1000;

/**
 * Grants for many keys with one registry read and one registry write. An unreadable or absent
 * key yields a NOT_FOUND error in its slot, never a hint that someone else's object exists.
 */
export async function issueDownloadGrants(
  deps: ServiceDeps,
  viewer: Viewer,
  rawKeys: readonly string[],
  request: DownloadRequest,
  requestId: string | null,
): Promise<Array<IssuedDownloadGrant | AppError>> {
  if (rawKeys.length > MAX_BATCH_KEYS) {
    throw new AppError("BAD_USER_INPUT", `at most ${MAX_BATCH_KEYS} keys per request`, { field: "keys" });
  }
  const keys = rawKeys.map(parseClientKey);
  const found = await deps.store.findObjects([...new Set(keys)]);
  const now = deps.now();
  const results = keys.map((key): IssuedDownloadGrant | AppError => {
    const object = found.get(key);
    if (!canReadObject(viewer, object)) return notFound(`no readable object at '${key}'`);
    return signDownload(deps, viewer, object, request, now);
  });
  const granted = results.filter((r): r is IssuedDownloadGrant => !(r instanceof AppError));
  if (granted.length > 0) await deps.recordDownloadGrants(granted.map((g) => downloadRecord(g, requestId)));
  return results;
}

/** Signs a GET for an object the caller has already checked with canReadObject; records nothing. */
export function signDownload(
  deps: ServiceDeps,
  viewer: Viewer,
  object: ReadableObject,
  request: DownloadRequest,
  now: Date,
): IssuedDownloadGrant {
  const plan = planDownload(object, request, deps.config.downloads, now);
  const url = deps.presigner.presignGet({
    key: object.key,
    expiresIn: plan.expiresIn,
    now: plan.issuedAt,
    responseContentDisposition: plan.responseContentDisposition,
  });
  return { id: deps.uuid(), key: object.key, url, ...times(plan), viewerId: viewer.id };
}

/** A fresh grant for one already-loaded object (StoredObject.downloadUrl); null if not readable. */
export async function issueDownloadGrantFor(
  deps: ServiceDeps,
  viewer: Viewer,
  object: ReadableObject,
  request: DownloadRequest,
  requestId: string | null,
): Promise<IssuedDownloadGrant | null> {
  if (!canReadObject(viewer, object)) return null;
  const grant = signDownload(deps, viewer, object, request, deps.now());
  await deps.recordDownloadGrants([downloadRecord(grant, requestId)]);
  return grant;
}

/** One key: the same path as a batch, with the error thrown instead of returned. */
export async function issueDownloadGrant(
  deps: ServiceDeps,
  viewer: Viewer,
  key: string,
  request: DownloadRequest,
  requestId: string | null,
): Promise<IssuedDownloadGrant> {
  const [result] = await issueDownloadGrants(deps, viewer, [key], request, requestId);
  if (result instanceof AppError) throw result;
  return result;
}

const times = (p: { issuedAt: Date; expiresAt: Date; expiresIn: number }) => ({
  issuedAt: p.issuedAt,
  expiresAt: p.expiresAt,
  expiresIn: p.expiresIn,
});

const downloadRecord = (g: IssuedDownloadGrant, requestId: string | null): GrantRecord => ({
  id: g.id,
  kind: "download",
  viewerId: g.viewerId,
  key: g.key,
  profile: null,
  contentType: null,
  maxBytes: null,
  issuedAt: g.issuedAt,
  expiresAt: g.expiresAt,
  revokedAt: null,
  requestId,
});
