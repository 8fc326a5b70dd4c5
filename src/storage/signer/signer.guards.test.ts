import { createSigner } from "./signer";
import type { SignerConfig } from "./signer";

const config: SignerConfig = {
  endpoint: "http://127.0.0.1:7480",
  region: "default",
  bucket: "valet",
  forcePathStyle: true,
  credentials: { accessKeyId: "AKIDVALET", secretAccessKey: "valet-secret", sessionToken: "tok/en+=" },
};
const signer = createSigner(config);
const now = new Date("2024-06-01T12:00:00Z");
const post = { key: "k", expiresIn: 60, now, contentType: "a/b", contentLengthRange: [0, 1] as [number, number] };
/** Callers outside TypeScript's reach (JSON, any) can pass anything; the guards must still hold. */
const untyped = <T>(value: unknown) => value as T;

describe("signer input guards", () => {
  const calls = {
    presignGet: (expiresIn: number) => signer.presignGet({ key: "k", expiresIn, now }),
    presignPut: (expiresIn: number) => signer.presignPut({ key: "k", expiresIn, now, contentType: "a/b" }),
    presignPost: (expiresIn: number) => signer.presignPost({ ...post, expiresIn }),
  };

  it.each(Object.keys(calls))("%s accepts expiresIn 1 and 604800", (name) => {
    const call = calls[name as keyof typeof calls];
    expect(() => call(1)).not.toThrow();
    expect(() => call(604800)).not.toThrow();
  });

  it.each(Object.keys(calls))("%s throws RangeError for expiresIn outside 1..604800 or not an integer", (name) => {
    const call = calls[name as keyof typeof calls];
    for (const bad of [
      0,
      -1,
      604801,
      1e9,
      1.5,
      899.999,
      NaN,
      Infinity,
      -Infinity,
      untyped<number>("900"),
      untyped<number>(undefined),
    ]) {
      expect(() => call(bad)).toThrow(RangeError);
      expect(() => call(bad)).toThrow(/expiresIn must be an integer number of seconds in 1\.\.604800/);
    }
  });

  it("rejects an invalid date, saying so", () => {
    expect(() => signer.presignGet({ key: "k", expiresIn: 60, now: new Date(NaN) })).toThrow(
      new RangeError("now must be a valid Date"),
    );
    expect(() => signer.presignGet({ key: "k", expiresIn: 60, now: new Date("+010000-01-01T00:00:00Z") })).toThrow(
      /signing date out of range/,
    );
  });

  test.each([
    ["an empty key", ""],
    ["a key that is no string", 42],
  ])("rejects %s on every operation", (_label, key) => {
    const k = untyped<string>(key);
    const message = "key must be a non-empty string";
    expect(() => signer.presignGet({ key: k, expiresIn: 60, now })).toThrow(new TypeError(message));
    expect(() => signer.presignPut({ key: k, expiresIn: 60, now })).toThrow(new TypeError(message));
    expect(() => signer.presignPost({ ...post, key: k })).toThrow(new TypeError(message));
  });

  test.each([[[2, 1]], [[-1, 5]], [[0, 1.5]], [[0, Number.MAX_SAFE_INTEGER + 1]]])(
    "rejects the content-length range %j",
    (range) => {
      const contentLengthRange = range as [number, number];
      expect(() => signer.presignPost({ ...post, contentLengthRange })).toThrow(RangeError);
      expect(() => signer.presignPost({ ...post, contentLengthRange })).toThrow(
        `contentLengthRange must be integers 0 <= min <= max, got [${range[0]}, ${range[1]}]`,
      );
    },
  );

  test.each([[[0, 0]], [[5, 5]], [[0, Number.MAX_SAFE_INTEGER]]])("accepts the content-length range %j", (range) => {
    expect(() => signer.presignPost({ ...post, contentLengthRange: range as [number, number] })).not.toThrow();
  });

  test.each([
    ["a lone high surrogate", "a/b\uD800"],
    ["a lone low surrogate", "\uDC00a/b"],
    ["a reversed pair", "a/\uDC00\uD800b"],
  ])("refuses a content type with %s, which no header can carry", (_label, contentType) => {
    expect(() => signer.presignPost({ ...post, contentType })).toThrow(new TypeError("contentType is not well-formed UTF-16"));
    // A PUT signs it as the content-type header, and names it so.
    expect(() => signer.presignPut({ key: "k", expiresIn: 60, now, contentType })).toThrow(
      new TypeError("content-type is not well-formed UTF-16"),
    );
  });

  const part = { key: "k", expiresIn: 60, now, uploadId: "u", partNumber: 1, contentLength: 1 };

  test.each([0, 1, 5 * 1024 ** 3])("signs a content length of %d bytes", (contentLength) => {
    expect(() => signer.presignPut({ key: "k", expiresIn: 60, now, contentLength })).not.toThrow();
    expect(() => signer.presignUploadPart({ ...part, contentLength })).not.toThrow();
  });

  test.each([-1, 1.5, NaN])("refuses a content length of %d, naming it", (contentLength) => {
    const error = new RangeError(`contentLength must be a whole number of bytes, got ${contentLength}`);
    expect(() => signer.presignPut({ key: "k", expiresIn: 60, now, contentLength })).toThrow(error);
    expect(() => signer.presignUploadPart({ ...part, contentLength })).toThrow(error);
  });

  test.each([1, 10_000])("signs part number %d", (partNumber) => {
    expect(() => signer.presignUploadPart({ ...part, partNumber })).not.toThrow();
  });

  test.each([0, 10_001, 1.5])("refuses part number %d, naming it", (partNumber) => {
    expect(() => signer.presignUploadPart({ ...part, partNumber })).toThrow(
      new RangeError(`partNumber must be 1..10000, got ${partNumber}`),
    );
  });

  test.each([
    ["an empty upload id", "", "uploadId must be a non-empty string"],
    ["an upload id that is no string", untyped<string>(42), "uploadId must be a non-empty string"],
    ["an upload id with a lone surrogate", "u\uD800", "uploadId is not well-formed UTF-16"],
  ])("refuses %s, naming it", (_label, uploadId, message) => {
    expect(() => signer.presignUploadPart({ ...part, uploadId })).toThrow(new TypeError(message));
  });

  it("signs an upload id with a surrogate pair", () => {
    expect(signer.presignUploadPart({ ...part, uploadId: "u😀" })).toContain("&uploadId=u%F0%9F%98%80&");
  });

  it("refuses a POST key with a lone surrogate, naming the key", () => {
    expect(() => signer.presignPost({ ...post, key: "k\uD800" })).toThrow(new TypeError("key is not well-formed UTF-16"));
  });

  it("signs a content type with a surrogate pair", () => {
    expect(() => signer.presignPost({ ...post, contentType: "a/😀" })).not.toThrow();
    expect(() => signer.presignPut({ key: "k", expiresIn: 60, now, contentType: "a/😀" })).not.toThrow();
  });

  it("refuses a content type that is no string", () => {
    expect(() => signer.presignPost({ ...post, contentType: untyped<string>(7) })).toThrow(
      new TypeError("contentType must be a string"),
    );
    expect(() => signer.presignPut({ key: "k", expiresIn: 60, now, contentType: untyped<string>(7) })).toThrow(
      new TypeError("content-type must be a string"),
    );
  });
});

