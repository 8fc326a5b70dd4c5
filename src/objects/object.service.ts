import { isAdmin, type Viewer } from "../auth/viewer";
import { notFound } from "../errors/app-error";
import { discardUpload } from "../grants/multipart.service";
import { resolveRead } from "../grants/read-access";
import type { ServiceDeps } from "../services/deps";
import { readPage, type PageRequest } from "../paging/pages";
import { parseClientKey } from "../policy/keys";
import type { ListObjectsArgs, ObjectRecord, Page } from "../store/types";

/** Owners and admins see an object's record in any state; others learn nothing. */
export const canSeeObject = (viewer: Viewer, object: ObjectRecord | null): object is ObjectRecord =>
  object !== null && (isAdmin(viewer) || object.ownerId === viewer.id);

/** The object at the key when the viewer owns it or is an admin (any state), else null. */
export async function findOwnedObject(deps: ServiceDeps, viewer: Viewer, rawKey: string): Promise<ObjectRecord | null> {
  const object = await deps.store.findObject(parseClientKey(rawKey));
  return canSeeObject(viewer, object) ? object : null;
}

/**
 * The object at the key for `object(key)`: its owner and admins see it in any state; anyone the
 * read policy lets read it (the profile's rule, a share) sees it once AVAILABLE; others get null.
 */
export async function findVisibleObject(deps: ServiceDeps, viewer: Viewer, rawKey: string): Promise<ObjectRecord | null> {
  const object = await deps.store.findObject(parseClientKey(rawKey));
  if (canSeeObject(viewer, object)) return object;
  return (await resolveRead<ObjectRecord>(deps, viewer, object, deps.now()))?.object ?? null;
}

/** Objects newest first, of one owner or (no ownerId) everyone's; who may ask is the resolver's guard. */
export function listObjects(deps: ServiceDeps, request: PageRequest<ListObjectsArgs>): Promise<Page<ObjectRecord>> {
  return readPage(request, (args) => deps.store.listObjects(args));
}

/** Removes the object (and an open multipart upload) from the bucket, then its record; NOT_FOUND for anyone but owner or admin. */
export async function deleteObject(deps: ServiceDeps, viewer: Viewer, rawKey: string): Promise<boolean> {
  const object = await findOwnedObject(deps, viewer, rawKey);
  if (!object) throw notFound(`no object at '${rawKey}'`);
  await discardUpload(deps, object);
  await deps.store.deleteObjectRow(object.key, deps.now());
  return true;
}
