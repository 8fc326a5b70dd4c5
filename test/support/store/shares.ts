import { randomUUID } from "node:crypto";
import type { ShareRecord } from "../../../src/store/types";
import { at } from "./fixtures";

/** A share of `objectId` to viewer-2, for a day from `at(0)`, unless told otherwise. */
export function shareFixture(over: Partial<ShareRecord> & Pick<ShareRecord, "objectId" | "key">): ShareRecord {
  return {
    id: randomUUID(),
    viewerId: "viewer-2",
    role: null,
    createdBy: "viewer-1",
    createdAt: at(0),
    expiresAt: at(86_400),
    revokedAt: null,
    ...over,
  };
}
