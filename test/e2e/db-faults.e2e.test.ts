import BetterSqlite3 from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ObjectDocument, RequestDownloadDocument, RequestUploadDocument } from "../../client/generated/graphql";
import { SQLITE_PRAGMAS } from "../../src/store/sqlite";
import { postGraphQL, type RawAnswer } from "../support/child-app";
import { startTestApp, testConfig, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { uploadPng } from "../support/uploads";

// The registry is a SQLite file; these faults hit it under a running app. A grant is signed only
// after its row commits, so a fault must cost the answer, never leave a URL the registry lacks.

const BUSY_MS = Number(/busy_timeout = (\d+)/.exec(SQLITE_PRAGMAS.join())![1]);
// One writer thread serves both group commits (uploads, downloads), each with one write in flight:
// behind a lock a caller waits for the write ahead of its batch and for its own, and each may
// queue behind the other commit's write — 4 busy timeouts at most, however many callers there are.
const LOCKED_ANSWER_MS = 4 * BUSY_MS + 3_000;
const REQUEST_DOWNLOADS = /* GraphQL */ `
  mutation RequestDownloadsWithIds($keys: [String!]!) {
    requestDownloads(keys: $keys) {
      id
      key
      url
    }
  }
`;

/** What the four calls answer, as far as this test reads it. */
interface Issued {
  requestUpload?: { id: string; key: string };
  requestDownload?: { id: string; key: string };
  requestDownloads?: Array<{ id: string; key: string } | null>;
  object?: { key: string; downloadUrl: string | null } | null;
}
type Answer = RawAnswer<Issued>;
interface Sent {
  requestId: string;
  answer: Answer;
  ms: number;
}

/** The grants an answer hands out: its ids, or for downloadUrl (no id) the key and the request that asked. */
function grantsIn({ data }: Answer): Array<{ id?: string; key: string }> {
  const objectUrl = data?.object?.downloadUrl ? [{ key: data.object.key }] : [];
  const ids = [data?.requestUpload, data?.requestDownload, ...(data?.requestDownloads ?? [])].filter((g) => g != null);
  return [...ids.map((g) => ({ id: g.id, key: g.key })), ...objectUrl];
}
const signatures = (text: string) => text.split("X-Amz-Signature").length - 1;

/**
 * How this machine can make the file unwritable under connections that are already open. chmod
 * cannot: permissions are checked at open(), so a running app keeps writing (and root ignores
 * them anyway). `chattr +i` can, given CAP_LINUX_IMMUTABLE and a file system that has the flag;
 * without it, an exclusive lock held past the busy timeout is the nearest real stand-in.
 */
function readOnlyMechanism(dir: string): "chattr +i" | "BEGIN EXCLUSIVE" {
  const probe = join(dir, "probe");
  writeFileSync(probe, "x");
  try {
    execFileSync("chattr", ["+i", probe], { stdio: "ignore" });
  } catch {
    rmSync(probe);
    return "BEGIN EXCLUSIVE";
  }
  let refused = false;
  try {
    appendFileSync(probe, "y");
  } catch {
    refused = true;
  }
  execFileSync("chattr", ["-i", probe]);
  rmSync(probe);
  return refused ? "chattr +i" : "BEGIN EXCLUSIVE";
}

describe("DB faults: the registry's SQLite file fails under a running app (on Ceph)", () => {
  const dir = mkdtempSync(join(tmpdir(), "valet-db-faults-"));
  const path = join(dir, "valet.sqlite");
  const readOnlyBy = readOnlyMechanism(dir);
  let t: TestApp;
  let alice: string;
  let key: string;
  let sent = 0;

  beforeAll(async () => {
    t = await startTestApp(testConfig({ DATABASE_URL: path }));
    alice = await tokenFor("alice");
    key = await uploadPng(t, alice);
  });
  afterAll(async () => {
    unfreeze();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = async (query: Parameters<typeof postGraphQL>[1], variables: Record<string, unknown>): Promise<Sent> => {
    const requestId = `db-faults-${++sent}`;
    const started = performance.now();
    const answer = await postGraphQL<Issued>(t.url, query, variables, {
      authorization: `Bearer ${alice}`,
      "x-request-id": requestId,
    });
    return { requestId, answer, ms: performance.now() - started };
  };
  const calls: Record<string, () => Promise<Sent>> = {
    requestUpload: () => ask(RequestUploadDocument, { input: avatarInput() }),
    requestDownload: () => ask(RequestDownloadDocument, { input: { key } }),
    requestDownloads: () => ask(REQUEST_DOWNLOADS, { keys: [key, key] }),
    "StoredObject.downloadUrl": () => ask(ObjectDocument, { key }),
  };
  /** Every call, `times` times over, all in flight at once. */
  const callAll = (times = 1) =>
    Promise.all(Array.from({ length: times }, () => Object.values(calls).map((call) => call())).flat());

  function expectRefusedWithoutUrls(answers: Sent[], withinMs: number) {
    for (const { answer, ms } of answers) {
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(answer.text).not.toContain("X-Amz-Signature");
      expect(ms).toBeLessThan(withinMs);
    }
  }

  /** Never a URL without its committed grant row: each one handed out is in the registry, under the request that asked. */
  async function expectEveryUrlRecorded(answers: Sent[]) {
    for (const { requestId, answer } of answers) {
      expect(answer.errors).toBeUndefined();
      const grants = grantsIn(answer);
      expect(signatures(answer.text)).toBe(grants.length);
      for (const grant of grants) {
        const recorded = (await t.app.services.store.listGrants({ filter: { key: grant.key }, first: 100 })).items;
        expect(
          recorded.filter((r) => r.requestId === requestId && (grant.id === undefined || r.id === grant.id)),
        ).not.toHaveLength(0);
      }
    }
  }

  let frozen: string[] = [];
  // The -shm index is mmapped; a write fault on an immutable mapping is SIGBUS, which would kill jest with the app.
  function freeze() {
    frozen = [path, `${path}-wal`, dir].filter((f) => existsSync(f));
    execFileSync("chattr", ["+i", ...frozen]);
  }
  function unfreeze() {
    if (frozen.length) execFileSync("chattr", ["-i", ...frozen]);
    frozen = [];
  }
  /**
   * Another connection holding the write lock, as a backup or a stuck migration might, until
   * released or for `maxMs` at most (so a test that fails on time does not leave it held).
   */
  function holdLock(mode: "IMMEDIATE" | "EXCLUSIVE", maxMs: number) {
    const holder = new BetterSqlite3(path);
    holder.exec(`BEGIN ${mode}`);
    const release = () => {
      clearTimeout(timer);
      if (!holder.open) return;
      holder.exec("ROLLBACK");
      holder.close();
    };
    const timer = setTimeout(release, maxMs);
    return release;
  }

  describe(`DB faults: the database file made read-only (by ${readOnlyBy})`, () => {
    // With chattr the write fails at once; with a lock it fails after the busy timeout.
    const within = readOnlyBy === "chattr +i" ? 2_000 : LOCKED_ANSWER_MS;

    it(
      `refuses requestUpload, requestDownload, requestDownloads and StoredObject.downloadUrl with SERVICE_UNAVAILABLE (retryable) within ${within / 1000} s, with no X-Amz-Signature anywhere`,
      async () => {
        const release = readOnlyBy === "chattr +i" ? (freeze(), unfreeze) : holdLock("EXCLUSIVE", 2 * within);
        try {
          expectRefusedWithoutUrls(await callAll(), within);
        } finally {
          release();
        }
      },
      3 * within,
    );

    it("answers all four again once the file is writable, and never a URL without its committed grant row", async () => {
      await expectEveryUrlRecorded(await callAll());
    });
  });

  describe(`DB faults: a write lock held by another connection (BEGIN IMMEDIATE) past the ${BUSY_MS / 1000} s busy timeout`, () => {
    const within = LOCKED_ANSWER_MS;
    const callers = 16;

    it(
      `refuses ${callers} concurrent calls with SERVICE_UNAVAILABLE (retryable) within ${within / 1000} s each, with no X-Amz-Signature anywhere`,
      async () => {
        // Held past the bound (a safety net releases it), so a slow answer fails the time check
        // instead of slipping through once the lock is gone.
        const release = holdLock("IMMEDIATE", 2 * within);
        try {
          expectRefusedWithoutUrls(await callAll(callers / 4), within);
        } finally {
          release();
        }
      },
      3 * within,
    );

    it("answers all four again once the lock is released, and never a URL without its committed grant row", async () => {
      await expectEveryUrlRecorded(await callAll());
    });
  });
});
