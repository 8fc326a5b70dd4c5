import { redactSecrets } from "./redact";

const SIG = "0123456789abcdef".repeat(4);
const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVl";

describe("redactSecrets", () => {
  test.each([
    [
      "a presigned URL's signature",
      `{"url":"https://s3/b/k?X-Amz-Date=20250101T000000Z&X-Amz-Signature=${SIG}&x=1"}`,
      "X-Amz-Signature=[REDACTED]&x=1",
    ],
    [
      "a session token in a URL",
      `{"message":"GET /k?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEKz%2F&X-Amz-Signature=${SIG}"}`,
      "X-Amz-Security-Token=[REDACTED]&",
    ],
    [
      "a presigned POST's signature field",
      `{"fields":[{"name":"X-Amz-Signature","value":"${SIG}"}]}`,
      '{"name":"X-Amz-Signature","value":"[REDACTED]"}',
    ],
    [
      "an authorization header",
      `{"headers":{"authorization":"AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/s3/aws4_request, Signature=${SIG}"}}`,
      '"authorization":"[REDACTED]"',
    ],
    [
      "a token in a URL's query (the S3 events push endpoint)",
      `{"message":"push to http://127.0.0.1:4000/s3-events?token=valet-s3-events-secret-value&x=1 failed"}`,
      "/s3-events?token=[REDACTED]&x=1 failed",
    ],
    ["a bearer token in a message", `{"message":"refused Bearer ${JWT}, try again"}`, "refused Bearer [REDACTED], try again"],
    ["a JWT anywhere", `{"detail":"token was ${JWT}."}`, "token was [REDACTED]."],
    [
      "a key named like a secret",
      `{"secretAccessKey":"wJalrXUtnFEMI/K7MDENG","sessionToken":"FQoGZXIvYXdzE"}`,
      '{"secretAccessKey":"[REDACTED]","sessionToken":"[REDACTED]"}',
    ],
    [
      "a signature S3 quotes in an error",
      `{"err":{"message":"<SignatureProvided>${SIG}</SignatureProvided>"}}`,
      "<SignatureProvided>[REDACTED]</SignatureProvided>",
    ],
  ])("hides %s", (_what, line, expected) => {
    const out = redactSecrets(line);
    expect(out).toContain(expected);
    expect(out).not.toContain(SIG);
    expect(out).not.toContain(JWT);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  test.each([
    ["request ids and grant ids", '{"requestId":"7f1c2a90-4b1e-4c7e-9a55-1f0e2d3c4b5a","id":"01J9ZQ4M5N6P7Q8R9S0T1V2W3X"}'],
    ["object keys and counts", '{"key":"uploads/alice/7f1c2a90/me.png","maxTokens":3000,"durationMs":1.25}'],
    ["an ETag (32 hex digits)", '{"etag":"\\"9e107d9d372bb6826bd81d3542a419d6\\""}'],
  ])("leaves %s alone", (_what, line) => {
    expect(redactSecrets(line)).toBe(line);
  });
});
