import { ValetError, ValetUploadError } from "./errors.js";
import { memoryResumeStore, resumeKey, type ResumeStore } from "./resume-store.js";
import type { Transport, TransportRequest } from "./transport.js";
import type { UploadGrant } from "./types.js";
import type { ProfileName } from "./profile-name.js";
import { uploadFile, type GrantInput, type UploadDeps } from "./upload.js";

const profile = {
  name: "media",
  description: "",
  contentTypes: ["image/png"],
  maxBytes: 1e9,
  defaultExpiresIn: 300,
  maxExpiresIn: 3600,
};
// A profile of the fake server below, not of the profiles file.
const media = "media" as ProfileName;
const LATER = "2999-01-01T00:00:00Z";
const file = new File([new Uint8Array(2500)], "film.png", { type: "image/png", lastModified: 1700000000000 });
const keyOf = () => resumeKey({ profile: "media", name: "film.png", size: 2500, lastModified: 1700000000000 });
const partOf = (url: string) => Number(new URL(url).searchParams.get("partNumber"));

const grantBase = (id: string) => ({ id, key: `k-${id}`, contentType: "image/png", size: 2500, expiresAt: LATER });

function multipartGrant(id: string): UploadGrant {
  return { __typename: "MultipartUploadGrant", ...grantBase(id), method: "MULTIPART", partSize: 1024, partCount: 3, parts: [] };
}

const putGrant = (id: string, url = "http://s3.test/k?grant=PUT") =>
  ({
    __typename: "PutUploadGrant",
    ...grantBase(id),
    method: "PUT",
    url,
    headers: [{ name: "If-None-Match", value: "*" }],
  }) satisfies UploadGrant;

const postGrant = (id: string) =>
  ({
    __typename: "PostUploadGrant",
    ...grantBase(id),
    method: "POST",
    url: "http://s3.test/k?grant=POST",
    fields: [{ name: "key", value: "k" }],
  }) satisfies UploadGrant;

/** A fake Valet and S3: grants as asked, parts held per grant, every call recorded. */
function fakeValet(store: ResumeStore = memoryResumeStore(), grants: UploadGrant[] = [multipartGrant("g1")]) {
  const calls: string[] = [];
  const inputs: GrantInput[] = [];
  const held = new Map<string, Map<number, number>>();
  const sent: TransportRequest[] = [];
  let onSend: (req: TransportRequest) => void = () => undefined;
  const transport: Transport = async (req) => {
    sent.push(req);
    onSend(req);
    if (req.signal?.aborted) throw new ValetUploadError("transfer", "ABORTED", "aborted");
    const grantId = new URL(req.url).searchParams.get("grant")!;
    if (req.method === "PUT" && req.url.includes("partNumber")) {
      const parts = held.get(grantId) ?? new Map<number, number>();
      parts.set(partOf(req.url), req.fileSize);
      held.set(grantId, parts);
    }
    return { status: 200, body: "" };
  };
  const deps: UploadDeps = {
    store,
    transport,
    profiles: async () => [profile],
    requestGrant: async (input) => (calls.push("requestGrant"), inputs.push(input), grants.shift()!),
    signParts: (grantId) => async (partNumbers) =>
      partNumbers.map((n) => ({
        partNumber: n,
        size: n < 3 ? 1024 : 452,
        url: `http://s3.test/k?grant=${grantId}&partNumber=${n}`,
        expiresAt: LATER,
        headers: [],
      })),
    uploadedParts: async (grantId) => {
      calls.push(`uploadedParts ${grantId}`);
      if (!held.has(grantId) && grantId.startsWith("gone")) throw new ValetError("NOT_FOUND", "no upload grant");
      return [...(held.get(grantId) ?? new Map<number, number>())].map(([partNumber, size]) => ({ partNumber, size }));
    },
    complete: async (grant) => (calls.push(`complete ${grant.id}`), { key: grant.key, state: "AVAILABLE" }) as never,
    discardUpload: async (grant) => void calls.push(`discard ${grant.id}`),
  };
  return { deps, calls, inputs, sent, held, setOnSend: (f: typeof onSend) => (onSend = f) };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => Promise.reject(new Error("expected a failure")),
    (e: unknown) => e as ValetUploadError,
  );

