import { signDownload } from "../grants/planned-download";
import { windowSecondsLeft } from "../policy/cache-window";
import { planDownload } from "../policy/download.policy";
import { isPublicObject, readRuleOf } from "../policy/read.policy";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";

/** A redirect to a public object: the URL of the current window, and how long that answer stays right. */
export interface PublicRedirect {
  url: string;
  /** Seconds until the window ends: the redirect may be cached that long, the URL it names lives a window longer. */
  maxAge: number;
}

// Longer than any id Valet gives (a UUID): such a request is answered without a lookup.
const MAX_ID_LENGTH = 64;

/**
 * GET /o/<objectId>: for an AVAILABLE object of a `public` profile, its cacheable URL (one per
 * URL window, Cache-Control public); null for anything else, answered as for an id that names
 * nothing. Nothing is recorded: anyone may read such an object, so there is no one to audit, and
 * one URL serves the whole window.
 */
export async function openPublicObject(deps: ServiceDeps, objectId: string): Promise<PublicRedirect | null> {
  if (objectId.length === 0 || objectId.length > MAX_ID_LENGTH) return null;
  const object = await deps.store.findObjectById(objectId);
  if (!object || !isPublicObject(object, readRuleOf(deps.config.profiles, object.profile))) return null;
  const now = deps.now();
  const plan = planDownload(object, { cache: "public" }, deps.config.downloads, now);
  return { url: signDownload(deps.presigner, plan), maxAge: windowSecondsLeft(now, deps.config.downloads.urlWindow) };
}

/** Where a public object is served (StoredObject.publicUrl); null unless the object is public now. */
export const publicUrlOf = (deps: ServiceDeps, object: ObjectRecord): string | null =>
  isPublicObject(object, readRuleOf(deps.config.profiles, object.profile))
    ? `${deps.publicUrl()}/o/${encodeURIComponent(object.grantId)}`
    : null;
