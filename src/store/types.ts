import type { GrantKind } from "../domain/model";
import type { QuotaLimits, QuotaUsage } from "../domain/quota";
import type { DeliveryState } from "../domain/events";
import type { ClaimedDelivery, DeliveryOutcome, DeliveryRecord } from "./delivery-records";
import type {
  AvailableFacts,
  EndedUpload,
  GrantRecord,
  NewObjectRecord,
  ObjectRecord,
  RejectedFacts,
  ShareLinkRecord,
  ShareRecord,
  UploadGrantRecord,
} from "./records";

// The store's contract: what services may depend on without importing any runtime code.

export type * from "./delivery-records";
export type * from "./records";

/** One page of a keyset-paginated listing; `endCursor` is null on an empty page. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** Forward pagination arguments; the caller's page-size policy (policy/page-size.ts) has chosen `first`. */
export interface PageArgs {
  /** How many items the page holds at most; a positive integer. */
  first: number;
  after?: string | null;
}

/** Narrowing for grant listings; all given fields must match. */
export interface GrantFilter {
  viewerId?: string;
  kind?: GrantKind;
  key?: string;
  /** Only grants issued at or before this instant, not yet expired and not yet revoked by then. */
  activeAt?: Date;
}

/** Arguments of `listGrants`. */
export interface ListGrantsArgs extends PageArgs {
  filter?: GrantFilter;
}

/** Whom shares name: one viewer, and every holder of one of its roles. */
export interface Grantee {
  viewerId: string;
  roles: readonly string[];
}

/** Arguments of `listObjects`; no `ownerId` lists every owner's objects (admin view). */
export interface ListObjectsArgs extends PageArgs {
  ownerId?: string;
  /** Only objects with a share naming this grantee that is in force at `at`. */
  sharedWith?: Grantee & { at: Date };
}

/** An upload grant and its object to record, and the quota its owner's counters must stay within (none: unchecked). */
export interface NewUpload {
  grant: GrantRecord;
  object: NewObjectRecord;
  quota?: QuotaLimits | null;
}

/** What became of one upload handed to `recordUploadGrants`. */
export type UploadOutcome = "recorded" | "overQuota";

/** Recording and querying grants. */
export interface GrantRepository {
  /** Records an upload grant and its PENDING object atomically; ConflictError if either exists. */
  recordUploadGrant(grant: GrantRecord, object: NewObjectRecord): Promise<{ grant: GrantRecord; object: ObjectRecord }>;
  /**
   * Records several upload grants with their PENDING objects in one transaction; all or none,
   * except that an upload with a `quota` is recorded only if its owner's usage counters stay within
   * it (checked and moved in that transaction, so no other write can pass the same check). One
   * outcome per upload, in order. The counters never fall below the exact usage, so an upload they
   * refuse may still be within its quota: `recordUploadGrantWithinUsage` decides that.
   */
  recordUploadGrants(uploads: ReadonlyArray<NewUpload>): Promise<UploadOutcome[]>;
  /**
   * Records one upload grant and its PENDING object if `admits` accepts its owner's exact usage
   * (`usageOf` at `now`), read in the same transaction after taking the owner's counters row, so
   * no other upload of that owner commits between the check and the record, on any instance.
   * Answers whether it recorded, and the usage it judged (before the upload).
   */
  recordUploadGrantWithinUsage(
    upload: NewUpload,
    now: Date,
    admits: (usage: QuotaUsage) => boolean,
  ): Promise<{ recorded: boolean; usage: QuotaUsage }>;
  /** Records download grants in one transaction; all or none. */
  recordDownloadGrants(grants: readonly GrantRecord[]): Promise<GrantRecord[]>;
  /** The grant with this id, or null. */
  findGrant(id: string): Promise<GrantRecord | null>;
  /** Marks a grant revoked; a second call keeps the first time. Null if no such grant. */
  revokeGrant(id: string, at: Date): Promise<GrantRecord | null>;
  /** Grants newest first, keyset-paginated by (issuedAt desc, id desc). */
  listGrants(args: ListGrantsArgs): Promise<Page<GrantRecord>>;
}

