import {
  CompleteUploadDocument,
  RequestDownloadDocument,
  RequestDownloadsDocument,
  RequestUploadDocument,
} from "../../client/generated/graphql";
import { createLogger } from "../../src/observability/logger";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { asPost, pngBytes } from "../support/uploads";

// Every request of a realistic session, with the logger at debug writing into a buffer: grants
// carry live signatures, a failing S3 call carries a presigned URL and an Authorization header
// into the error log. No line may show any of them, and each request leaves one complete line.
describe("request logs", () => {
  const lines: string[] = [];
  const secrets: string[] = [];
  let t: InProcessApp;
  let alice: string;
  let requests = 0;

  const gql = ((...args: [string]) => {
    requests++;
    return t.gql(...args);
  }) as InProcessApp["gql"];
  const post = (body: string, headers: Record<string, string> = {}) => {
    requests++;
    return fetch(t.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  };
  const signatureOf = (url: string) => new URL(url).searchParams.get("X-Amz-Signature")!;
  const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const requestLines = () => parsed().filter((l) => l.message === "request");

  beforeAll(async () => {
    const logger = createLogger({ level: "debug", format: "json", destination: { write: (line) => lines.push(line) } });
    t = await startInProcessApp({}, { logger });
    alice = await tokenFor("alice");
    secrets.push(alice);

    const upload = (await gql(RequestUploadDocument, { input: avatarInput() }, alice)).data!.requestUpload;
    secrets.push(asPost(upload).fields.find((f) => f.name === "X-Amz-Signature")!.value);
    t.upload(upload, pngBytes(64));
    await gql(CompleteUploadDocument, { grantId: upload.id }, alice);
    const download = (await gql(RequestDownloadDocument, { input: { key: upload.key } }, alice)).data!.requestDownload;
    secrets.push(signatureOf(download.url));
    const batch = await gql(RequestDownloadsDocument, { keys: [upload.key, "uploads/nobody/none"] }, alice);
    secrets.push(signatureOf(batch.data!.requestDownloads[0]!.url));

    // An S3 failure whose error quotes a presigned URL and the request's Authorization header.
    const second = (await gql(RequestUploadDocument, { input: avatarInput() }, alice)).data!.requestUpload;
    const authorization = `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${"ab".repeat(32)}`;
    secrets.push("ab".repeat(32));
    t.storage.objects.head = async () => {
      throw Object.assign(new Error(`HEAD ${download.url} failed`), { $request: { headers: { authorization } } });
    };
    await gql(CompleteUploadDocument, { grantId: second.id }, alice);

    const forged = `${alice.slice(0, -4)}AAAA`;
    secrets.push(forged);
    await post(JSON.stringify({ query: "{ me { id } }" }), { authorization: `Bearer ${forged}`, "x-request-id": "trace-42" });
    await post("{not json");
    await new Promise((settled) => setTimeout(settled, 50)); // the last lines are written when the sockets close
  });
  afterAll(() => t.close());

  it("writes every line as one JSON object", () => {
    expect(lines.length).toBeGreaterThan(requests);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  });

  it("writes one line per request with its id, operation, viewer, outcome and duration", () => {
    const logged = requestLines();
    expect(logged).toHaveLength(requests);
    for (const line of logged) {
      expect(line).toEqual(
        expect.objectContaining({
          level: "info",
          requestId: expect.any(String),
          outcome: expect.stringMatching(/^(ok|error)$/),
          durationMs: expect.any(Number),
        }),
      );
    }
    expect(logged[0]).toMatchObject({
      operation: "RequestUpload",
      fields: "requestUpload",
      viewerId: "alice",
      outcome: "ok",
      status: 200,
    });
  });

  it("names the error codes of a partly failed answer", () => {
    expect(requestLines().find((l) => l.operation === "RequestDownloads")).toMatchObject({
      outcome: "error",
      errors: ["NOT_FOUND"],
    });
  });

  it("keeps the caller's request id, and logs a refused token as no viewer", async () => {
    expect(requestLines().find((l) => l.requestId === "trace-42")).toMatchObject({ viewerId: null, fields: "me" });
    const res = await fetch(t.url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "trace-43" },
      body: '{"query":"{ serverTime }"}',
    });
    expect(res.headers.get("x-request-id")).toBe("trace-43");
  });

  it("logs a request that failed before GraphQL with its status", () => {
    expect(requestLines().find((l) => l.status === 400)).toMatchObject({
      outcome: "error",
      path: "/graphql",
      requestId: expect.any(String),
    });
  });

  it("logs the masked error with the presigned URL's signature and the Authorization header redacted", () => {
    const failure = parsed().find((l) => l.message === "unexpected error");
    expect(JSON.stringify(failure)).toContain("X-Amz-Signature=[REDACTED]");
    expect(JSON.stringify(failure)).toContain('"authorization":"[REDACTED]"');
  });

  it("shows no signature or token in any line", () => {
    expect(secrets).toHaveLength(6);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(20);
      for (const line of lines) expect(line).not.toContain(secret);
    }
  });
});
