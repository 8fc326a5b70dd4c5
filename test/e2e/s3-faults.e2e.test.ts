import { createStorage } from "../../src/storage/storage";
import { answeringEndpoint, refusingEndpoint, silentEndpoint, type FaultyEndpoint } from "../support/fault-servers";
import { CompleteUploadDocument, DeleteObjectDocument, RequestUploadDocument } from "../../client/generated/graphql";
import { dataOf, startTestApp, testConfig, type GqlResult, type TestApp } from "../support/harness";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";

// With an S3 endpoint that accepts connections and never answers, completeUpload and deleteObject
// used to give no answer within 90 s while sockets piled up. Every S3 call is now bounded.

const MAX_ATTEMPTS = 2;
// Short bounds keep the suite fast; one case runs on the defaults.
const FAST = { S3_CONNECT_TIMEOUT_MS: "500", S3_REQUEST_TIMEOUT_MS: "1000", S3_MAX_ATTEMPTS: String(MAX_ATTEMPTS) };

/** An app whose S3 is the given endpoint; the bucket is never created, and need not be. */
const appAt = (endpoint: string, env: Record<string, string> = FAST) =>
  startTestApp(testConfig({ S3_ENDPOINT: endpoint, S3_ENSURE_BUCKET: "false", ...env }));

/** For one describe block: a faulty endpoint and an app on it, both closed afterwards. */
function appOnFaultyEndpoint(start: () => Promise<FaultyEndpoint>) {
  const on = {} as { endpoint: FaultyEndpoint; t: TestApp };
  beforeAll(async () => {
    on.endpoint = await start();
    on.t = await appAt(on.endpoint.url);
  });
  afterAll(async () => {
    await on.t.close();
    await on.endpoint.close();
  });
  return on;
}

/** For one test: its own silent endpoint (so its counts are its own) and an app with `env` on it. */
async function withSilentApp(env: Record<string, string>, test: (silent: FaultyEndpoint, t: TestApp) => Promise<void>) {
  const silent = await silentEndpoint();
  const t = await appAt(silent.url, env);
  try {
    await test(silent, t);
  } finally {
    await t.close();
    await silent.close();
  }
}

type Grant = { id: string; key: string };
// requestUpload signs locally and records a PENDING object: it never calls S3.
async function pendingUpload(t: TestApp, token: string): Promise<Grant> {
  return dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, token)).requestUpload;
}

const calls: Record<string, (t: TestApp, token: string, grant: Grant) => Promise<GqlResult<unknown>>> = {
  completeUpload: (t, token, grant) => t.gql(CompleteUploadDocument, { grantId: grant.id }, token),
  deleteObject: (t, token, grant) => t.gql(DeleteObjectDocument, { key: grant.key }, token),
};
const callNames = Object.keys(calls);

/** Prepares a pending upload, then times only the call that reaches S3. */
async function timedCall(t: TestApp, name: string) {
  const token = await tokenFor("alice");
  const grant = await pendingUpload(t, token);
  const started = performance.now();
  const res = await calls[name](t, token, grant);
  return { res, ms: performance.now() - started };
}

function expectUnavailable(res: GqlResult<unknown>) {
  expect(res.errors).toEqual([
    expect.objectContaining({
      message: "the object store is not answering; try again",
      extensions: { code: "SERVICE_UNAVAILABLE", retryable: true },
    }),
  ]);
}

describe("an S3 endpoint that accepts connections and never answers", () => {
  const on = appOnFaultyEndpoint(silentEndpoint);

  it.each(callNames)(
    "%s answers SERVICE_UNAVAILABLE in time over at most S3_MAX_ATTEMPTS connections, and closes them",
    async (name) => {
      const before = on.endpoint.connections;
      const { res, ms } = await timedCall(on.t, name);
      expectUnavailable(res);
      expect(ms).toBeLessThan(MAX_ATTEMPTS * 1000 + 1000);
      expect(on.endpoint.connections - before).toBeGreaterThanOrEqual(1);
      expect(on.endpoint.connections - before).toBeLessThanOrEqual(MAX_ATTEMPTS);
      await on.endpoint.drained();
    },
  );

  it("stops an object-store call at once when its caller aborts, and says it was aborted", async () => {
    const storage = createStorage(on.t.config.s3);
    try {
      const caller = new AbortController();
      const started = performance.now();
      setTimeout(() => caller.abort(), 100);
      await expect(storage.objects.removeVersions("users/alice/x", { signal: caller.signal })).rejects.toMatchObject({
        name: "AbortError",
      });
      expect(performance.now() - started).toBeLessThan(500);
    } finally {
      storage.close();
    }
  });

  it("holds no more than S3_MAX_SOCKETS connections open however many calls wait, and answers them all", () =>
    withSilentApp({ ...FAST, S3_MAX_SOCKETS: "2" }, async (silent, t) => {
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => timedCall(t, callNames[i % 2])));
      for (const { res, ms } of results) {
        expectUnavailable(res);
        expect(ms).toBeLessThan(10_000);
      }
      expect(silent.peakOpen).toBeLessThanOrEqual(2);
      expect(silent.connections).toBeLessThanOrEqual(8 * MAX_ATTEMPTS);
      await silent.drained();
    }));

  it(
    "answers within 10 s with the default settings",
    () =>
      withSilentApp({}, async (silent, t) => {
        const { res, ms } = await timedCall(t, "completeUpload");
        expectUnavailable(res);
        expect(ms).toBeLessThan(10_000);
        expect(silent.connections).toBeLessThanOrEqual(t.config.s3.maxAttempts);
      }),
    20_000,
  );
});

describe("an S3 endpoint whose port refuses connections", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await appAt(await refusingEndpoint());
  });
  afterAll(() => t.close());

  it.each(callNames)("%s answers SERVICE_UNAVAILABLE at once", async (name) => {
    const { res, ms } = await timedCall(t, name);
    expectUnavailable(res);
    expect(ms).toBeLessThan(1000);
  });
});

describe("an S3 endpoint that answers 503", () => {
  const on = appOnFaultyEndpoint(() =>
    answeringEndpoint((_req, res) => {
      res.writeHead(503, { "content-type": "application/xml" });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>ServiceUnavailable</Code><Message></Message></Error>');
    }),
  );

  it.each(callNames)("%s tries S3_MAX_ATTEMPTS times, then answers SERVICE_UNAVAILABLE", async (name) => {
    const before = on.endpoint.requests;
    const { res } = await timedCall(on.t, name);
    expectUnavailable(res);
    expect(on.endpoint.requests - before).toBe(MAX_ATTEMPTS);
  });
});

describe("an S3 endpoint that answers the HEAD but stalls the body of the ranged GET", () => {
  const on = appOnFaultyEndpoint(() =>
    answeringEndpoint((req, res) => {
      const headers = {
        "content-type": "image/png",
        "content-length": "64",
        etag: '"0123456789abcdef0123456789abcdef"',
        "x-amz-version-id": "v1",
      };
      if (req.method === "HEAD") return void res.writeHead(200, headers).end();
      res.writeHead(206, { ...headers, "content-range": "bytes 0-63/64" });
      res.write(new Uint8Array([0x89, 0x50, 0x4e, 0x47])); // and nothing more, ever
    }),
  );

  it("completeUpload answers SERVICE_UNAVAILABLE once the body has been idle for the request timeout", async () => {
    const { res, ms } = await timedCall(on.t, "completeUpload");
    expectUnavailable(res);
    expect(ms).toBeLessThan(10_000);
    await on.endpoint.drained();
  });
});
