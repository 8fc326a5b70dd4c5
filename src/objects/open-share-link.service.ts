import { downloadGrantRecord, signDownload } from "../grants/planned-download";
import { planDownload, type DownloadPlan } from "../policy/download.policy";
import { isVerified } from "../policy/read.policy";
import { isLinkUsable, linkUrlExpiresIn } from "../policy/share-link.policy";
import { signingInstant } from "../policy/ttl";
import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord, ShareLinkRecord } from "../store/types";
import { linkTokenDigest } from "./share-link-token";

/**
 * GET /s/<token>: a fresh presigned GET of the link's object, pinned to its verified version,
 * valid SHARE_LINK_URL_TTL at most (never past the link's end); the use is counted and recorded
 * as a download grant to the link's creator `via` the link, counted against the creator's
 * download budget like any other. Null for a token that is unknown, revoked, expired or used up,
 * or whose object is gone: each costs the same hash and the same one lookup, and the route
 * answers them alike.
 */
export async function openShareLink(deps: ServiceDeps, token: string): Promise<string | null> {
  const link = await deps.store.findShareLinkByDigest(linkTokenDigest(token));
  const now = deps.now();
  if (!link || !isLinkUsable(link, now)) return null;
  await deps.limits.consumeDownloads({ id: link.createdBy, roles: [] }, 1);
  let plan: DownloadPlan | undefined;
  const used = await deps.store.useShareLink(link, now, (counted, object) => {
    plan = planLinkDownload(deps, counted, object, now);
    return downloadGrantRecord(deps.grantId(), plan, { viewerId: counted.createdBy, requestId: null, via: `link:${counted.id}` });
  });
  return used && plan ? signDownload(deps.presigner, plan) : null;
}

function planLinkDownload(deps: ServiceDeps, link: ShareLinkRecord, object: ObjectRecord, now: Date): DownloadPlan {
  // useShareLink hands over only the AVAILABLE row the link was made for.
  if (!isVerified(object)) throw new Error(`share link ${link.id} reached object ${object.grantId}, which is not verified`);
  const expiresIn = linkUrlExpiresIn(link.expiresAt, signingInstant(now), deps.config.links.urlTtl);
  return planDownload(object, { expiresIn, disposition: link.disposition }, deps.config.downloads, now);
}
