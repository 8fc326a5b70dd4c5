import type { ValetUploadError } from "../errors.js";
import type { UploadMethod } from "../generated/graphql.js";
import type { UploadProgress } from "../progress.js";
import type { StoredObject } from "../types.js";

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
