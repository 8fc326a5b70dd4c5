import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
      await writer.close();
    }
  });
});
