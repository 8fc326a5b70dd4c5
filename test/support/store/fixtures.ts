import { randomUUID } from "node:crypto";
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from "kysely";
import { GrantKind } from "../../../src/domain/model";
import { grantToRow, pendingObjectToRow } from "../../../src/store/rows";
import type { Tables } from "../../../src/store/tables";
import type { DownloadGrantRecord, NewObjectRecord, Page, UploadGrantRecord, UploadTransfer } from "../../../src/store/types";

// Builders with sensible defaults, and a bulk seeder for large fixtures.

const T0 = Date.UTC(2030, 0, 1);

/** A Date `seconds` after a fixed epoch, so tests never depend on the clock. */
export function at(seconds: number): Date {
  return new Date(T0 + seconds * 1000);
}

/** An upload grant and its declared object, consistent with each other. */
/** How the fixtures' uploads travel unless a test says otherwise. */
export const POST_TRANSFER = { method: "POST", uploadId: null, partSize: null, partCount: null, contentMd5: null } as const;

/** An upload grant and its object, a POST unless `transfer` says otherwise. */
export function uploadFixture(
  over: Partial<UploadGrantRecord> & { ownerId?: string } = {},
  transfer: UploadTransfer = POST_TRANSFER,
): {
  grant: UploadGrantRecord;
  object: NewObjectRecord;
} {
  const { ownerId, ...grantOver } = over;
  const id = over.id ?? randomUUID();
  const viewerId = over.viewerId ?? "viewer-1";
  const key = over.key ?? `u/${viewerId}/${id}`;
  const issuedAt = over.issuedAt ?? at(0);
  const grant: UploadGrantRecord = {
    id,
    kind: GrantKind.UPLOAD,
    viewerId,
    key,
    profile: "avatar",
    contentType: "image/png",
    maxBytes: 5_000_000_000,
    issuedAt,
    expiresAt: over.expiresAt ?? new Date(issuedAt.getTime() + 900_000),
    revokedAt: null,
    requestId: "req-1",
    ...grantOver,
    via: grantOver.via ?? null,
  };
  const object: NewObjectRecord = {
    key,
    ownerId: ownerId ?? viewerId,
    profile: "avatar",
    grantId: id,
    declaredContentType: "image/png",
    declaredSize: 1234,
    filename: "cat.png",
    createdAt: issuedAt,
    ...transfer,
  };
  return { grant, object };
}

/** A download grant for `key`. */
export function downloadFixture(over: Partial<DownloadGrantRecord> = {}): DownloadGrantRecord {
  const issuedAt = over.issuedAt ?? at(0);
  return {
    id: randomUUID(),
    kind: GrantKind.DOWNLOAD,
    viewerId: "viewer-1",
    key: "u/viewer-1/some-object",
    profile: null,
    contentType: null,
    maxBytes: null,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + 300_000),
    revokedAt: null,
    requestId: null,
    ...over,
    via: over.via ?? null,
  };
}

/** Inserts many upload grants with their objects in one transaction, bypassing the repository. */
export async function seedUploads(db: Kysely<Tables>, uploads: ReturnType<typeof uploadFixture>[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < uploads.length; i += 500) {
      const batch = uploads.slice(i, i + 500);
      await trx
        .insertInto("grants")
        .values(batch.map((u) => grantToRow(u.grant)))
        .execute();
      await trx
        .insertInto("objects")
        .values(batch.map((u) => pendingObjectToRow(u.object)))
        .execute();
    }
  });
}

/** Counts the statements executed through a Kysely instance it is plugged into (built or raw). */
export class QueryCounter implements KyselyPlugin {
  count = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return args.result;
  }
}

/** Every item of a paginated listing, following cursors until the last page. */
export async function collectPages<T>(fetchPage: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await fetchPage(after);
    items.push(...page.items);
    if (!page.hasNextPage) return items;
    after = page.endCursor;
  }
}
