import { startLanePair, type LanePair, type Sent } from "../support/lane-differential";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";

// The direct lane must answer exactly as Apollo's pipeline does. Two apps side by side, one with
// the lane (the default) and one without (GRAPHQL_DIRECT_EXECUTION=false): every request is sent
// to both, twice (the first sight of a query text always goes through Apollo, which teaches the
// lane), and the second answers must match in status, headers and body, up to the values that
// differ between any two grants (ids, keys, signatures, times).
describe("direct execution answers as Apollo does", () => {
  let pair: LanePair;
  let alice: string;

  beforeAll(async () => {
    pair = await startLanePair({ NODE_ENV: "production", AUTH_JWT_SECRET: SECRET, GRANTS_PER_REQUEST_MAX: "2" });
    alice = await tokenFor("alice", ["user"], { key: new TextEncoder().encode(SECRET) });
  });
  afterAll(() => pair?.close());

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
    const { ours, theirs, lane } = await pair.both(request());
    expect(ours).toEqual(theirs);
    expect(lane).toBe(expectedLane);
  });

  it("answers a query's first sight through Apollo and its second directly", async () => {
    const query = { query: "query FirstSight { serverTime }" };
    await pair.send(pair.direct, { body: query });
    expect(pair.lastLane()).toBe("apollo");
    await pair.send(pair.direct, { body: query });
    expect(pair.lastLane()).toBe("direct");
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