/** Querying objects and moving them out of PENDING; each change commits with its event (outbox.ts). */
export interface ObjectRepository {
  /** The object at this key, or null. */
  findObject(key: string): Promise<ObjectRecord | null>;
  /** The object whose identity (StoredObject.id: its upload grant id) this is, or null. */
  findObjectById(grantId: string): Promise<ObjectRecord | null>;
  /** Objects for many keys in one query per 1000 keys; missing keys are absent from the map. */
  findObjects(keys: readonly string[]): Promise<Map<string, ObjectRecord>>;
  /** Objects newest first, keyset-paginated by (createdAt desc, key desc); no ownerId lists all owners. */
  listObjects(args: ListObjectsArgs): Promise<Page<ObjectRecord>>;
  /** PENDING → AVAILABLE with the observed facts; false if the object was not PENDING. */
  markAvailable(key: string, facts: AvailableFacts): Promise<boolean>;
  /** PENDING → REJECTED; false if the object was not PENDING. */
  markRejected(key: string, facts: RejectedFacts): Promise<boolean>;
  /** PENDING → EXPIRED; false if the object was not PENDING. */
  markExpired(key: string, at: Date): Promise<boolean>;
  /** PENDING → EXPIRED for each of `keys` still PENDING, in one transaction; the keys that moved. */
  markExpiredMany(keys: readonly string[], at: Date): Promise<string[]>;
  /** PENDING → ABORTED (its uploader gave up); false if the object was not PENDING. */
  markAborted(key: string, at: Date): Promise<boolean>;
  /** Removes the object row, its shares and its share links (its grants stay on record), with its object.deleted event; false if there was none. */
  deleteObjectRow(key: string, at: Date): Promise<boolean>;
  /**
   * Claims for one reaper until `claimUntil` at most `limit` PENDING objects whose upload grant
   * expired more than `graceMs` before `now` (the oldest expiries, when the limit cuts; returned in
   * no particular order) that no other reaper's claim holds at `now`; two concurrent callers never
   * get the same object.
   */
  claimReapable(now: Date, graceMs: number, claimUntil: Date, limit: number): Promise<ObjectRecord[]>;
  /** Deletes at most `limit` REJECTED, EXPIRED or ABORTED objects last changed before `before` (with any shares and links; no event); how many went. */
  pruneTerminalObjects(before: Date, limit: number): Promise<number>;
}

/** Shares: reads of one object granted by its owner to a viewer or a role, until a time. */
export interface ShareRepository {
  recordShare(share: ShareRecord): Promise<ShareRecord>;
  /** The share with this id, or null. */
  findShare(id: string): Promise<ShareRecord | null>;
  /** Marks a share revoked; a second call keeps the first time. Null if no such share. */
  revokeShare(id: string, at: Date): Promise<ShareRecord | null>;
  /** Every share of one object (by its identity, objects.grant_id), newest first, ended ones included. */
  listShares(objectId: string): Promise<ShareRecord[]>;
  /** The shares of these objects that name the grantee and are in force at `now`. */
  findActiveShares(objectIds: readonly string[], grantee: Grantee, now: Date): Promise<ShareRecord[]>;
}

/** A counted use of a share link: the link as it is now, and the object it serves. */
export interface ShareLinkUse {
  link: ShareLinkRecord;
  object: ObjectRecord;
}

/** Share links: links an owner hands out for one object, counted and revocable. */
export interface ShareLinkRepository {
  recordShareLink(link: ShareLinkRecord): Promise<ShareLinkRecord>;
  /** The link with this id, or null. */
  findShareLink(id: string): Promise<ShareLinkRecord | null>;
  /** The link whose token has this SHA-256 (hex), or null: one indexed lookup, whatever state the link is in. */
  findShareLinkByDigest(tokenSha256: string): Promise<ShareLinkRecord | null>;
  /** Marks a link revoked; a second call keeps the first time. Null if no such link. */
  revokeShareLink(id: string, at: Date): Promise<ShareLinkRecord | null>;
  /** Every link of one object (by its identity, objects.grant_id), newest first, ended ones included. */
  listShareLinks(objectId: string): Promise<ShareLinkRecord[]>;
  /**
   * Counts one download of the link, if at `now` it is neither revoked, expired nor used up and its
   * object is still the AVAILABLE row it was made for, and records the download grant `grantFor`
   * builds in the same transaction. Null when not: nothing is counted or recorded.
   */
  useShareLink(
    link: Pick<ShareLinkRecord, "id" | "key" | "objectId">,
    now: Date,
    grantFor: (link: ShareLinkRecord, object: ObjectRecord) => GrantRecord,
  ): Promise<ShareLinkUse | null>;
}

