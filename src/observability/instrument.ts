import { GrantKind } from "../domain/model";
import { AppError } from "../errors/app-error";
import type { MultipartStore, ObjectStore, Storage } from "../storage/types";
import type { GroupCommitObserver } from "../store/group-commit";
import type { DownloadGrantRecord, NewUpload, Store, UploadOutcome } from "../store/types";
import type { Metrics } from "./metrics";

/** The code a metric labels a failure with: an AppError's code, else the error's name (S3's error names). */
export function errorCodeOf(error: unknown): string {
  if (error instanceof AppError) return error.code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && /^\w{1,64}$/.test(name) ? name : "Error";
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * The storage with every server-side S3 call timed and its failures counted. Calls look the
 * method up when they run, so a test that swaps a method on the storage it handed in is heard.
 */
export function instrumentStorage(storage: Storage, metrics: Metrics): Storage {
  const timed =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        const result = await call(...args);
        metrics.s3Call(operation, seconds(started));
        return result;
      } catch (e) {
        metrics.s3Call(operation, seconds(started), errorCodeOf(e));
        throw e;
      }
    };
  const objects: ObjectStore = {
    head: timed("head", (...a: Parameters<ObjectStore["head"]>) => storage.objects.head(...a)),
    readStart: timed("readStart", (...a: Parameters<ObjectStore["readStart"]>) => storage.objects.readStart(...a)),
    removeVersions: timed("removeVersions", (...a: Parameters<ObjectStore["removeVersions"]>) =>
      storage.objects.removeVersions(...a),
    ),
  };
  const multipart: MultipartStore = {
    create: timed("multipartCreate", (...a: Parameters<MultipartStore["create"]>) => storage.multipart.create(...a)),
    listParts: timed("multipartListParts", (...a: Parameters<MultipartStore["listParts"]>) => storage.multipart.listParts(...a)),
    complete: timed("multipartComplete", (...a: Parameters<MultipartStore["complete"]>) => storage.multipart.complete(...a)),
    abort: timed("multipartAbort", (...a: Parameters<MultipartStore["abort"]>) => storage.multipart.abort(...a)),
    listOpen: timed("multipartListOpen", (...a: Parameters<MultipartStore["listOpen"]>) => storage.multipart.listOpen(...a)),
  };
  return {
    presigner: storage.presigner,
    objects,
    multipart,
    ensureBucket: (origins) => storage.ensureBucket(origins),
    requireVersioning: () => storage.requireVersioning(),
    ensureEventPush: (pushUrl) => storage.ensureEventPush(pushUrl),
    ping: timed("ping", (signal?: AbortSignal) => storage.ping(signal)),
    close: () => storage.close(),
  };
}

/**
 * The store with each failed call counted as a registry error, by method. A Proxy, so it wraps
 * whatever shape the store has (a test's Proxy included).
 */
export function instrumentStore(store: Store, metrics: Metrics): Store {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, name, receiver) {
      const member: unknown = Reflect.get(target, name, receiver);
      if (typeof member !== "function" || typeof name !== "string") return member;
      if (!wrapped.has(name)) {
        // Looked up again per call, so a method swapped on the store later is the one that runs.
        wrapped.set(name, (...args: unknown[]) =>
          (Reflect.get(target, name) as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch((e: unknown) => {
            metrics.registryError(name);
            throw e;
          }),
        );
      }
      return wrapped.get(name);
    },
  });
}

/** Group-commit observers: batch size, wait and write time, and the grants each successful write issued. */
export function groupCommitObservers(metrics: Metrics): {
  recordDownloads: GroupCommitObserver<DownloadGrantRecord>;
  recordUploads: GroupCommitObserver<NewUpload, UploadOutcome>;
} {
  const observe =
    <T, R>(commit: string, count: (items: readonly T[], results: readonly R[]) => void): GroupCommitObserver<T, R> =>
    ({ items, results, waitMs, writeMs, error }) => {
      metrics.groupCommitWrite(commit, items.length, waitMs / 1000, writeMs / 1000);
      if (error === undefined) count(items, results);
    };
  return {
    recordDownloads: observe("downloads", (grants) => metrics.grants(GrantKind.DOWNLOAD, "", "issued", grants.length)),
    // An upload its quota refused is not issued here (QUOTA_EXCEEDED, or recorded on its own after the exact count).
    recordUploads: observe<NewUpload, UploadOutcome>("uploads", (uploads, outcomes) =>
      uploads.forEach(
        ({ grant }, i) => outcomes[i] === "recorded" && metrics.grants(GrantKind.UPLOAD, grant.profile ?? "", "issued"),
      ),
    ),
  };
}