describe("uploadFile: methods", () => {
  it("leaves the method to the server when none is given, and sends a PUT grant with its headers", async () => {
    const put = putGrant("p1", "http://s3.test/k?grant=p1");
    const v = fakeValet(memoryResumeStore(), [put]);
    await uploadFile(v.deps, file, { profile: media });
    expect(v.inputs[0]).not.toHaveProperty("method", expect.anything());
    expect(v.sent.map((r) => [r.method, r.body, r.headers])).toEqual([["PUT", file, put.headers]]);
    expect(v.calls).toEqual(["requestGrant", "complete p1"]);
  });

  it("asks for the method given", async () => {
    const v = fakeValet();
    await uploadFile(v.deps, file, { profile: media, method: "MULTIPART" });
    expect(v.inputs[0].method).toBe("MULTIPART");
    expect(v.sent.map((r) => partOf(r.url)).sort()).toEqual([1, 2, 3]);
  });
});

describe("uploadFile: a whole-file POST or PUT is retried", () => {
  const fast = { baseDelayMs: 1, maxDelayMs: 2 };
  const single = (method: "POST" | "PUT"): UploadGrant => (method === "PUT" ? putGrant("p1") : postGrant("f1"));
  /** S3's answers to the upload's requests, in order; "offline" is no answer at all. */
  function answering(method: "POST" | "PUT", answers: Array<number | "offline">) {
    const v = fakeValet(memoryResumeStore(), [single(method)]);
    const transport = v.deps.transport!;
    v.deps.transport = async (req) => {
      const answer = answers.shift() ?? 200;
      if (answer === "offline") {
        await transport(req); // recorded as sent
        throw new ValetUploadError("transfer", "NETWORK_ERROR", "offline");
      }
      return answer === 200 ? transport(req) : (await transport(req), { status: answer, body: "" });
    };
    return v;
  }

  it.each(["POST", "PUT"] as const)("sends a %s again after a network error or a 5xx, and completes", async (method) => {
    const v = answering(method, ["offline", 503]);
    const progress: number[] = [];
    await uploadFile(v.deps, file, { profile: media, retry: fast, onProgress: (p) => progress.push(p.loaded) });
    expect(v.sent.map((r) => r.method)).toEqual([method, method, method]);
    expect(v.calls).toEqual(["requestGrant", `complete ${method === "PUT" ? "p1" : "f1"}`]);
    expect(progress.filter((loaded) => loaded === 0)).toHaveLength(3); // each attempt starts from 0
    expect(progress.at(-1)).toBe(file.size);
  });

  it("takes a create-only PUT's 412 on a retry as the lost answer of an attempt that landed", async () => {
    const v = answering("PUT", ["offline", 412]);
    await uploadFile(v.deps, file, { profile: media, retry: fast });
    expect(v.sent).toHaveLength(2);
    expect(v.calls).toEqual(["requestGrant", "complete p1"]);
  });

  it.each([
    ["a 412 on the first attempt", "PUT", [412], 1, "PRECONDITION_FAILED"],
    ["a 403", "POST", [403], 1, "HTTP_403"],
    ["5xx once the retries are spent", "POST", [503, 503, 503], 3, "HTTP_503"],
  ] as const)("fails on %s, and discards the upload", async (_label, method, answers, attempts, code) => {
    const v = answering(method, [...answers]);
    const error = await failure(uploadFile(v.deps, file, { profile: media, retry: { ...fast, retries: 2 } }));
    expect(error).toMatchObject({ stage: "transfer", code });
    expect(v.sent).toHaveLength(attempts);
    expect(v.calls).toEqual(["requestGrant", `discard ${method === "PUT" ? "p1" : "f1"}`]);
  });
});

