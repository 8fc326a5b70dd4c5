import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { createUploadQueue, type UploadQueue, type UploadQueueOptions } from "../queue/queue.js";
import type { QueueItem } from "../queue/types.js";
import type { ResumableUpload } from "../resume.js";
import type { ResumeIdentity } from "../resume-store.js";
import { useUploadCounter, useValet } from "./context.js";

export type UseUploadQueueOptions = Pick<UploadQueueOptions, "profile" | "concurrency" | "uploadOptions" | "network">;

/** A queue's items and calls, for a component. */
export interface UseUploadQueue extends Omit<UploadQueue, "items" | "subscribe" | "destroy"> {
  items: readonly QueueItem[];
  /** Unfinished resumable uploads: offer them, and add() the same file again to continue one. */
  listResumable(): Promise<ResumableUpload[]>;
  /** Gives one up (aborted at the server, forgotten here). */
  discardResumable(file: ResumeIdentity): Promise<void>;
}

const NONE: readonly QueueItem[] = [];
const noop = () => () => undefined;

/**
 * Many uploads through one profile, `concurrency` (default 2) at a time, from the nearest
 * ValetProvider. The queue lives as long as the component and its profile, concurrency and client;
 * changing one starts an empty queue (uploads in flight are aborted, resumable ones stay resumable).
 */
export function useUploadQueue(options: UseUploadQueueOptions): UseUploadQueue {
  const valet = useValet();
  // The counter's call changes with every count: read the latest through a ref so the queue stays put.
  const counter = useUploadCounter();
  const uploaded = useRef(counter.uploaded);
  uploaded.current = counter.uploaded;
  const [queue, setQueue] = useState<UploadQueue | null>(null);
  const { profile, concurrency, uploadOptions, network } = options;
  const profileKey = typeof profile === "string" ? profile : JSON.stringify(profile);
  useEffect(() => {
    const q = createUploadQueue({
      upload: (file, o) => valet.upload(file, o),
      discardResumable: (file) => valet.discardResumable(file),
      profile,
      concurrency,
      uploadOptions,
      network,
      onDone: () => uploaded.current(),
    });
    setQueue(q);
    return () => q.destroy();
    // The profile by value: an inline profile object must not start a new queue on every render.
  }, [valet, profileKey, concurrency, network]);
  const subscribe = useCallback((l: () => void) => (queue ? queue.subscribe(l) : noop()), [queue]);
  const items = useSyncExternalStore(
    subscribe,
    () => queue?.items() ?? NONE,
    () => NONE,
  );
  const call =
    <A extends unknown[], R>(f: (q: UploadQueue, ...a: A) => R, none: R) =>
    (...a: A): R =>
      queue ? f(queue, ...a) : none;
  return {
    items,
    add: call((q, files: Parameters<UploadQueue["add"]>[0]) => q.add(files), []),
    pause: call((q, id?: string) => q.pause(id), undefined),
    resume: call((q, id?: string) => q.resume(id), undefined),
    cancel: call((q, id: string) => q.cancel(id), undefined),
    retry: call((q, id: string) => q.retry(id), undefined),
    remove: call((q, id: string) => q.remove(id), undefined),
    listResumable: useCallback(() => valet.listResumable(), [valet]),
    discardResumable: useCallback((file: ResumeIdentity) => valet.discardResumable(file), [valet]),
  };
}
