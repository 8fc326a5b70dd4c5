import type { Viewer } from "../auth/viewer";
import { AppError, notFound } from "../errors/app-error";
import type { Disposition } from "../domain/model";
import { planDownload, type DownloadPlan } from "../policy/download.policy";
import { parseClientKey } from "../policy/keys";
import type { CacheAudience } from "../policy/cache-window";
import { isPublicObject, readRuleOf, type VerifiedObject } from "../policy/read.policy";
import type { DownloadGrantRecord } from "../store/types";
import type { ServiceDeps } from "../services/deps";
import { downloadGrantRecord, signDownload } from "./planned-download";
import { resolveRead, resolveReads, type AllowedRead, type RegistryObject, type Via } from "./read-access";

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
  disposition?: Disposition | null;
  /** Sign for the current URL window (policy/cache-window.ts), so repeated requests get the same URL. */
  cacheable?: boolean | null;
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
  const reads = await resolveReads(deps, viewer, found.values(), now);
  const planned = keys.map((key) => {
    const object = found.get(key);
    const read = object && reads.get(object.grantId);
    return read ? planGrant(deps, read, request, now) : notFound(`no readable object at '${key}'`);
  });
  const toRecord = planned.filter((p): p is PlannedGrant => !(p instanceof AppError));
  await deps.limits.consumeDownloads(viewer, toRecord.length);
  const recorded = deps.recordDownloadGrants(toRecord.map((p) => downloadRecord(p, viewer.id, requestId)));
  recorded.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
  // Sign while the registry write is under way (group commit starts it on the next turn); answer after it commits.
  await new Promise((turn) => setImmediate(turn));
  const results = planned.map((p) => (p instanceof AppError ? p : signPlanned(deps, viewer, p)));
  await recorded;
  return results;
}

interface PlannedGrant {
  id: string;
  object: VerifiedObject;
  via: Via;
  plan: DownloadPlan;
}

function planGrant(
  deps: ServiceDeps,
  { object, via }: AllowedRead<RegistryObject>,
  request: DownloadRequest,
  now: Date,
): PlannedGrant {
  const ask = { ...request, cache: request.cacheable ? cacheAudience(deps, object) : null };
  return { id: deps.grantId(), object, via, plan: planDownload(object, ask, deps.config.downloads, now) };
}

/** Any cache may keep a public object's copy; anything else only the viewer's own browser. */
const cacheAudience = (deps: ServiceDeps, object: RegistryObject & VerifiedObject): CacheAudience =>
  isPublicObject(object, readRuleOf(deps.config.profiles, object.profile)) ? "public" : "private";

function signPlanned(deps: ServiceDeps, viewer: Viewer, { id, object, plan }: PlannedGrant): IssuedDownloadGrant {
  return {
    id,
    key: object.key,
    url: signDownload(deps.presigner, plan),
    issuedAt: plan.issuedAt,
    expiresAt: plan.expiresAt,
    expiresIn: plan.expiresIn,
    viewerId: viewer.id,
  };
}

/** A fresh grant for one already-loaded object (StoredObject.downloadUrl); null if not readable. */
export async function issueDownloadGrantFor(
  deps: ServiceDeps,
  viewer: Viewer,
  object: RegistryObject,
  request: DownloadRequest,
  requestId: string | null,
): Promise<IssuedDownloadGrant | null> {
  const now = deps.now();
  const read = await resolveRead(deps, viewer, object, now);
  if (!read) return null;
  await deps.limits.consumeDownloads(viewer, 1);
  const planned = planGrant(deps, read, request, now);
  await deps.recordDownloadGrants([downloadRecord(planned, viewer.id, requestId)]);
  return signPlanned(deps, viewer, planned);
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

const downloadRecord = ({ id, via, plan }: PlannedGrant, viewerId: string, requestId: string | null): DownloadGrantRecord =>
  downloadGrantRecord(id, plan, { viewerId, requestId, via });
