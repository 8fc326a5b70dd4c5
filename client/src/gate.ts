/**
 * Holds an upload between its requests to S3: a paused upload waits here, and so does one whose
 * browser is offline, instead of spending its retries on a network that is not there.
 */
export interface UploadGate {
  /** Resolves when the next request to S3 may start; rejects ABORTED when the signal fires first. */
  ready(signal?: AbortSignal): Promise<void>;
  /** True while there is no network: a request that failed then does not count as a retry. */
  offline(): boolean;
}
