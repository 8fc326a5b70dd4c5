import { PostgresAdapter, sql, type Kysely } from "kysely";

/**
 * Grant rows are pruned some time after they expire (the reaper; retention.repo.ts). Both
 * dialects index `objects.grant_id`, so "does an object still need this grant?" is a lookup.
 *
 * PostgreSQL partitions `grants` so pruning drops tables instead of deleting rows: by kind
 * (LIST), upload grants in one table `grants_upload` (each object refers to its upload grant, so
 * those rows go one by one, and the foreign key now points there and refuses to lose one), and
 * download grants — the bulk, never referred to — by expiry (RANGE) in daily partitions created
 * ahead at start-up and by the reaper, with a DEFAULT partition for rows outside them (the rows
 * copied here among them). A partitioned table's unique keys must include its partition keys:
 * download grant ids are unique per (id, expires_at); ids are UUIDv7s, random past their time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!isPostgres(db)) {
    await db.schema.createIndex("objects_grant_idx").on("objects").column("grant_id").execute();
    return;
  }
  await sql`alter table objects drop constraint objects_grant_id_fkey`.execute(db);
  await sql`alter table grants rename to grants_0003`.execute(db);
  await sql`create table grants (${COLUMNS}, constraint grants_kind_check check (kind in ('upload', 'download')))
    partition by list (kind)`.execute(db);
  await sql`create table grants_upload partition of grants (primary key (id)) for values in ('upload')`.execute(db);
  await sql`create table grants_download partition of grants (primary key (id, expires_at))
    for values in ('download') partition by range (expires_at)`.execute(db);
  await sql`create table grants_download_default partition of grants_download default`.execute(db);
  await sql`insert into grants (${NAMES}) select ${NAMES} from grants_0003`.execute(db);
  await sql`drop table grants_0003`.execute(db);
  await createIndexes(db);
  await sql`create index grants_upload_expires_idx on grants_upload (expires_at, id)`.execute(db);
  await sql`alter table objects add constraint objects_grant_id_fkey foreign key (grant_id) references grants_upload (id)`.execute(
    db,
  );
  await db.schema.createIndex("objects_grant_idx").on("objects").column("grant_id").execute();
}

/** Back to one plain `grants` table (every partition's rows copied), and no `objects.grant_id` index. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("objects_grant_idx").execute();
  if (!isPostgres(db)) return;
  await sql`alter table objects drop constraint objects_grant_id_fkey`.execute(db);
  await sql`alter table grants rename to grants_0004`.execute(db);
  for (const index of ["grants_viewer_issued_idx", "grants_key_idx", "grants_upload_expires_idx"])
    await sql`drop index ${sql.ref(index)}`.execute(db);
  await sql`create table grants (${COLUMNS}, primary key (id), constraint grants_kind_check check (kind in ('upload', 'download')))`.execute(
    db,
  );
  await sql`insert into grants (${NAMES}) select ${NAMES} from grants_0004`.execute(db);
  await sql`drop table grants_0004 cascade`.execute(db);
  await createIndexes(db);
  await sql`create index grants_upload_expires_idx on grants (expires_at, id) where kind = 'upload'`.execute(db);
  await sql`alter table objects add constraint objects_grant_id_fkey foreign key (grant_id) references grants (id)`.execute(db);
}

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter;

// The columns of 0001, frozen here.
const COLUMNS = sql.raw(`id text not null, kind text not null, viewer_id text not null, key text not null, profile text,
  content_type text, max_bytes bigint, issued_at bigint not null, expires_at bigint not null, revoked_at bigint,
  request_id text`);
const NAMES = sql.raw(
  "id, kind, viewer_id, key, profile, content_type, max_bytes, issued_at, expires_at, revoked_at, request_id",
);

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  await sql`create index grants_viewer_issued_idx on grants (viewer_id, issued_at)`.execute(db);
  await sql`create index grants_key_idx on grants (key)`.execute(db);
}
