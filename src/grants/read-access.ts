import type { Viewer } from "../auth/viewer";
import {
  canReadWithoutShare,
  isVerified,
  readAccess,
  readRuleOf,
  type ReadableObject,
  type VerifiedObject,
} from "../policy/read.policy";
import type { ServiceDeps } from "../services/deps";

/** What a read was allowed through, as the download grant records it (`grants.via`); null: the viewer's own right. */
export type Via = string | null;

/** A loaded object with the profile it was uploaded under, as the registry holds it. */
export type RegistryObject = ReadableObject & { profile: string };

/** A read the viewer may make: the verified object, and what it comes through. */
export interface AllowedRead<T extends RegistryObject> {
  object: T & VerifiedObject;
  via: Via;
}

/**
 * Which of the objects the viewer may read (keyed by object identity, the upload grant id), and
 * through what. Shares are read from the registry on every call, never cached, so a revocation
 * holds at once on every instance; and only for objects the viewer cannot read by its own right,
 * so owners and rule-admitted viewers cost no extra query.
 */
export async function resolveReads<T extends RegistryObject>(
  deps: ServiceDeps,
  viewer: Viewer,
  objects: Iterable<T>,
  now: Date,
): Promise<Map<string, AllowedRead<T>>> {
  const reads = new Map<string, AllowedRead<T>>();
  const candidates: Array<T & VerifiedObject> = [];
  for (const object of objects) {
    if (canReadWithoutShare(viewer, object, ruleOf(deps, object))) reads.set(object.grantId, { object, via: null });
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
    if (access?.share) reads.set(object.grantId, { object, via: `share:${access.share.id}` });
  }
  return reads;
}

const ruleOf = (deps: ServiceDeps, object: RegistryObject) => readRuleOf(deps.config.profiles, object.profile);

/** The one read of one object, or null when the viewer may not make it. */
export async function resolveRead<T extends RegistryObject>(
  deps: ServiceDeps,
  viewer: Viewer,
  object: T | null | undefined,
  now: Date,
): Promise<AllowedRead<T> | null> {
  if (!object) return null;
  return (await resolveReads(deps, viewer, [object], now)).get(object.grantId) ?? null;
}
