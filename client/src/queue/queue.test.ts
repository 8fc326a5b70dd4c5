import { ValetUploadError } from "../errors.js";
import type { StoredObject } from "../types.js";
import type { UploadOptions } from "../upload.js";
import type { NetworkStatus } from "./network.js";
import { createUploadQueue, type UploadQueueOptions } from "./queue.js";

interface Call {
  file: Blob;
  options: UploadOptions;
  finish(): void;
  fail(error: ValetUploadError): void;
}

const flush = () => new Promise((r) => setImmediate(r));
const stored = (file: Blob) => ({ key: "k", size: file.size, state: "AVAILABLE" }) as unknown as StoredObject;
const file = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: "image/png" });

/** An upload whose calls the test ends by hand; an abort rejects it as the client does. */
function fakeUploads() {
  const calls: Call[] = [];
  let inFlight = 0;
  let most = 0;
  const upload = (f: Blob, options: UploadOptions) =>
    new Promise<StoredObject>((resolve, reject) => {
      most = Math.max(most, ++inFlight);
      const end = () => inFlight--;
      calls.push({ file: f, options, finish: () => (end(), resolve(stored(f))), fail: (e) => (end(), reject(e)) });
      options.signal?.addEventListener("abort", () => (end(), reject(new ValetUploadError("transfer", "ABORTED", "aborted"))));
    });
  return { calls, upload, most: () => most };
}

function fakeNetwork(online = true) {
  const listeners = new Set<() => void>();
  const network: NetworkStatus = { online: () => online, subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)) };
  return { network, set: (value: boolean) => ((online = value), listeners.forEach((l) => l())) };
}

function queueOf(extra: Partial<UploadQueueOptions> = {}) {
  const uploads = fakeUploads();
  const queue = createUploadQueue({ upload: uploads.upload, profile: "avatar", network: fakeNetwork().network, ...extra });
  const statuses = () => queue.items().map((i) => i.status);
  return { queue, uploads, statuses };
}

