import {
  AbortUploadDocument,
  CompleteUploadDocument,
  RequestMultipartUploadDocument,
  RequestUploadDocument,
  RevokeGrantDocument,
  SignUploadPartsDocument,
  UploadedPartsDocument,
} from "../../client/generated/graphql";
import { runReaper } from "../../src/objects/reaper";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { asMultipart, pngBytes } from "../support/uploads";

// Multipart grants in process: the GraphQL contract, authorization and the registry. What S3
// enforces on part URLs (sizes, part numbers, expiry) is tested on the RGW (test/e2e/multipart).
describe("multipart uploads", () => {
  let t: InProcessApp;
  let alice: string;
  let bob: string;
  let admin: string;
  const SIZE = 2500; // parts of 1024, 1024, 452 with MULTIPART_MIN_PART_SIZE=1024
  const file = pngBytes(SIZE);

  beforeAll(async () => {
    t = await startInProcessApp({ MULTIPART_MIN_PART_SIZE: "1024" });
    [alice, bob, admin] = await Promise.all([tokenFor("alice"), tokenFor("bob"), tokenFor("root", ["admin"])]);
  });
  afterAll(() => t.close());

  async function grant(first = 100, input: Record<string, unknown> = {}) {
    const res = await t.gql(
      RequestMultipartUploadDocument,
      { input: avatarInput({ method: "MULTIPART", size: SIZE, ...input }), first },
      alice,
    );
    expect(res.errors).toBeUndefined();
    return asMultipart(res.data!.requestUpload);
  }
  const uploadIdOf = (url: string) => new URL(url).searchParams.get("uploadId")!;
  function sendParts(g: Awaited<ReturnType<typeof grant>>, numbers: number[], bytes = file) {
    const uploadId = uploadIdOf(g.parts[0].url);
    for (const n of numbers) t.storage.multipart.uploadPart(uploadId, n, bytes.slice((n - 1) * 1024, n * 1024));
    return uploadId;
  }
  const complete = (grantId: string, token = alice) => t.gql(CompleteUploadDocument, { grantId }, token);

  it("plans the parts and signs each URL for its part number and exact size", async () => {
    const g = await grant();
    expect(g).toMatchObject({ method: "MULTIPART", partSize: 1024, partCount: 3, size: SIZE });
    expect(g.parts.map((p) => [p.partNumber, p.size])).toEqual([
      [1, 1024],
      [2, 1024],
      [3, 452],
    ]);
    for (const p of g.parts) {
      const url = new URL(p.url);
      expect(url.searchParams.get("partNumber")).toBe(String(p.partNumber));
      expect(url.searchParams.get("X-Amz-SignedHeaders")).toBe("content-length;host");
      expect(p.headers).toEqual([{ name: "Content-Length", value: String(p.size) }]);
      expect(p.expiresAt).toBe(g.expiresAt);
    }
  });

  it("signs only the first parts asked for, and no parts for a POST", async () => {
    expect((await grant(2)).parts.map((p) => p.partNumber)).toEqual([1, 2]);
    const post = dataOf(await t.gql(RequestMultipartUploadDocument, { input: avatarInput({ method: "POST" }) }, alice));
    expect(post.requestUpload).toMatchObject({ __typename: "PostUploadGrant", method: "POST" });
    for (const multipartOnly of ["parts", "partSize", "partCount"]) expect(post.requestUpload).not.toHaveProperty(multipartOnly);
  });

  it("counts parts(first) in the request's grant budget", async () => {
    const res = await t.gql(
      RequestMultipartUploadDocument,
      { input: avatarInput({ method: "MULTIPART", size: SIZE }), first: 1000 },
      alice,
    );
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "REQUEST_TOO_LARGE", requested: 1001 } });
  });

  it("completes exactly the planned parts into an AVAILABLE object", async () => {
    const g = await grant();
    sendParts(g, [1, 2, 3]);
    expect((await complete(g.id)).data?.completeUpload).toMatchObject({ state: "AVAILABLE", size: SIZE });
    expect(t.storage.versions(g.key)).toBe(1);
  });

  it("answers UPLOAD_INCOMPLETE for a missing part, names it, and leaves the upload PENDING", async () => {
    const g = await grant();
    const uploadId = sendParts(g, [1, 3]);
    const res = await complete(g.id);
    expect(res.errors?.[0]).toMatchObject({
      extensions: { code: "UPLOAD_INCOMPLETE", missingParts: [2] },
      message: expect.stringMatching(/parts missing: 2/),
    });
    expect(t.storage.multipart.isOpen(uploadId)).toBe(true);
    expect(t.storage.has(g.key)).toBe(false);
    sendParts(g, [2]);
    expect((await complete(g.id)).data?.completeUpload.state).toBe("AVAILABLE");
  });

  it("answers UPLOAD_INCOMPLETE for a part of the wrong size, which can be uploaded again", async () => {
    const g = await grant();
    const uploadId = sendParts(g, [1, 2]);
    t.storage.multipart.uploadPart(uploadId, 3, file.slice(2048)); // 452 bytes planned
    t.storage.multipart.uploadPart(uploadId, 2, file.slice(1024, 2047)); // one byte short
    const res = await complete(g.id);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "UPLOAD_INCOMPLETE", wrongSizeParts: [2] } });
    t.storage.multipart.uploadPart(uploadId, 2, file.slice(1024, 2048));
    expect((await complete(g.id)).data?.completeUpload.state).toBe("AVAILABLE");
  });

  it("answers BAD_USER_INPUT for a part beyond the plan, which no grant's URL can write", async () => {
    const g = await grant();
    const uploadId = sendParts(g, [1, 2, 3]);
    t.storage.multipart.uploadPart(uploadId, 4, file.slice(0, 10));
    const res = await complete(g.id);
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", unexpectedParts: [4] } });
  });

  it("rejects and deletes a multipart file whose first bytes are not its type", async () => {
    const g = await grant();
    sendParts(g, [1, 2, 3], new TextEncoder().encode("<html>".padEnd(SIZE, " ")));
    const res = await complete(g.id);
    expect(res.errors).toBeUndefined();
    expect(res.data?.completeUpload).toMatchObject({
      state: "REJECTED",
      rejectReason: expect.stringMatching(/text\/html|not image/),
    });
    expect(t.storage.has(g.key)).toBe(false);
  });

  describe("signUploadParts", () => {
    const sign = (grantId: string, partNumbers: number[], token = alice, extra: Record<string, unknown> = {}) =>
      t.gql(SignUploadPartsDocument, { grantId, partNumbers, ...extra }, token);

    it("signs the parts asked for, for the grant's owner", async () => {
      const g = await grant(0);
      const res = await sign(g.id, [3, 1]);
      expect(res.data!.signUploadParts.map((p) => [p.partNumber, p.size])).toEqual([
        [3, 452],
        [1, 1024],
      ]);
    });

    it("is NOT_FOUND for another viewer's grant", async () => {
      const g = await grant(0);
      expect((await sign(g.id, [1], bob)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    });

    it("signs each part's MD5 when given, and refuses a list of the wrong length", async () => {
      const g = await grant(0);
      const md5 = "XrY7u+Ae7tCTyyK7j1rNww==";
      const res = await sign(g.id, [1], alice, { md5s: [md5] });
      expect(res.data!.signUploadParts[0].headers).toEqual([
        { name: "Content-Length", value: "1024" },
        { name: "Content-MD5", value: md5 },
      ]);
      expect(new URL(res.data!.signUploadParts[0].url).searchParams.get("X-Amz-SignedHeaders")).toBe(
        "content-length;content-md5;host",
      );
      expect((await sign(g.id, [1, 2], alice, { md5s: [md5] })).errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "md5s",
      });
    });

    it("expires URLs no later than the grant, sooner when asked", async () => {
      const g = await grant(0, { expiresIn: 600 });
      const [late] = (await sign(g.id, [1], alice, { expiresIn: 86_400 })).data!.signUploadParts;
      expect(late.expiresAt).toBe(g.expiresAt);
      const [soon] = (await sign(g.id, [1], alice, { expiresIn: 5 })).data!.signUploadParts;
      expect(new URL(soon.url).searchParams.get("X-Amz-Expires")).toBe("5");
    });

    it("refuses once the grant has expired", async () => {
      const g = await grant(0, { expiresIn: 60 });
      const now = t.app.services.now;
      t.app.services.now = () => new Date(Date.now() + 61_000);
      try {
        expect((await sign(g.id, [1])).errors?.[0]).toMatchObject({
          extensions: { code: "BAD_USER_INPUT" },
          message: expect.stringMatching(/expired/),
        });
      } finally {
        t.app.services.now = now;
      }
      expect((await sign(g.id, [1])).data?.signUploadParts).toHaveLength(1);
    });

    it("signs until the grant's last whole second, and not from its end on", async () => {
      const g = await grant(0, { expiresIn: 60 });
      const now = t.app.services.now;
      try {
        t.app.services.now = () => new Date(Date.parse(g.expiresAt) - 1000);
        const [last] = dataOf(await sign(g.id, [1])).signUploadParts;
        expect(new URL(last.url).searchParams.get("X-Amz-Expires")).toBe("1");
        t.app.services.now = () => new Date(Date.parse(g.expiresAt));
        expect((await sign(g.id, [1])).errors?.[0]).toMatchObject({
          extensions: { code: "BAD_USER_INPUT", field: "grantId" },
          message: "this upload grant has expired: request a new one",
        });
      } finally {
        t.app.services.now = now;
      }
    });

    test.each([
      ["a part number beyond the plan", [4], {}, "partNumbers", /part 4 does not exist/],
      ["part number 0", [0], {}, "partNumbers", /part 0 does not exist/],
      ["a part number twice", [1, 1], {}, "partNumbers", /listed twice/],
      ["md5s of another length", [1, 2], { md5s: ["XrY7u+Ae7tCTyyK7j1rNww=="] }, "md5s", /one digest per part number/],
      ["an md5 that is not a base64 MD5", [1], { md5s: ["not-an-md5"] }, "md5s", /base64 MD5/],
    ])("refuses %s", async (_label, numbers, extra, field, message) => {
      const g = await grant(0);
      expect((await sign(g.id, numbers, alice, extra)).errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT", field },
        message: expect.stringMatching(message),
      });
    });

    it("signs 1000 parts in one call", async () => {
      const g = await grant(0, { size: 1024 * 1000 });
      const res = await sign(
        g.id,
        Array.from({ length: 1000 }, (_, i) => i + 1),
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.signUploadParts).toHaveLength(1000);
    });

    it("refuses more than 1000 parts before anything runs", async () => {
      const g = await grant(0);
      const res = await sign(
        g.id,
        Array.from({ length: 1001 }, (_, i) => i + 1),
      );
      expect(res.errors?.[0]?.extensions?.code).toBe("REQUEST_TOO_LARGE");
    });

    it("refuses a POST grant and a completed upload", async () => {
      const post = (await t.gql(RequestUploadDocument, { input: avatarInput({ method: "POST" }) }, alice)).data!.requestUpload;
      expect((await sign(post.id, [1])).errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT", field: "grantId" },
        message: "this is a POST upload, not a multipart upload",
      });
      const g = await grant();
      sendParts(g, [1, 2, 3]);
      await complete(g.id);
      expect((await sign(g.id, [1])).errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT", field: "grantId" },
        message: "this upload is AVAILABLE, not PENDING",
      });
    });

    it("refuses a revoked grant with FORBIDDEN, though its upload is no longer PENDING either", async () => {
      const g = await grant(0);
      dataOf(await t.gql(RevokeGrantDocument, { id: g.id }, admin));
      for (const res of [await sign(g.id, [1]), await t.gql(UploadedPartsDocument, { grantId: g.id }, alice)]) {
        expect(res.errors?.[0]).toMatchObject({ extensions: { code: "FORBIDDEN" }, message: "this upload grant was revoked" });
      }
    });
  });

  describe("uploadedParts", () => {
    it("lists what S3 holds, for the grant's owner", async () => {
      const g = await grant();
      sendParts(g, [1, 3]);
      const res = await t.gql(UploadedPartsDocument, { grantId: g.id }, alice);
      expect(res.data!.uploadedParts.map((p) => [p.partNumber, p.size])).toEqual([
        [1, 1024],
        [3, 452],
      ]);
      expect(res.data!.uploadedParts[0].etag).toMatch(/^"[0-9a-f]{32}"$/);
    });

    it("is NOT_FOUND for another viewer's grant", async () => {
      const g = await grant();
      expect((await t.gql(UploadedPartsDocument, { grantId: g.id }, bob)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    });

    it("says so when S3 no longer holds the upload", async () => {
      const g = await grant();
      await t.storage.multipart.abort(g.key, uploadIdOf(g.parts[0].url));
      expect((await t.gql(UploadedPartsDocument, { grantId: g.id }, alice)).errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT", field: "grantId" },
        message: expect.stringMatching(/^S3 no longer holds this multipart upload/),
      });
    });
  });

  describe("completeUpload and abortUpload", () => {
    it("completeUpload is NOT_FOUND for another viewer's multipart grant", async () => {
      const g = await grant();
      sendParts(g, [1, 2, 3]);
      expect((await complete(g.id, bob)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect((await complete(g.id)).data?.completeUpload.state).toBe("AVAILABLE");
    });

    it("abortUpload discards the multipart upload and marks the object ABORTED; twice is harmless", async () => {
      const g = await grant();
      const uploadId = sendParts(g, [1]);
      expect((await t.gql(AbortUploadDocument, { grantId: g.id }, alice)).data?.abortUpload).toMatchObject({
        key: g.key,
        state: "ABORTED",
      });
      expect(t.storage.multipart.isOpen(uploadId)).toBe(false);
      expect((await t.gql(AbortUploadDocument, { grantId: g.id }, alice)).data?.abortUpload.state).toBe("ABORTED");
      expect((await complete(g.id)).errors?.[0]?.message).toMatch(/aborted/);
    });

    it("abortUpload is NOT_FOUND for another viewer's grant, and leaves it alone", async () => {
      const g = await grant();
      const uploadId = sendParts(g, [1]);
      expect((await t.gql(AbortUploadDocument, { grantId: g.id }, bob)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(t.storage.multipart.isOpen(uploadId)).toBe(true);
    });

    it("abortUpload removes what a POST wrote", async () => {
      const g = (await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).data!.requestUpload;
      t.upload(g, pngBytes(64));
      expect((await t.gql(AbortUploadDocument, { grantId: g.id }, alice)).data?.abortUpload.state).toBe("ABORTED");
      expect(t.storage.has(g.key)).toBe(false);
    });

    it("abortUpload refuses an upload that is already AVAILABLE", async () => {
      const g = await grant();
      sendParts(g, [1, 2, 3]);
      await complete(g.id);
      const res = await t.gql(AbortUploadDocument, { grantId: g.id }, alice);
      expect(res.errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT" },
        message: expect.stringMatching(/AVAILABLE/),
      });
      expect(t.storage.has(g.key)).toBe(true);
    });

    it("revoking a multipart grant aborts its upload", async () => {
      const g = await grant();
      const uploadId = sendParts(g, [1]);
      await t.gql(RevokeGrantDocument, { id: g.id }, admin);
      expect(t.storage.multipart.isOpen(uploadId)).toBe(false);
    });
  });

  describe("the reaper", () => {
    const later = (seconds: number) => ({ ...t.app.services, now: () => new Date(Date.now() + seconds * 1000) });

    it("aborts the multipart upload of an expired PENDING grant", async () => {
      const g = await grant(100, { expiresIn: 60 });
      const uploadId = sendParts(g, [1]);
      const { reaped } = await runReaper(later(60 + t.config.reaper.graceSeconds + 1));
      expect(reaped).toContain(g.key);
      expect(t.storage.multipart.isOpen(uploadId)).toBe(false);
    });

    it("aborts an open multipart upload no grant accounts for once it is older than the longest grant", async () => {
      const orphan = await t.storage.multipart.create("users/alice/avatar/orphan.png", { contentType: "image/png" });
      const g = await grant(100, { expiresIn: 3600 });
      const pending = uploadIdOf(g.parts[0].url);
      const longest = Math.max(...[...t.config.profiles.values()].map((p) => p.maxExpiresIn));
      // Late enough for the orphan, yet the PENDING grant's own upload is left to the abandoned-upload reaper.
      const services = later(longest + t.config.reaper.graceSeconds + 1);
      await t.app.services.store.writeMark("strays", new Date(Date.now() + 86_400_000 * 30)); // keep the stray sweep out of it
      const { staleMultipart } = await runReaper({ ...services, store: { ...services.store, claimReapable: async () => [] } });
      expect(staleMultipart).toBeGreaterThanOrEqual(1);
      expect(t.storage.multipart.isOpen(orphan)).toBe(false);
      expect(t.storage.multipart.isOpen(pending)).toBe(true);
    });
  });
});
