import { ValetUploadError } from "./errors.js";
import { sendMultipart, type MultipartGrant } from "./multipart.js";
import type { SignedPart } from "./part-urls.js";
import type { UploadProgress } from "./progress.js";
import type { Transport, TransportRequest } from "./transport.js";

const LATER = "2999-01-01T00:00:00Z";
const bytes = Uint8Array.from({ length: 2500 }, (_, i) => i % 251);
const file = new Blob([bytes]);
const partOf = (url: string) => Number(new URL(url).searchParams.get("partNumber"));
const signed = (partNumber: number, size: number, expiresAt = LATER): SignedPart => ({
  partNumber,
  size,
  url: `http://s3.test/b/k?partNumber=${partNumber}&uploadId=u`,
  expiresAt,
  headers: [{ name: "Content-Length", value: String(size) }],
});
const sizeOf = (n: number, partSize = 1024, total = 2500) => Math.min(partSize, total - (n - 1) * partSize);
const grant = (over: Partial<MultipartGrant> = {}): MultipartGrant => ({
  id: "g1",
  key: "k",
  partSize: 1024,
  partCount: 3,
  ...over,
});

/** A fake S3 for part PUTs: answers from `script` (per part, in turn; default 200), records what arrived. */
function fakeS3(script: Record<number, Array<number | "offline">> = {}) {
  const received = new Map<number, Uint8Array>();
  const requests: TransportRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: Transport = async (req) => {
    requests.push(req);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      await new Promise((r) => setTimeout(r, 1));
      if (req.signal?.aborted) throw new ValetUploadError("transfer", "ABORTED", "aborted");
      const n = partOf(req.url);
      const answer = script[n]?.shift() ?? 200;
      if (answer === "offline") throw new ValetUploadError("transfer", "NETWORK_ERROR", "offline");
      if (answer === 200) {
        req.onFileBytes?.(req.fileSize);
        received.set(n, new Uint8Array(await (req.body as Blob).arrayBuffer()));
        return { status: 200, body: "" };
      }
      return {
        status: answer,
        body:
          answer === 403
            ? "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
            : "<Error><Code>InternalError</Code></Error>",
      };
    } finally {
      inFlight--;
    }
  };
  return { transport, received, requests, maxInFlight: () => maxInFlight };
}

/** A signer that records its calls. */
function signer(partSize = 1024, total = 2500) {
  const calls: number[][] = [];
  const sign = async (partNumbers: number[]) => (
    calls.push(partNumbers),
    partNumbers.map((n) => signed(n, sizeOf(n, partSize, total)))
  );
  return { sign, calls };
}
const fast = { retry: { baseDelayMs: 1, maxDelayMs: 2 } };

