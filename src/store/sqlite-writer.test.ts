import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { downloadFixture } from "../../test/support/store/fixtures";
import { grantRowsJson } from "./bulk-sql";
import { openDatabase } from "./database";
import { startGrantWriter } from "./sqlite-writer";

// A process whose only pending work is a write in the writer thread must wait for it, not exit.
describe("the off-thread grant writer", () => {
  it("keeps a short-lived process alive until its write has committed", () => {
    const dir = mkdtempSync(join(tmpdir(), "valet-writer-"));
    const script = `
      const { openDatabase } = require("./src/store/database");
      const { createStore } = require("./src/store/store");
      (async () => {
        const database = await openDatabase(${JSON.stringify(join(dir, "w.sqlite"))});
        const now = new Date();
        await createStore(database).recordDownloadGrants([{ id: "g1", kind: "download", viewerId: "v", key: "k",
          profile: null, contentType: null, maxBytes: null, issuedAt: now, expiresAt: now, revokedAt: null, requestId: null }]);
        const { rows } = await database.db.selectFrom("grants").selectAll().execute().then((r) => ({ rows: r }));
        process.stdout.write("recorded " + rows.length);
      })();`;
    try {
      const out = execFileSync("node", ["-r", "@swc-node/register", "-e", script], {
        cwd: resolve(__dirname, "../.."),
        encoding: "utf8",
      });
      expect(out).toBe("recorded 1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Terminating the thread while it holds a connection can abort the process under Node 24 (#1507/#1515
// upstream): closing must let the thread close its connection and end by itself.
describe("closing the grant writer", () => {
  it("lets the batches already sent commit, then the thread ends by itself with exit code 0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "valet-writer-"));
    try {
      const database = await openDatabase(join(dir, "w.sqlite"));
      const writer = startGrantWriter(join(dir, "w.sqlite"), (e) => {
        throw e;
      });
      const sent = writer.insertGrants(grantRowsJson([downloadFixture({ id: "g1" })]));
      const closed = writer.close();
      await expect(sent).resolves.toBeUndefined();
      expect(await closed).toBe(0);
      await expect(writer.insertGrants("[]")).rejects.toThrow(/stopped|closed/);
      const rows = await database.db.selectFrom("grants").select("id").execute();
      expect(rows).toEqual([{ id: "g1" }]);
      await database.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a grant writer whose thread fails", () => {
  it("reports why, and fails waiting and later writes instead of leaving them hanging", async () => {
    let onFailure!: (error: Error) => void;
    const reported = new Promise<Error>((resolve) => (onFailure = resolve));
    const writer = startGrantWriter(join(tmpdir(), "valet-no-such-dir", "nested", "w.sqlite"), onFailure);
    try {
      const early = writer.insertGrants("[]");
      const failure = await reported;
      expect(failure.message).toMatch(/directory does not exist|unable to open/i);
      await expect(early).rejects.toBe(failure);
      await expect(writer.insertGrants("[]")).rejects.toBe(failure);
    } finally {
      // It never opened a connection: closing does not wait for it, and says it did not end cleanly.
      expect(await writer.close()).not.toBe(0);
    }
  });
});
