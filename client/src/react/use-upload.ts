import { useCallback, useEffect, useRef, useState } from "react";
import type { UploadOptions } from "../client.js";
import { ClientErrorCode, ValetUploadError } from "../errors.js";
import type { UploadProgress } from "../progress.js";
import type { StoredObject } from "../types.js";
import { useUploadCounter, useValet } from "./context.js";

export type UploadStatus = "idle" | "uploading" | "done" | "error" | "aborted";

export interface UploadState {
  status: UploadStatus;
  /** Bytes of the file sent; null before the first upload. */
  progress: UploadProgress | null;
  error: ValetUploadError | null;
  result: StoredObject | null;
}

export interface UseUpload extends UploadState {
  /** Resolves to the AVAILABLE object, or null when it failed or was aborted (see `error`); never rejects. */
  upload: (file: Blob, options: UploadOptions) => Promise<StoredObject | null>;
  /** Aborts the upload in flight, if any. */
  abort: () => void;
  reset: () => void;
}

const IDLE: UploadState = { status: "idle", progress: null, error: null, result: null };

/** One upload at a time with its progress, status, error and result; starting another aborts the first. */
export function useUpload(): UseUpload {
  const valet = useValet();
  const { uploaded } = useUploadCounter();
  const [state, setState] = useState<UploadState>(IDLE);
  const current = useRef<AbortController | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const upload = useCallback(
    async (file: Blob, options: UploadOptions) => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      const mine = () => current.current === controller;
      const signal = options.signal ? anySignal(options.signal, controller.signal) : controller.signal;
      setState({ ...IDLE, status: "uploading", progress: { loaded: 0, total: file.size } });
      try {
        const onProgress = (p: UploadProgress) => (options.onProgress?.(p), mine() && setState((s) => ({ ...s, progress: p })));
        const result = await valet.upload(file, { ...options, signal, onProgress });
        if (mine()) setState((s) => ({ ...s, status: "done", result }));
        uploaded();
        return result;
      } catch (e) {
        const error = ValetUploadError.at("transfer", e);
        if (mine()) setState((s) => ({ ...s, status: error.code === ClientErrorCode.ABORTED ? "aborted" : "error", error }));
        return null;
      }
    },
    [valet, uploaded],
  );
  const abort = useCallback(() => current.current?.abort(), []);
  const reset = useCallback(() => (current.current?.abort(), setState(IDLE)), []);
  return { ...state, upload, abort, reset };
}

function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  const controller = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener("abort", () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}
