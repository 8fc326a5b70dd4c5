import { abortedError, ClientErrorCode, ValetUploadError } from "./errors.js";
import { fileBytesSent } from "./progress.js";

/** What S3 answered. */
export interface TransportAnswer {
  status: number;
  body: string;
}

export interface TransportRequest {
  /** POST for a form, PUT for a file or a part. */
  method: "POST" | "PUT";
  url: string;
  /** The multipart form (POST), or the file or part itself (PUT). */
  body: FormData | Blob;
  /** Sent as given; Content-Length is left to the platform, which sets it from the body (browsers refuse it). */
  headers?: ReadonlyArray<{ name: string; value: string }>;
  /** Bytes of the file in the body: all of a PUT body, the file part of a form. */
  fileSize: number;
  /** Bytes of the file sent; called as the body goes out (XMLHttpRequest) or only at the end (fetch). */
  onFileBytes?: (loaded: number) => void;
  signal?: AbortSignal;
}

/** Sends one request to S3; resolves with any HTTP answer, rejects only when there is none. */
export type Transport = (request: TransportRequest) => Promise<TransportAnswer>;

// The few members of XMLHttpRequest used here, so the library needs neither the DOM typings nor a polyfill.
interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: FormData | Blob): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  readonly upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}
type XhrConstructor = new () => XhrLike;

const networkError = (url: string, cause?: unknown) =>
  new ValetUploadError("transfer", ClientErrorCode.NETWORK_ERROR, `no answer from ${url.split("?")[0]}`, { cause });

const sendable = (headers: TransportRequest["headers"] = []) => headers.filter((h) => h.name.toLowerCase() !== "content-length");

/** Browsers and React Native: XMLHttpRequest, the one API that reports upload progress. */
export function xhrTransport(Xhr: XhrConstructor): Transport {
  return ({ method, url, body, headers, fileSize, onFileBytes, signal }) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(abortedError("transfer"));
      const xhr = new Xhr();
      const onAbort = () => xhr.abort();
      const done = () => signal?.removeEventListener("abort", onAbort);
      xhr.open(method, url);
      for (const { name, value } of sendable(headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onFileBytes?.(fileBytesSent(e.loaded, e.total, fileSize));
      };
      xhr.onload = () => (done(), resolve({ status: xhr.status, body: xhr.responseText }));
      xhr.onerror = () => (done(), reject(networkError(url)));
      xhr.onabort = () => (done(), reject(abortedError("transfer")));
      signal?.addEventListener("abort", onAbort, { once: true });
      xhr.send(body);
    });
}

/** Node 20 and anything else without XMLHttpRequest: fetch, whose upload progress is not observable. */
export function fetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return async ({ method, url, body, headers, signal }) => {
    try {
      const init = { method, body, signal, headers: sendable(headers).map((h): [string, string] => [h.name, h.value]) };
      const res = await fetchImpl(url, init);
      return { status: res.status, body: await res.text() };
    } catch (e) {
      throw signal?.aborted ? abortedError("transfer") : networkError(url, e);
    }
  };
}

/** XMLHttpRequest where the platform has it, else fetch. */
export function defaultTransport(): Transport {
  const Xhr = (globalThis as { XMLHttpRequest?: XhrConstructor }).XMLHttpRequest;
  return Xhr ? xhrTransport(Xhr) : fetchTransport();
}
