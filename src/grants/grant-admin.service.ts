import { notFound } from "../errors/app-error";
import { readPage, type PageRequest } from "../paging/pages";
import type { ServiceDeps } from "../services/deps";
import { discardUpload } from "./multipart.service";
import type { GrantRecord, ListGrantsArgs, Page } from "../store/types";

/** Every recorded grant matching the filter, newest first (admin view). */
export function listGrants(deps: ServiceDeps, request: PageRequest<ListGrantsArgs>): Promise<Page<GrantRecord>> {
  return readPage(request, (args) => deps.store.listGrants(args));
}

/**
 * Records the revocation. An upload not yet completed is marked REJECTED first — that transition
 * only happens from PENDING, so a racing completeUpload either finished before (and keeps its
 * object) or fails — and then every version at its key is removed. A completed upload stays
 * AVAILABLE: revoking a grant never deletes a user's file (deleteObject does). Bytes POSTed after
 * this, while the presigned POST is still valid at S3, are never downloadable (downloads are pinned
 * to the verified version) and the reaper's stray sweep removes them at its next pass. A download
 * URL already handed out stays valid until it expires.
 */
export async function revokeGrant(deps: ServiceDeps, id: string): Promise<GrantRecord> {
  const at = deps.now();
  const grant = await deps.store.revokeGrant(id, at);
  if (!grant) throw notFound(`no grant '${id}'`);
  // Stryker disable next-line ConditionalExpression: an object's grantId is always an upload grant's id, so for a download grant the check below skips too; this only saves the read.
  if (grant.kind === "upload") {
    const object = await deps.store.findObject(grant.key);
    if (
      object?.grantId === grant.id &&
      (await deps.store.markRejected(grant.key, { reason: "the upload grant was revoked", at }))
    ) {
      await discardUpload(deps, object);
    }
  }
  return grant;
}