describe("uploadFile: the resume rule", () => {
  /** Starts an upload and aborts it once `parts` part requests went out (those complete, the rest are refused). */
  async function interrupted(v: ReturnType<typeof fakeValet>, options: { resume: boolean }, parts = 2) {
    const controller = new AbortController();
    v.setOnSend(() => v.sent.length === parts && controller.abort());
    const error = await failure(uploadFile(v.deps, file, { profile: media, parallel: 1, signal: controller.signal, ...options }));
    v.setOnSend(() => undefined);
    return error;
  }

  it("keeps an aborted resumable upload, and resumes it sending only the parts S3 lacks", async () => {
    const store = memoryResumeStore();
    const v = fakeValet(store);
    expect(await interrupted(v, { resume: true })).toMatchObject({ code: "ABORTED" });
    expect(v.calls).toEqual(["requestGrant"]);
    expect(await store.get(keyOf())).toMatchObject({ grantId: "g1", partSize: 1024, partCount: 3 });

    const before = v.sent.length;
    const object = await uploadFile(v.deps, file, { profile: media, resume: true });
    expect(object).toMatchObject({ state: "AVAILABLE" });
    expect(v.calls).toEqual(["requestGrant", "uploadedParts g1", "complete g1"]);
    expect(v.sent.slice(before).map((r) => partOf(r.url))).toEqual([2, 3]);
    expect(await store.get(keyOf())).toBeFalsy();
  });

  it("aborts an interrupted upload at the server when resume is off", async () => {
    const store = memoryResumeStore();
    const v = fakeValet(store);
    expect(await interrupted(v, { resume: false })).toMatchObject({ code: "ABORTED" });
    expect(v.calls).toEqual(["requestGrant", "discard g1"]);
    expect(await store.get(keyOf())).toBeFalsy();
  });

  it("aborts and forgets a resumable upload that S3 refused (not an interruption)", async () => {
    const store = memoryResumeStore();
    const v = fakeValet(store);
    v.deps.transport = async () => ({ status: 403, body: "<Error><Code>SignatureDoesNotMatch</Code></Error>" });
    expect(await failure(uploadFile(v.deps, file, { profile: media, resume: true }))).toMatchObject({
      code: "SIGNATURE_DOES_NOT_MATCH",
    });
    expect(v.calls).toEqual(["requestGrant", "discard g1"]);
    expect(await store.get(keyOf())).toBeFalsy();
  });

  it("starts over cleanly when the recorded grant is gone", async () => {
    const store = memoryResumeStore();
    await store.set(keyOf(), { grantId: "gone1", key: "k-gone1", partSize: 1024, partCount: 3, expiresAt: LATER });
    const v = fakeValet(store);
    await uploadFile(v.deps, file, { profile: media, resume: true });
    expect(v.calls).toEqual(["uploadedParts gone1", "discard gone1", "requestGrant", "complete g1"]);
  });

  test.each([
    ["is about to expire", { expiresAt: new Date(Date.now() + 5_000).toISOString() }],
    ["was split for another file", { partSize: 100 }],
  ])("starts over without asking S3 when the recorded grant %s", async (_, change) => {
    const store = memoryResumeStore();
    await store.set(keyOf(), { grantId: "old", key: "k-old", partSize: 1024, partCount: 3, expiresAt: LATER, ...change });
    const v = fakeValet(store);
    await uploadFile(v.deps, file, { profile: media, resume: true });
    expect(v.calls).toEqual(["discard old", "requestGrant", "complete g1"]);
  });

  it("keeps the record when the server cannot be reached to resume", async () => {
    const store = memoryResumeStore();
    await store.set(keyOf(), { grantId: "g0", key: "k-g0", partSize: 1024, partCount: 3, expiresAt: LATER });
    const v = fakeValet(store);
    v.deps.uploadedParts = async () => Promise.reject(new ValetError("NETWORK_ERROR", "offline"));
    expect(await failure(uploadFile(v.deps, file, { profile: media, resume: true }))).toMatchObject({
      stage: "grant",
      code: "NETWORK_ERROR",
    });
    expect(await store.get(keyOf())).toMatchObject({ grantId: "g0" });
  });
});
