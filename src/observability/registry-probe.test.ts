import pg from "pg";
import type { Database } from "../store/database";
import { createPostgresDb } from "../store/postgres";
import { DIALECTS, openTestDatabase, type TestDatabase } from "../../test/support/store/databases";
import { probeRegistryWrites } from "./registry-probe";

describe.each(DIALECTS)("the registry write probe on %s", (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(dialect);
  });
  afterEach(() => t.dispose());

  it("passes on a registry that takes writes, and writes nothing", async () => {
    const before = await t.database.db
      .selectFrom("grants")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    await expect(probeRegistryWrites(t.database)).resolves.toBeUndefined();
    const after = await t.database.db
      .selectFrom("grants")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  if (dialect === "sqlite") {
    it("fails once the grant writer thread has stopped", async () => {
      await t.database.grantWriter!.close();
      await expect(probeRegistryWrites(t.database)).rejects.toThrow(/grant writer stopped/);
    });
  } else {
    it("fails on a server that refuses writes (transaction_read_only)", async () => {
      const url = new URL(t.url);
      url.searchParams.set("options", `${url.searchParams.get("options")} -c default_transaction_read_only=on`);
      const { db } = createPostgresDb(url.toString(), () => undefined);
      const readOnly: Database = { db, dialect: "postgres", close: () => db.destroy() };
      try {
        await expect(probeRegistryWrites(readOnly)).rejects.toThrow(/read-only/);
      } finally {
        await readOnly.close();
      }
    });

    it("fails within its lock timeout while another session holds a table a grant writes", async () => {
      const holder = new pg.Client({ connectionString: t.url });
      await holder.connect();
      try {
        await holder.query("begin");
        await holder.query("lock table objects in access exclusive mode");
        const started = Date.now();
        await expect(probeRegistryWrites(t.database, 200)).rejects.toMatchObject({ code: "55P03" });
        expect(Date.now() - started).toBeLessThan(3000);
      } finally {
        await holder.query("rollback");
        await holder.end();
      }
      await expect(probeRegistryWrites(t.database, 200)).resolves.toBeUndefined();
    });
  }
});
