import { ValetUploadError } from "./errors.js";
import type { UploadProgress } from "./progress.js";
import { postToGrant, putToGrant } from "./transfer.js";
import { xhrTransport, type Transport, type TransportRequest } from "./transport.js";

const grant = {
  id: "g1",
  key: "users/alice/avatar/x.png",
  url: "http://s3.test/bucket",
  fields: [
    { name: "key", value: "users/alice/avatar/x.png" },
    { name: "Content-Type", value: "image/png" },
    { name: "Policy", value: "eyJ9" },
  ],
  expiresAt: "2999-01-01T00:00:00Z",
};
const file = new Blob([new Uint8Array(100)], { type: "image/png" });

/** A transport that records the request and answers with the given status and body. */
function answering(
  status: number,
  body = "",
  during?: (req: TransportRequest) => void,
): Transport & { seen: TransportRequest[] } {
  const seen: TransportRequest[] = [];
  return Object.assign(
    async (req: TransportRequest) => {
      seen.push(req);
      during?.(req);
      return { status, body };
    },
    { seen },
  );
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as ValetUploadError,
  );

describe("postToGrant", () => {
  it("sends the grant's fields in their order, then the file last", async () => {
    const transport = answering(204);
    await postToGrant(grant, file, { transport, filename: "me.png" });
    const form = transport.seen[0].body as FormData;
    expect(transport.seen[0].method).toBe("POST");
    expect([...form.keys()]).toEqual(["key", "Content-Type", "Policy", "file"]);
    expect((form.get("file") as File).name).toBe("me.png");
    expect(transport.seen[0].url).toBe(grant.url);
  });

  it("reports progress in bytes of the file, from 0 to its size", async () => {
    const progress: UploadProgress[] = [];
    await postToGrant(grant, file, {
      transport: answering(204, "", (r) => r.onFileBytes?.(40)),
      onProgress: (p) => progress.push(p),
    });
    expect(progress).toEqual([
      { loaded: 0, total: 100 },
      { loaded: 40, total: 100 },
      { loaded: 100, total: 100 },
    ]);
  });

  it("throws S3's refusal as a transfer error with the XML parsed", async () => {
    const body = "<Error><Code>EntityTooLarge</Code><Message></Message><RequestId>tx9</RequestId></Error>";
    const error = await failure(postToGrant(grant, file, { transport: answering(400, body) }));
    expect(error).toBeInstanceOf(ValetUploadError);
    expect(error).toMatchObject({ stage: "transfer", code: "ENTITY_TOO_LARGE", status: 400, grantId: "g1", key: grant.key });
    expect(error.s3).toEqual({ Code: "EntityTooLarge", Message: "", RequestId: "tx9" });
  });

  it("calls an AccessDenied after the grant's expiry GRANT_EXPIRED", async () => {
    const expired = { ...grant, expiresAt: "2000-01-01T00:00:00Z" };
    const error = await failure(
      postToGrant(expired, file, { transport: answering(403, "<Error><Code>AccessDenied</Code></Error>") }),
    );
    expect(error.code).toBe("GRANT_EXPIRED");
  });

  it("does not send anything once the signal has fired", async () => {
    const transport = answering(204);
    const error = await failure(postToGrant(grant, file, { transport, signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ stage: "transfer", code: "ABORTED" });
    expect(transport.seen).toHaveLength(0);
  });
});

/** Just enough of XMLHttpRequest to drive xhrTransport by hand. */
class FakeXhr {
  static last: FakeXhr;
  status = 0;
  responseText = "";
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  opened?: [string, string];
  headers: Array<[string, string]> = [];
  sent?: FormData | Blob;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.opened = [method, url];
  }
  setRequestHeader(name: string, value: string) {
    this.headers.push([name, value]);
  }
  send(body: FormData | Blob) {
    this.sent = body;
  }
  abort() {
    this.onabort?.();
  }
}

describe("putToGrant", () => {
  const put = {
    id: "g2",
    key: grant.key,
    url: "http://s3.test/bucket/key?X-Amz-Signature=s",
    headers: [
      { name: "Content-Type", value: "image/png" },
      { name: "Content-Length", value: "100" },
      { name: "If-None-Match", value: "*" },
      { name: "Content-MD5", value: "q0==" },
    ],
    expiresAt: "2999-01-01T00:00:00Z",
  };

  it("PUTs the file itself with every header of the grant but Content-Length, which the body sets", async () => {
    const transport = answering(200);
    await putToGrant(put, file, { transport });
    expect(transport.seen[0]).toMatchObject({ method: "PUT", url: put.url, body: file, fileSize: 100 });
    expect(transport.seen[0].headers).toEqual(put.headers);
  });

  it("throws a 412 as PRECONDITION_FAILED and a refused digest as BAD_DIGEST", async () => {
    expect(await failure(putToGrant(put, file, { transport: answering(412) }))).toMatchObject({ code: "PRECONDITION_FAILED" });
    const digest = "<Error><Code>BadDigest</Code></Error>";
    expect(await failure(putToGrant(put, file, { transport: answering(400, digest) }))).toMatchObject({ code: "BAD_DIGEST" });
  });
});

describe("xhrTransport", () => {
  const form = new FormData();

  it("scales the body's progress to the file's bytes and answers S3's status and body", async () => {
    const seen: number[] = [];
    const pending = xhrTransport(FakeXhr)({
      method: "POST",
      body: form,
      url: "http://s3.test/b",
      fileSize: 1000,
      onFileBytes: (n) => seen.push(n),
    });
    const xhr = FakeXhr.last;
    expect(xhr.opened).toEqual(["POST", "http://s3.test/b"]);
    xhr.upload.onprogress?.({ loaded: 700, total: 1800, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 1300, total: 1800, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 1300, total: 0, lengthComputable: false });
    Object.assign(xhr, { status: 204, responseText: "" });
    xhr.onload?.();
    await expect(pending).resolves.toEqual({ status: 204, body: "" });
    expect(seen).toEqual([0, 500]);
  });

  it("sets the request's headers except Content-Length, which browsers refuse", async () => {
    const body = new Blob([new Uint8Array(10)]);
    const headers = [
      { name: "Content-Length", value: "10" },
      { name: "If-None-Match", value: "*" },
    ];
    void xhrTransport(FakeXhr)({ method: "PUT", url: "http://s3.test/b", body, headers, fileSize: 10 });
    expect(FakeXhr.last.opened).toEqual(["PUT", "http://s3.test/b"]);
    expect(FakeXhr.last.headers).toEqual([["If-None-Match", "*"]]);
    expect(FakeXhr.last.sent).toBe(body);
  });

  it("aborts the request when the signal fires", async () => {
    const controller = new AbortController();
    const pending = xhrTransport(FakeXhr)({
      method: "POST",
      body: form,
      url: "http://s3.test/b",
      fileSize: 10,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ stage: "transfer", code: "ABORTED" });
  });

  it("calls a request without an answer a NETWORK_ERROR", async () => {
    const pending = xhrTransport(FakeXhr)({
      method: "POST",
      body: form,
      url: "http://s3.test/b?X-Amz-Signature=secret",
      fileSize: 10,
    });
    FakeXhr.last.onerror?.();
    const error = await failure(pending);
    expect(error).toMatchObject({ stage: "transfer", code: "NETWORK_ERROR" });
    expect(error.message).not.toContain("secret");
  });
});
