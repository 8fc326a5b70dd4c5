import { codeForS3Answer, parseS3Error, snakeCode } from "./s3-answer.js";

const xml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?><Error>${inner}</Error>`;

describe("parseS3Error", () => {
  it("reads every element of an S3 error document", () => {
    const text = xml(
      "<Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message><BucketName>b</BucketName><RequestId>tx1</RequestId>",
    );
    expect(parseS3Error(text)).toEqual({
      Code: "EntityTooLarge",
      Message: "Your proposed upload exceeds the maximum allowed size",
      BucketName: "b",
      RequestId: "tx1",
    });
  });

  it("gives an empty Message where Ceph sends none", () => {
    expect(parseS3Error(xml("<Code>AccessDenied</Code><Message></Message>"))).toEqual({ Code: "AccessDenied", Message: "" });
    expect(parseS3Error(xml("<Code>AccessDenied</Code>"))).toEqual({ Code: "AccessDenied", Message: "" });
  });

  it("decodes XML entities", () => {
    expect(parseS3Error(xml("<Code>X</Code><Message>a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#x27;</Message>"))?.Message).toBe(
      `a & b <c> "d" 'e'`,
    );
  });

  test.each([
    ["an empty body", ""],
    ["an HTML error page", "<html><body>502 Bad Gateway</body></html>"],
    ["an Error without a Code", xml("<Message>no code</Message>")],
    ["JSON", '{"Code":"AccessDenied"}'],
  ])("answers null for %s", (_, text) => {
    expect(parseS3Error(text)).toBeNull();
  });
});

describe("codeForS3Answer", () => {
  const s3 = (Code: string, Message = "") => ({ Code, Message });
  const expiresAt = "2030-01-01T00:00:00Z";
  const before = Date.parse(expiresAt) - 1000;
  const after = Date.parse(expiresAt) + 1000;

  test.each([
    ["EntityTooLarge", 400, s3("EntityTooLarge"), before, "ENTITY_TOO_LARGE"],
    ["EntityTooSmall", 400, s3("EntityTooSmall"), before, "ENTITY_TOO_SMALL"],
    ["BadDigest", 400, s3("BadDigest"), before, "BAD_DIGEST"],
    ["AccessDenied before expiry", 403, s3("AccessDenied"), before, "ACCESS_DENIED"],
    ["AccessDenied after expiry (Ceph: no message)", 403, s3("AccessDenied"), after, "GRANT_EXPIRED"],
    [
      "AccessDenied saying the policy expired",
      403,
      s3("AccessDenied", "Invalid according to Policy: Policy expired."),
      before,
      "GRANT_EXPIRED",
    ],
    ["SignatureDoesNotMatch", 403, s3("SignatureDoesNotMatch"), before, "SIGNATURE_DOES_NOT_MATCH"],
    ["a 412 PreconditionFailed", 412, s3("PreconditionFailed"), before, "PRECONDITION_FAILED"],
    ["a bare 412", 412, null, before, "PRECONDITION_FAILED"],
    ["a bare 502", 502, null, before, "HTTP_502"],
  ])("maps %s to a stable code", (_, status, answer, now, code) => {
    expect(codeForS3Answer({ status, s3: answer, expiresAt, now })).toBe(code);
  });

  it("does not call an AccessDenied expired when the grant's expiry is unknown", () => {
    expect(codeForS3Answer({ status: 403, s3: s3("AccessDenied"), now: after })).toBe("ACCESS_DENIED");
  });
});

describe("snakeCode", () => {
  test.each([
    ["EntityTooLarge", "ENTITY_TOO_LARGE"],
    ["XAmzContentSHA256Mismatch", "X_AMZ_CONTENT_SHA256_MISMATCH"],
    ["NoSuchKey", "NO_SUCH_KEY"],
    ["SlowDown", "SLOW_DOWN"],
  ])("writes %s as %s", (code, snake) => {
    expect(snakeCode(code)).toBe(snake);
  });
});