describe("createUploadQueue", () => {
  it("never sends more than `concurrency` files at once, and sends them all", async () => {
    const { queue, uploads, statuses } = queueOf({ concurrency: 2 });
    queue.add([1, 2, 3, 4, 5].map((n) => file(`${n}.png`)));
    expect(uploads.calls).toHaveLength(2);
    expect(statuses()).toEqual(["uploading", "uploading", "queued", "queued", "queued"]);
    for (let i = 0; i < 5; i++) {
      uploads.calls[i].finish();
      await flush();
    }
    expect(statuses()).toEqual(Array(5).fill("done"));
    expect(uploads.most()).toBe(2);
    expect(uploads.calls.map((c) => (c.file as File).name)).toEqual(["1.png", "2.png", "3.png", "4.png", "5.png"]);
  });

  it("with concurrency 1 starts the next file only when one finishes", async () => {
    const { queue, uploads } = queueOf({ concurrency: 1 });
    queue.add([file("a"), file("b")]);
    await flush();
    expect(uploads.calls).toHaveLength(1);
    uploads.calls[0].finish();
    await flush();
    expect(uploads.calls).toHaveLength(2);
  });

  it("pauses a MULTIPART item at its gate (no new part) and lets it through on resume, without starting over", async () => {
    const { queue, uploads, statuses } = queueOf();
    const [id] = queue.add([file("big.png")]);
    const { options } = uploads.calls[0];
    options.onGrant?.({ id: "g", key: "k", method: "MULTIPART" });
    await options.gate!.ready(); // part 1 goes
    queue.pause(id);
    expect(statuses()).toEqual(["paused"]);
    let part2 = false;
    const waiting = options.gate!.ready().then(() => (part2 = true));
    await flush();
    expect(part2).toBe(false);
    expect(options.signal?.aborted).toBe(false);
    queue.resume(id);
    await waiting;
    expect(part2).toBe(true);
    expect(uploads.calls).toHaveLength(1);
    uploads.calls[0].finish();
    await flush();
    expect(statuses()).toEqual(["done"]);
  });

  it("aborts a paused POST and starts it over on resume", async () => {
    const { queue, uploads, statuses } = queueOf();
    const [id] = queue.add([file("small.png")]);
    uploads.calls[0].options.onGrant?.({ id: "g", key: "k", method: "POST" });
    queue.pause(id);
    await flush();
    expect(uploads.calls[0].options.signal?.aborted).toBe(true);
    expect(statuses()).toEqual(["paused"]);
    queue.resume(id);
    expect(uploads.calls).toHaveLength(2);
    uploads.calls[1].finish();
    await flush();
    expect(statuses()).toEqual(["done"]);
  });

  it("pause() and resume() without an id act on every item; a paused item frees its slot", async () => {
    const { queue, uploads, statuses } = queueOf({ concurrency: 1 });
    queue.add([file("a"), file("b")]);
    queue.pause();
    expect(statuses()).toEqual(["paused", "paused"]);
    queue.resume();
    expect(statuses()).toEqual(["uploading", "queued"]);
    expect(uploads.calls).toHaveLength(1);
  });

  it("waits for the network instead of starting while offline", async () => {
    const net = fakeNetwork(false);
    const { queue, uploads, statuses } = queueOf({ network: net.network });
    queue.add([file("a")]);
    expect(uploads.calls).toHaveLength(0);
    expect(queue.items()[0]).toMatchObject({ status: "queued", offline: true });
    net.set(true);
    expect(uploads.calls).toHaveLength(1);
    expect(statuses()).toEqual(["uploading"]);
  });

  it("holds the gate while offline, and a network failure while offline queues the item again instead of failing it", async () => {
    const net = fakeNetwork();
    const { queue, uploads, statuses } = queueOf({ network: net.network });
    queue.add([file("a")]);
    const { options } = uploads.calls[0];
    net.set(false);
    expect(options.gate!.offline()).toBe(true);
    let through = false;
    const waiting = options.gate!.ready().then(() => (through = true));
    await flush();
    expect(through).toBe(false);
    uploads.calls[0].fail(new ValetUploadError("grant", "NETWORK_ERROR", "no answer"));
    await flush();
    expect(queue.items()[0]).toMatchObject({ status: "queued", offline: true, error: null });
    net.set(true);
    expect(uploads.calls).toHaveLength(2);
    uploads.calls[1].finish();
    await flush();
    expect(statuses()).toEqual(["done"]);
    void waiting;
  });

  it("fails an item on a network error while online, and retry() sends it again", async () => {
    const { queue, uploads, statuses } = queueOf();
    const [id] = queue.add([file("a")]);
    uploads.calls[0].fail(new ValetUploadError("transfer", "NETWORK_ERROR", "no answer"));
    await flush();
    expect(queue.items()[0]).toMatchObject({ status: "error", error: { stage: "transfer", code: "NETWORK_ERROR" } });
    queue.retry(id);
    expect(uploads.calls).toHaveLength(2);
    expect(statuses()).toEqual(["uploading"]);
  });

  it("cancel() aborts, discards the resumable record, and frees the slot; done items cannot be cancelled", async () => {
    const discarded: unknown[] = [];
    const discardResumable = async (f: unknown) => void discarded.push(f);
    const { queue, uploads, statuses } = queueOf({ concurrency: 1, discardResumable });
    const [a] = queue.add([file("a.png", 7), file("b.png")]);
    queue.cancel(a);
    await flush();
    expect(uploads.calls[0].options.signal?.aborted).toBe(true);
    expect(discarded).toEqual([expect.objectContaining({ profile: "avatar", name: "a.png", size: 7 })]);
    expect(statuses()).toEqual(["canceled", "uploading"]);
    uploads.calls[1].finish();
    await flush();
    queue.cancel(queue.items()[1].id);
    expect(statuses()).toEqual(["canceled", "done"]);
  });

  it("reports progress and the result per item, resumable by default, and tells subscribers", async () => {
    const onDone = jest.fn();
    const { queue, uploads } = queueOf({ onDone });
    let changes = 0;
    queue.subscribe(() => changes++);
    queue.add([file("a", 10)]);
    const { options } = uploads.calls[0];
    expect(options).toMatchObject({ profile: "avatar", resume: true });
    options.onProgress?.({ loaded: 4, total: 10 });
    expect(queue.items()[0].progress).toEqual({ loaded: 4, total: 10 });
    uploads.calls[0].finish();
    await flush();
    expect(queue.items()[0]).toMatchObject({ status: "done", result: { size: 10 } });
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(changes).toBeGreaterThan(2);
  });
});
