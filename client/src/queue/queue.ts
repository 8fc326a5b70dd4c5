import { abortedError, ClientErrorCode, ValetUploadError } from "../errors.js";
import type { UploadGate } from "../gate.js";
import { browserNetwork, createWaiters } from "./network.js";
import type { QueueItem, UploadQueue, UploadQueueOptions } from "./types.js";

export type { UploadQueue, UploadQueueOptions } from "./types.js";

interface Entry {
  item: QueueItem;
  controller: AbortController | null;
}

/** A queue of uploads with bounded concurrency, pause and resume, cancel, retry, and waiting while offline. */
export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const network = options.network ?? browserNetwork();
  const entries: Entry[] = [];
  const listeners = new Set<() => void>();
  const waiters = createWaiters();
  let snapshot: readonly QueueItem[] = [];
  let next = 0;

  const find = (id: string) => entries.find((e) => e.item.id === id);
  const update = (entry: Entry, change: Partial<QueueItem>) => (entry.item = { ...entry.item, ...change });
  const changed = () => {
    snapshot = entries.map((e) => e.item);
    waiters.wake();
    listeners.forEach((l) => l());
  };
  const gateOf = (entry: Entry): UploadGate => ({
    offline: () => !network.online(),
    ready: (signal) =>
      waiters.until(
        () => entry.item.status === "uploading" && network.online(),
        signal,
        () => abortedError("transfer"),
      ),
  });

  function start(entry: Entry) {
    const controller = new AbortController();
    entry.controller = controller;
    const mine = () => entry.controller === controller;
    update(entry, { status: "uploading", error: null, offline: false, method: null });
    options
      .upload(entry.item.file, {
        resume: true,
        ...options.uploadOptions,
        profile: options.profile,
        signal: controller.signal,
        gate: gateOf(entry),
        onProgress: (progress) => mine() && (update(entry, { progress }), changed()),
        onGrant: ({ method }) => mine() && (update(entry, { method }), changed()),
      })
      .then(
        (result) => mine() && update(entry, { status: "done", result, progress: { loaded: result.size, total: result.size } }),
        (e: unknown) => {
          if (!mine()) return;
          const error = ValetUploadError.at("transfer", e);
          const status = entry.item.status;
          // Paused and cancelled items keep their status; their abort is no error.
          if (status === "paused" || status === "canceled") return;
          if (error.code === ClientErrorCode.NETWORK_ERROR && !network.online())
            update(entry, { status: "queued", offline: true });
          else update(entry, { status: "error", error });
        },
      )
      .finally(() => {
        if (!mine()) return;
        entry.controller = null;
        if (entry.item.status === "done") options.onDone?.(entry.item);
        pump();
      });
  }

  function pump() {
    let active = entries.filter((e) => e.item.status === "uploading").length;
    for (const entry of entries) {
      if (active >= concurrency || !network.online()) break;
      if (entry.item.status !== "queued") continue;
      active++;
      // A paused MULTIPART upload is still waiting at its gate: let it through instead of starting over.
      if (entry.controller) update(entry, { status: "uploading", offline: false });
      else start(entry);
    }
    // Queued items wait for the network before they start, uploading ones at their gate.
    for (const entry of entries)
      if (entry.item.status === "queued" || entry.item.status === "uploading") update(entry, { offline: !network.online() });
    changed();
  }

  function pauseEntry(entry: Entry) {
    const { status, method } = entry.item;
    if (status !== "uploading" && status !== "queued") return;
    update(entry, { status: "paused" });
    // POST and PUT cannot stop half-way: abort now, start over on resume.
    if (entry.controller && method !== null && method !== "MULTIPART") {
      entry.controller.abort();
      entry.controller = null;
    }
  }

  function cancelEntry(entry: Entry) {
    const { status, file, name } = entry.item;
    if (status === "done" || status === "canceled") return;
    update(entry, { status: "canceled", offline: false });
    entry.controller?.abort();
    entry.controller = null;
    const profile = typeof options.profile === "string" ? options.profile : options.profile.name;
    const lastModified = (file as Partial<File>).lastModified;
    void options.discardResumable?.({ profile, name, size: file.size, lastModified }).catch(() => undefined);
  }

  const unsubscribe = network.subscribe(pump);
  const each = (id: string | undefined, act: (e: Entry) => void) =>
    (id === undefined ? entries : [find(id)]).forEach((e) => e && act(e));
  return {
    add(files) {
      const added = Array.from(files as ArrayLike<Blob>, (file): Entry => {
        const name = (file as Partial<File>).name ?? "upload";
        const progress = { loaded: 0, total: file.size };
        const item = {
          id: `${++next}`,
          file,
          name,
          status: "queued",
          progress,
          method: null,
          offline: false,
          error: null,
          result: null,
        } as const;
        return { item, controller: null };
      });
      entries.push(...added);
      pump();
      return added.map((e) => e.item.id);
    },
    pause: (id) => (each(id, pauseEntry), pump()),
    resume: (id) => (each(id, (e) => e.item.status === "paused" && update(e, { status: "queued" })), pump()),
    cancel: (id) => (each(id, cancelEntry), pump()),
    retry: (id) => (
      each(id, (e) => ["error", "canceled"].includes(e.item.status) && update(e, { status: "queued", error: null })),
      pump()
    ),
    remove(id) {
      const entry = find(id);
      if (!entry) return;
      cancelEntry(entry);
      entries.splice(entries.indexOf(entry), 1);
      pump();
    },
    items: () => snapshot,
    subscribe: (listener) => (listeners.add(listener), () => void listeners.delete(listener)),
    destroy() {
      unsubscribe();
      // Not cancel: a resumable upload cut off by leaving the page should stay resumable.
      for (const entry of entries) entry.controller?.abort();
      entries.length = 0;
      changed();
    },
  };
}