describe("signer configuration guards", () => {
  test.each<[string, Partial<SignerConfig>, RegExp]>([
    ["an ftp endpoint", { endpoint: "ftp://127.0.0.1:7480" }, /http\(s\)/],
    ["an endpoint that is no URL", { endpoint: "not a url" }, /invalid S3 endpoint/],
    ["an endpoint with a query", { endpoint: "http://127.0.0.1:7480?x=1" }, /query/],
    ["an endpoint with credentials", { endpoint: "http://user:pass@127.0.0.1:7480" }, /credentials/],
    ["a region that is no DNS label", { region: "Bad_Region" }, /region must be a DNS label, got "Bad_Region"/],
    ["an empty region", { region: "" }, /region must be a DNS label/],
    ["a region that is no string", { region: untyped<string>(42) }, /region must be a DNS label, got 42/],
    ["the aws-global pseudo-region", { region: "aws-global" }, /pseudo-region aws-global is not supported/],
    ["a FIPS pseudo-region in front", { region: "fips-us-east-1" }, /pseudo-region fips-us-east-1 is not supported/],
    ["a FIPS pseudo-region behind", { region: "us-east-1-fips" }, /pseudo-region us-east-1-fips is not supported/],
    ["a bucket with a slash", { bucket: "a/b" }, /unsupported bucket name/],
    ["an empty bucket", { bucket: "" }, /unsupported bucket name/],
    ["an ARN for a bucket", { bucket: "arn:aws:s3:::x" }, /unsupported bucket name/],
    ["a directory bucket", { bucket: "dir--x-s3" }, /directory buckets/],
    [
      "an empty access key id",
      { credentials: { accessKeyId: "", secretAccessKey: "s" } },
      /accessKeyId and credentials.secretAccessKey are required/,
    ],
    ["an empty secret", { credentials: { accessKeyId: "a", secretAccessKey: "" } }, /are required/],
    [
      "an access key id that is no string",
      { credentials: { accessKeyId: untyped<string>(1), secretAccessKey: "s" } },
      /are required/,
    ],
    ["a secret that is no string", { credentials: { accessKeyId: "a", secretAccessKey: untyped<string>(1) } }, /are required/],
  ])("rejects %s", (_label, patch, message) => {
    expect(() => createSigner({ ...config, ...patch })).toThrow(TypeError);
    expect(() => createSigner({ ...config, ...patch })).toThrow(message);
  });

  test.each(["us-east-1", "fipsy", "eu-fipsland-1"])("accepts the region %p", (region) => {
    expect(() => createSigner({ ...config, region })).not.toThrow();
  });
});
