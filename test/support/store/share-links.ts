import { createHash, randomUUID } from "node:crypto";
import type { ShareLinkRecord } from "../../../src/store/types";
import { at } from "./fixtures";

/** A link to `objectId`, made by viewer-1 at `at(0)` for a day, with no download limit, unless told otherwise. */
export function shareLinkFixture(over: Partial<ShareLinkRecord> & Pick<ShareLinkRecord, "objectId" | "key">): ShareLinkRecord {
  const id = over.id ?? randomUUID();
  return {
    id,
    tokenSha256: createHash("sha256").update(`token-of-${id}`).digest("hex"),
    createdBy: "viewer-1",
    createdAt: at(0),
    expiresAt: at(86_400),
    revokedAt: null,
    maxDownloads: null,
    downloads: 0,
    disposition: "attachment",
    ...over,
  };
}
