import { randomBytes } from "node:crypto";
import { CompleteUploadDocument, RequestUploadDocument } from "../../client/generated/graphql";
import { GrantKind } from "../../src/domain/model";
import { openDatabase } from "../../src/store/database";
import { createStore } from "../../src/store/store";
import { TEST_S3 } from "../support/ceph";
import { postGraphQL, startChildApp, type ChildApp } from "../support/child-app";
import { DIALECTS, privateDatabase } from "../support/store/databases";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes, postUpload } from "../support/uploads";

// An answer is the promise: a grant id a client received must survive the process dying right
// after, because the row committed (and, on SQLite, was fsynced) before the answer was sent.

const IN_FLIGHT = 16;
const LOAD_MS = 1_500;
const REQUEST_DOWNLOADS = /* GraphQL */ `
  mutation RequestDownloadsWithIds($keys: [String!]!) {
    requestDownloads(keys: $keys) {
      id
    }
  }
`;

/** What main.ts would read in production, pointed at the test RGW and `databaseUrl`. */
const childEnv = (databaseUrl: string) => ({
  NODE_ENV: "test",
  DATABASE_URL: databaseUrl,
  S3_ENDPOINT: TEST_S3.endpoint,
  S3_ACCESS_KEY_ID: TEST_S3.accessKeyId,
  S3_SECRET_ACCESS_KEY: TEST_S3.secretAccessKey,
  S3_BUCKET: `valet-test-${randomBytes(5).toString("hex")}`,
  S3_ENSURE_BUCKET: "true",
  REAP_INTERVAL_SECONDS: "0",
  LOG_LEVEL: "silent",
});

/** Objects to download: uploaded through the child to the RGW and completed. */
async function seedAvailable(child: ChildApp, auth: Record<string, string>, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    type Grant = {
      requestUpload: {
        __typename: string;
        id: string;
        key: string;
        url?: string;
        fields?: Array<{ name: string; value: string }>;
      };
    };
    const grant = (await postGraphQL<Grant>(child.url, RequestUploadDocument, { input: avatarInput() }, auth)).data!
      .requestUpload;
    expect((await postUpload(grant, pngBytes(64))).status).toBe(204);
    await postGraphQL(child.url, CompleteUploadDocument, { grantId: grant.id }, auth);
    keys.push(grant.key);
  }
  return keys;
}

/** Clients that keep IN_FLIGHT requests going until stopped; they note every grant id answered with 200. */
function load(child: ChildApp, auth: Record<string, string>, keys: string[]) {
  const answered = { [GrantKind.UPLOAD]: [] as string[], [GrantKind.DOWNLOAD]: [] as string[] };
  let running = true;
  let inFlight = 0;
  const once = async (n: number) => {
    inFlight++;
    try {
      if (n % 2 === 0) {
        const res = await postGraphQL<{ requestUpload: { id: string } }>(
          child.url,
          RequestUploadDocument,
          { input: avatarInput() },
          auth,
        );
        if (res.status === 200 && res.data) answered[GrantKind.UPLOAD].push(res.data.requestUpload.id);
      } else {
        const res = await postGraphQL<{ requestDownloads: Array<{ id: string }> }>(child.url, REQUEST_DOWNLOADS, { keys }, auth);
        if (res.status === 200 && res.data && !res.errors)
          answered[GrantKind.DOWNLOAD].push(...res.data.requestDownloads.map((g) => g.id));
      }
    } finally {
      inFlight--;
    }
  };
  const client = async (c: number) => {
    for (let n = c; running; n++) await once(n).catch(() => undefined); // the kill resets what is in flight
  };
  const clients = Promise.all(Array.from({ length: IN_FLIGHT }, (_, c) => client(c)));
  return {
    answered,
    inFlight: () => inFlight,
    stop: () => ((running = false), clients),
  };
}

/** Reopens the database as a restarted app would and finds every answered grant, of its kind; an upload with its object. */
async function expectAllRecorded(url: string, answered: Record<GrantKind, string[]>) {
  const reopened = await openDatabase(url);
  try {
    const store = createStore(reopened);
    for (const [kind, ids] of Object.entries(answered)) {
      const found = await Promise.all(ids.map((id) => store.findGrant(id)));
      expect(ids.filter((_, i) => found[i]?.kind !== kind)).toEqual([]);
      // An upload grant and its PENDING object commit together.
      const objects = await Promise.all(found.filter((g) => g?.kind === GrantKind.UPLOAD).map((g) => store.findObject(g.key)));
      expect(objects.filter((o) => o === null)).toEqual([]);
    }
  } finally {
    await reopened.close();
  }
}

describe.each(DIALECTS)("kill -9 under load (%s)", (dialect) => {
  it(`kill -9 under load: every grant id answered before SIGKILL, mid-load with ${IN_FLIGHT} requests in flight, is in the registry after it`, async () => {
    const db = await privateDatabase(dialect);
    const child = await startChildApp(childEnv(db.url));
    try {
      const auth = { authorization: `Bearer ${await tokenFor("alice")}` };
      const traffic = load(child, auth, await seedAvailable(child, auth, 4));
      let inFlightAtKill = 0;
      try {
        await new Promise((ok) => setTimeout(ok, LOAD_MS));
        inFlightAtKill = traffic.inFlight();
        await child.kill();
      } finally {
        await traffic.stop();
      }
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(traffic.answered[GrantKind.UPLOAD].length).toBeGreaterThan(5);
      expect(traffic.answered[GrantKind.DOWNLOAD].length).toBeGreaterThan(5);
      await expectAllRecorded(db.url, traffic.answered);
    } finally {
      await child.kill();
      await db.dispose();
    }
  });
});