describe("sendMultipart", () => {
  it("sends every part's bytes with its signed headers and reports progress in bytes of the file", async () => {
    const s3 = fakeS3();
    const progress: UploadProgress[] = [];
    const { sign, calls } = signer();
    const parts = [signed(1, 1024), signed(2, 1024), signed(3, 452)];
    await sendMultipart(grant({ parts }), file, sign, { transport: s3.transport, onProgress: (p) => progress.push(p) });
    expect(calls).toEqual([]);
    expect(Buffer.concat([1, 2, 3].map((n) => s3.received.get(n)!))).toEqual(Buffer.from(bytes));
    expect(s3.requests.map((r) => [r.method, r.headers])).toEqual(parts.map((p) => ["PUT", p.headers]));
    expect(progress[0]).toEqual({ loaded: 0, total: 2500 });
    expect(progress.at(-1)).toEqual({ loaded: 2500, total: 2500 });
    expect(progress.length).toBeGreaterThanOrEqual(4);
  });

  it.each([1, 2, 4])("keeps at most %i parts in flight", async (parallel) => {
    const s3 = fakeS3();
    const many = new Blob([new Uint8Array(100)]);
    await sendMultipart(grant({ partSize: 10, partCount: 10 }), many, signer(10, 100).sign, {
      transport: s3.transport,
      parallel,
    });
    expect(s3.received.size).toBe(10);
    expect(s3.maxInFlight()).toBe(parallel);
  });

  it("signs the parts the grant came without in batches of at most 1000, each part once", async () => {
    const big = new Blob([new Uint8Array(2500)]);
    const { sign, calls } = signer(1, 2500);
    const s3 = fakeS3();
    await sendMultipart(grant({ partSize: 1, partCount: 2500, parts: [signed(1, 1)] }), big, sign, {
      transport: s3.transport,
      parallel: 8,
    });
    expect(calls.every((c) => c.length <= 1000)).toBe(true);
    expect(calls.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 2499 }, (_, i) => i + 2));
    expect(calls.length).toBeLessThanOrEqual(5);
    expect(s3.received.size).toBe(2500);
  });

  it("retries a part after a 5xx and after no answer, and sends the others once", async () => {
    const s3 = fakeS3({ 2: [500, "offline", 503] });
    await sendMultipart(grant(), file, signer().sign, { transport: s3.transport, ...fast });
    expect(s3.requests.map((r) => partOf(r.url)).sort()).toEqual([1, 2, 2, 2, 2, 3]);
    expect(s3.received.size).toBe(3);
  });

  it("gives up on a 4xx at once, stops the other parts, and throws S3's refusal", async () => {
    const s3 = fakeS3({ 1: [400] });
    const many = new Blob([new Uint8Array(100)]);
    const pending = sendMultipart(grant({ partSize: 10, partCount: 10 }), many, signer(10, 100).sign, {
      transport: s3.transport,
      parallel: 1,
      ...fast,
    });
    await expect(pending).rejects.toMatchObject({ stage: "transfer", status: 400, code: "INTERNAL_ERROR", grantId: "g1" });
    expect(s3.requests).toHaveLength(1);
  });

  it("signs a part again once when S3 says its URL expired", async () => {
    const s3 = fakeS3({ 3: [403] });
    const { sign, calls } = signer();
    const parts = [signed(1, 1024), signed(2, 1024), signed(3, 452, "2000-01-01T00:00:00Z")];
    // The stale URL is replaced before it is even tried; a 403 on the fresh one gets one more signing.
    await sendMultipart(grant({ parts }), file, sign, { transport: s3.transport, ...fast, now: () => Date.parse("2020-01-01") });
    expect(calls).toEqual([[3], [3]]);
    expect(s3.received.size).toBe(3);
  });

  it("sends only the parts S3 does not hold when resuming, and starts the progress at what it holds", async () => {
    const s3 = fakeS3();
    const progress: UploadProgress[] = [];
    const uploaded = [
      { partNumber: 1, size: 1024 },
      { partNumber: 3, size: 452 },
    ];
    await sendMultipart(grant(), file, signer().sign, { transport: s3.transport, uploaded, onProgress: (p) => progress.push(p) });
    expect([...s3.received.keys()]).toEqual([2]);
    expect(progress[0]).toEqual({ loaded: 1476, total: 2500 });
    expect(progress.at(-1)).toEqual({ loaded: 2500, total: 2500 });
  });

  it("stops every part in flight when the signal fires and throws ABORTED", async () => {
    const controller = new AbortController();
    const s3 = fakeS3();
    const seen: string[] = [];
    const aborting: Transport = (req) => {
      seen.push(req.url);
      if (seen.length === 2) controller.abort();
      return s3.transport(req);
    };
    const pending = sendMultipart(grant(), file, signer().sign, { transport: aborting, signal: controller.signal, ...fast });
    await expect(pending).rejects.toMatchObject({ stage: "transfer", code: "ABORTED" });
    expect(s3.received.size).toBeLessThan(3);
  });

  it("refuses a part signed for another size than planned, without sending it", async () => {
    const s3 = fakeS3();
    await expect(
      sendMultipart(grant({ parts: [signed(1, 1000)] }), file, signer().sign, { transport: s3.transport, parallel: 1 }),
    ).rejects.toMatchObject({ code: "BAD_RESPONSE" });
    expect(s3.requests).toHaveLength(0);
  });
});
