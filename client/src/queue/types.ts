import type { ValetUploadError } from "../errors.js";
import type { UploadMethod } from "../generated/graphql.js";
import type { UploadProgress } from "../progress.js";
import type { ResumeIdentity } from "../resume-store.js";
import type { StoredObject } from "../types.js";
import type { UploadOptions } from "../upload.js";
import type { NetworkStatus } from "./network.js";

/**
 * queued: waiting for a slot (or for the network); uploading; paused (by pause()); done; error
 * (see `error`, retry() sends it again); canceled (by cancel(), retry() starts it over).
 */
export type QueueItemStatus = "queued" | "uploading" | "paused" | "done" | "error" | "canceled";

/** One file in an upload queue, as its listeners see it (a new object on every change). */
export interface QueueItem {
  /** Unique in its queue. */
  id: string;
  file: Blob;
  /** The File's name, or "upload". */
  name: string;
  status: QueueItemStatus;
  progress: UploadProgress;
  /** Set once the grant is known: MULTIPART pauses between parts, POST and PUT start over on resume. */
  method: UploadMethod | null;
  /** True while the browser is offline: a queued item does not start, an uploading one sends nothing. */
  offline: boolean;
  error: ValetUploadError | null;
  /** The AVAILABLE object, once done. */
  result: StoredObject | null;
}

export interface UploadQueueOptions {
  /** Sends one file: usually `valet.upload`. */
  upload: (file: Blob, options: UploadOptions) => Promise<StoredObject>;
  /** Forgets a cancelled resumable upload (`valet.discardResumable`). */
  discardResumable?: (file: ResumeIdentity) => Promise<void>;
  profile: UploadOptions["profile"];
  /** Files sent at the same time (default 2). */
  concurrency?: number;
  /** Passed to every upload; `resume` defaults to true, so a paused or cut-off multipart upload continues. */
  uploadOptions?: Omit<UploadOptions, "profile" | "signal" | "onProgress" | "gate" | "onGrant">;
  /** Default: navigator.onLine and the window's online/offline events. */
  network?: NetworkStatus;
  /** Called with every item that finished (AVAILABLE). */
  onDone?: (item: QueueItem) => void;
}

/** Many files through one profile, `concurrency` at a time; framework-free (useUploadQueue wraps it for React). */
export interface UploadQueue {
  /** Queues files; returns their ids. */
  add(files: Iterable<Blob> | ArrayLike<Blob>): string[];
  /** Pauses one item, or all: MULTIPART stops before its next part, POST and PUT are aborted and start over on resume. */
  pause(id?: string): void;
  /** Lets one paused item, or all, continue (each waits for a slot). */
  resume(id?: string): void;
  /** Stops an item for good (its resumable record is discarded); retry() starts it over. */
  cancel(id: string): void;
  /** Sends a failed or cancelled item again. */
  retry(id: string): void;
  /** Cancels the item if it is still going and drops it from the list. */
  remove(id: string): void;
  items(): readonly QueueItem[];
  /** Calls `listener` after every change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Aborts everything in flight (resumable uploads stay resumable), empties the list, stops listening to the network. */
  destroy(): void;
}
