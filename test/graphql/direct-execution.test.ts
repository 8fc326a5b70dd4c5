import { createLogger } from "../../src/observability/logger";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";

// The direct lane must answer exactly as Apollo's pipeline does. Two apps side by side, one with
// the lane (the default) and one without (GRAPHQL_DIRECT_EXECUTION=false): every request is sent
// to both, twice (the first sight of a query text always goes through Apollo, which teaches the
// lane), and the second answers must match in status, content type and body, up to the values
// that differ between any two grants (ids, keys, signatures, times).
describe("direct execution answers as Apollo does", () => {
  let direct: InProcessApp;
  let apollo: InProcessApp;
  const lines: Array<Record<string, unknown>> = [];
  let alice: string;

  beforeAll(async () => {
    const logger = createLogger({
      level: "info",
      format: "json",
      destination: { write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    direct = await startInProcessApp(
      { NODE_ENV: "production", AUTH_JWT_SECRET: SECRET, GRANTS_PER_REQUEST_MAX: "2" },
      { logger },
    );
    apollo = await startInProcessApp({
      NODE_ENV: "production",
      AUTH_JWT_SECRET: SECRET,
      GRANTS_PER_REQUEST_MAX: "2",
      GRAPHQL_DIRECT_EXECUTION: "false",
    });
    alice = await tokenFor("alice", ["user"], { key: new TextEncoder().encode(SECRET) });
  });
  afterAll(() => Promise.all([direct?.close(), apollo?.close()]));

  interface Sent {
    body: unknown;
    token?: string;
    headers?: Record<string, string>;
  }
  const send = async (t: InProcessApp, { body, token, headers = {} }: Sent) => {
    const res = await fetch(t.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, contentType: res.headers.get("content-type"), body: normalise(await res.text()) };
  };
  /** The second answer of each app, and which lane answered the direct app's second request. */
  const both = async (request: Sent) => {
    await send(direct, request);
    await send(apollo, request);
    const ours = await send(direct, request);
    const lane = lines.filter((l) => l.message === "request").at(-1)?.lane;
    return { ours, theirs: await send(apollo, request), lane };
  };

  const cases: Array<[string, () => Sent, "direct" | "apollo"]> = [
    ["a query", () => ({ body: { query: "query Me { me { id roles } }" }, token: alice }), "direct"],
    ["an upload grant", () => ({ body: upload(avatarInput()), token: alice }), "direct"],
    ["a policy refusal (BAD_USER_INPUT)", () => ({ body: upload(avatarInput({ filename: ".." })), token: alice }), "direct"],
    ["a missing object (NOT_FOUND, data null)", () => ({ body: download("users/alice/none.png"), token: alice }), "direct"],
    ["no token (UNAUTHENTICATED)", () => ({ body: upload(avatarInput()) }), "direct"],
    ["a forged token", () => ({ body: { query: "{ me { id } }" }, token: `${alice.slice(0, -4)}AAAA` }), "direct"],
    [
      "two operations, one chosen by name",
      () => ({ body: { query: "query A { serverTime } query B { me { id } }", operationName: "B" }, token: alice }),
      "direct",
    ],
    [
      "an operation name the document lacks",
      () => ({ body: { query: "query A { serverTime } query B { me { id } }", operationName: "C" }, token: alice }),
      "apollo",
    ],
    [
      "Accept: application/graphql-response+json",
      () => ({ body: { query: "{ me { id } }" }, token: alice, headers: { accept: "application/graphql-response+json" } }),
      "direct",
    ],
    [
      "an Accept it cannot serve (406)",
      () => ({ body: { query: "{ me { id } }" }, token: alice, headers: { accept: "text/html" } }),
      "apollo",
    ],
    ["variables that do not coerce", () => ({ body: download(42), token: alice }), "apollo"],
    [
      "over the grant budget",
      () => ({ body: { query: threeDownloads, variables: { input: { key: "k" } } }, token: alice }),
      "apollo",
    ],
    ["a validation error", () => ({ body: { query: "{ serverTim }" }, token: alice }), "apollo"],
    [
      "extensions naming the client (no persisted query)",
      () => ({
        body: { query: "{ me { id } }", extensions: { clientLibrary: { name: "@apollo/client", version: "4.0.0" } } },
        token: alice,
      }),
      "direct",
    ],
    ["a persisted-query extension", () => ({ body: { query: "{ serverTime }", extensions: { persistedQuery: {} } } }), "apollo"],
    ["variables that are not an object", () => ({ body: { query: "{ serverTime }", variables: [1] } }), "apollo"],
  ];

  it.each(cases)("%s", async (_name, request, expectedLane) => {
    const { ours, theirs, lane } = await both(request());
    expect(ours).toEqual(theirs);
    expect(lane).toBe(expectedLane);
  });

  it("answers a query's first sight through Apollo and its second directly", async () => {
    const query = { query: "query FirstSight { serverTime }" };
    await send(direct, { body: query });
    expect(lines.filter((l) => l.message === "request").at(-1)?.lane).toBe("apollo");
    await send(direct, { body: query });
    expect(lines.filter((l) => l.message === "request").at(-1)?.lane).toBe("direct");
  });
});

const SECRET = "direct-execution-test-secret-0123456789abcdef";
const upload = (input: object) => ({
  query:
    "mutation Up($input: RequestUploadInput!) { requestUpload(input: $input) { __typename id key method ... on PostUploadGrant { url fields { name value } } size expiresIn } }",
  variables: { input },
});
const download = (key: unknown) => ({
  query: "mutation Down($input: RequestDownloadInput!) { requestDownload(input: $input) { id url expiresIn } }",
  variables: { input: { key } },
});
const threeDownloads =
  "mutation($input: RequestDownloadInput!) { a: requestDownload(input: $input) { url } b: requestDownload(input: $input) { url } c: requestDownload(input: $input) { url } }";

/** The answer with what differs between any two grants replaced: ids, keys, URLs' signatures and dates, times. */
function normalise(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>")
    .replace(/(X-Amz-(Signature|Date|Credential)=)[^&"]+/g, "$1<x>")
    .replace(
      /("(X-Amz-Signature|X-Amz-Date|X-Amz-Credential|Policy|x-amz-signature|x-amz-date|x-amz-credential|policy)","value":")[^"]+/g,
      "$1<x>",
    )
    .replace(/valet-test-[0-9a-f]{10}/g, "<bucket>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>");
}