/** What the stray sweep reads and where it keeps its place. */
export interface SweepRepository {
  /** Upload grants past `after` in (expiry, id) order that expired at or before `until`. */
  findEndedUploads(after: Pick<EndedUpload, "expiresAt" | "grantId">, until: Date, limit: number): Promise<EndedUpload[]>;
  /**
   * Upload grants past `after` in (expiry, id) order that were revoked or whose object was
   * deleted: settled for Valet, yet their form stays valid at S3 until they expire.
   */
  findWithdrawnUploads(after: Pick<EndedUpload, "expiresAt" | "grantId">, limit: number): Promise<EndedUpload[]>;
  /** The upload grants with these ids, by id, in one query per 1000 ids; other ids (gone, or a download grant's) are absent. */
  findUploadGrants(ids: readonly string[]): Promise<Map<string, UploadGrantRecord>>;
  /** Where the sweep called `name` got to, or null before its first run. */
  readMark(name: string): Promise<Date | null>;
  /** Moves the mark to `at`, never back: an earlier `at` than the stored one changes nothing. */
  writeMark(name: string, at: Date): Promise<void>;
}

/** What one owner holds and has promised, for quotas. */
export interface UsageRepository {
  /**
   * The owner's PENDING objects whose upload grant is still valid at `now` (count and declared
   * bytes), and the verified bytes of its AVAILABLE objects.
   */
  usageOf(ownerId: string, now: Date): Promise<QuotaUsage>;
  /**
   * The owner's usage counters, one row read: like `usageOf`, but a PENDING object counts until it
   * leaves PENDING, expired grant or not, so they never fall below `usageOf` (usage-counters.ts).
   */
  countedUsageOf(ownerId: string): Promise<QuotaUsage>;
  /** Owners whose counters disagree with a recount of their objects, counters and objects read in one snapshot. */
  findUsageDrift(): Promise<UsageDrift[]>;
  /** Moves each owner's counters by its drift (recounted − counted): right even while other changes commit meanwhile. */
  repairUsage(drift: readonly UsageDrift[]): Promise<void>;
}

/** One owner whose counters disagree with what its object rows add up to. */
export interface UsageDrift {
  ownerId: string;
  counted: QuotaUsage;
  recounted: QuotaUsage;
}

/** What one pruning round did (retention.repo.ts). */
export interface PruneRound {
  /** Rows deleted one by one. */
  deleted: number;
  /** Whole time partitions dropped (PostgreSQL), with every row in them. */
  droppedPartitions: number;
  /** A statement hit its limit: another round has more to do. */
  more: boolean;
}

/** Keeping the grant registry bounded: rows go some time after they expire. */
export interface RetentionRepository {
  /**
   * One bounded round: drops the time partitions wholly expired before `before`, and deletes at
   * most `limit` rows per table (grants, share links) that expired before it — never a grant an
   * object refers to.
   */
  pruneGrants(before: Date, limit: number): Promise<PruneRound>;
  /** Creates the daily partitions for grants expiring in [from, until) (PostgreSQL; nothing on SQLite). */
  prepareGrantPartitions(from: Date, until: Date): Promise<void>;
}

/** Arguments of `listDeliveries`: newest first, optionally of one state. */
export interface ListDeliveriesArgs extends PageArgs {
  state?: DeliveryState;
}

/** The outbox's webhook deliveries (deliveries.repo.ts); events are written by the object repository. */
export interface DeliveryRepository {
  /** Up to `limit` PENDING deliveries due at `now`, claimed for one attempt each until `leaseUntil`. */
  claimDeliveries(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]>;
  /** Records how an attempt ended (nothing, if the delivery is no longer PENDING). */
  settleDelivery(id: string, outcome: DeliveryOutcome): Promise<void>;
  /** Deliveries newest first, keyset-paginated by (createdAt desc, id desc). */
  listDeliveries(args: ListDeliveriesArgs): Promise<Page<DeliveryRecord>>;
  /** Makes a delivery PENDING and due at `at`, its retry window starting again; null if there is none. */
  redeliver(id: string, at: Date): Promise<DeliveryRecord | null>;
  /** When the oldest event still waiting for a delivery happened; null when none waits. */
  oldestPendingEvent(): Promise<Date | null>;
  /** Deletes at most `limit` events from before `before` whose deliveries all succeeded (or that had none), with those deliveries. */
  pruneEvents(before: Date, limit: number): Promise<{ deleted: number; more: boolean }>;
}

/** Background work one instance at a time does, across every instance sharing the registry. */
export interface ExclusiveWork {
  /**
   * Runs `work` unless a holder of `name` (here or on another instance) is running it; null then.
   * `lost` aborts if exclusivity ends under `work` (its database session ended): stop there.
   */
  runExclusive<T>(name: string, work: (lost: AbortSignal) => Promise<T>): Promise<T | null>;
}

/** Everything services need from persistence; depend on this, not on Kysely. */
export interface Store
  extends
    GrantRepository,
    ObjectRepository,
    ShareRepository,
    ShareLinkRepository,
    SweepRepository,
    UsageRepository,
    RetentionRepository,
    DeliveryRepository,
    ExclusiveWork {}
