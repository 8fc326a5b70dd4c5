import type { Viewer } from "../auth/viewer";
import { ObjectState } from "../domain/model";
import { notFound } from "../errors/app-error";
import { readPage, type PageRequest } from "../paging/pages";
import { parseClientKey } from "../policy/keys";
import { canManageShares, planShare, type ShareRequest } from "../policy/share.policy";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord, Page, PageArgs, ShareRecord } from "../store/types";

/**
 * Shares an AVAILABLE object with one viewer or one role. Anyone but its owner or an admin gets
 * NOT_FOUND, as for a key that holds nothing: a share request must not reveal that an object exists.
 */
export async function shareObject(
  deps: ServiceDeps,
  viewer: Viewer,
  rawKey: string,
  request: ShareRequest,
): Promise<ShareRecord> {
  const key = parseClientKey(rawKey);
  const plan = planShare(request, deps.config.shares, deps.now());
  const object = await deps.store.findObject(key);
  if (!object || object.state !== ObjectState.AVAILABLE || !canManageShares(viewer, object)) {
    throw notFound(`no object at '${rawKey}' that you may share`);
  }
  return deps.store.recordShare({
    id: deps.grantId(),
    objectId: object.grantId,
    key: object.key,
    ...plan,
    createdBy: viewer.id,
    revokedAt: null,
  });
}

/**
 * Revokes a share (its object's owner or an admin); effective at the next read on every instance,
 * since reads look shares up in the registry each time. Revoking twice keeps the first time.
 */
export async function revokeShare(deps: ServiceDeps, viewer: Viewer, id: string): Promise<ShareRecord> {
  const share = await deps.store.findShare(id);
  const object = share && (await deps.store.findObject(share.key));
  if (!share || !object || object.grantId !== share.objectId || !canManageShares(viewer, object)) {
    throw notFound(`no share '${id}'`);
  }
  return (await deps.store.revokeShare(id, deps.now())) ?? share;
}

/** An object's shares, newest first, ended ones too; null for anyone but its owner or an admin. */
export async function listSharesOf(deps: ServiceDeps, viewer: Viewer, object: ObjectRecord): Promise<ShareRecord[] | null> {
  return canManageShares(viewer, object) ? deps.store.listShares(object.grantId) : null;
}

/** AVAILABLE objects with an active share naming the viewer or one of its roles, newest first. */
export function listSharedWith(deps: ServiceDeps, viewer: Viewer, request: PageRequest<PageArgs>): Promise<Page<ObjectRecord>> {
  const sharedWith = { viewerId: viewer.id, roles: viewer.roles, at: deps.now() };
  return readPage(request, (args) => deps.store.listObjects({ ...args, sharedWith }));
}
