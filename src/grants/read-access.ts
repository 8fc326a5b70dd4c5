import type { Viewer } from "../auth/viewer";
import { canReadWithoutShare, isVerified, readAccess, readRuleOf, type ReadableObject } from "../policy/read.policy";
import type { ServiceDeps } from "../services/deps";

/** What a read was allowed through, as the download grant records it (`grants.via`); null: the viewer's own right. */
export type Via = string | null;

/** A loaded object with the profile it was uploaded under, as the registry holds it. */
export type RegistryObject = ReadableObject & { profile: string };

/**
 * Which of the objects the viewer may read (keyed by object identity, the upload grant id), and
 * through what. Shares are read from the registry on every call, never cached, so a revocation
 * holds at once on every instance; and only for objects the viewer cannot read by its own right,
 * so owners and rule-admitted viewers cost no extra query.
 */
export async function resolveReads(
  deps: ServiceDeps,
  viewer: Viewer,
  objects: Iterable<RegistryObject>,
  now: Date,
): Promise<Map<string, Via>> {
  const reads = new Map<string, Via>();
  const candidates: RegistryObject[] = [];
  for (const object of objects) {
    if (canReadWithoutShare(viewer, object, ruleOf(deps, object))) reads.set(object.grantId, null);
    else if (isVerified(object)) candidates.push(object);
  }
  if (candidates.length === 0) return reads;
  const grantee = { viewerId: viewer.id, roles: viewer.roles };
  const shares = await deps.store.findActiveShares(
    candidates.map((o) => o.grantId),
    grantee,
    now,
  );
  for (const object of candidates) {
    const access = readAccess(viewer, object, ruleOf(deps, object), shares, now);
    if (access?.share) reads.set(object.grantId, `share:${access.share.id}`);
  }
  return reads;
}

const ruleOf = (deps: ServiceDeps, object: RegistryObject) => readRuleOf(deps.config.profiles, object.profile);
