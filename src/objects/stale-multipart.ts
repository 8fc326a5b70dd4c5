import { ObjectState } from "../domain/model";
import type { ServiceDeps } from "../services/deps";
import { eachLimited } from "./each-limited";

/** Every key Valet writes starts here: profile key templates must start with users/{sub}/. */
const VALET_PREFIX = "users/";

/**
 * A backstop for open multipart uploads no grant accounts for: started for a grant whose row
 * never committed, or left behind when an abort failed. Aborts those under Valet's prefix that are
 * older than the longest grant any profile issues (plus the reaper's grace) — unless the registry
 * still has them as a PENDING upload, which the abandoned-upload reaper handles when its grant
 * expires. Aborts `REAP_CONCURRENCY` at a time; returns how many it aborted.
 */
export async function abortStaleMultipartUploads(deps: ServiceDeps, signal?: AbortSignal): Promise<number> {
  const longest = Math.max(...[...deps.config.profiles.values()].map((p) => p.maxExpiresIn));
  const before = deps.now().getTime() - (longest + deps.config.reaper.graceSeconds) * 1000;
  const stale = (await deps.multipart.listOpen(VALET_PREFIX)).filter((open) => open.initiated.getTime() < before);
  const done = await eachLimited(
    stale,
    deps.config.reaper.concurrency,
    async (open) => {
      const object = await deps.store.findObject(open.key);
      if (object?.state === ObjectState.PENDING && object.uploadId === open.uploadId) return false;
      return deps.multipart.abort(open.key, open.uploadId);
    },
    signal,
  );
  return done.filter(Boolean).length;
}
