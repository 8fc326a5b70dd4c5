import type { Viewer } from "../auth/viewer";
import { GrantKind } from "../domain/model";
import { notFound } from "../errors/app-error";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord, UploadGrantRecord } from "../store/types";

/** An upload grant with the object it created. */
export interface OwnUpload {
  grant: UploadGrantRecord;
  object: ObjectRecord;
}

/**
 * The viewer's own upload grant and its object. Anyone else's grant, a download grant, an
 * unknown id or a deleted object are all the same NOT_FOUND: nobody learns another viewer's
 * grant exists.
 */
export async function findOwnUpload(deps: ServiceDeps, viewer: Viewer, grantId: string): Promise<OwnUpload> {
  const grant = await deps.store.findGrant(grantId);
  if (!grant || grant.kind !== GrantKind.UPLOAD || grant.viewerId !== viewer.id) throw notFound(`no upload grant '${grantId}'`);
  const object = await deps.store.findObject(grant.key);
  if (!object || object.grantId !== grant.id) throw notFound(`no upload grant '${grantId}'`);
  return { grant, object };
}
