import { createHmac, randomBytes } from "node:crypto";
import { createSigner } from "./signer";
import type { SignerConfig } from "./signer";
import { deriveSigningKey, HmacSha256 } from "./sigv4";
import { createReferenceClient, sdkPresignGet, sdkPresignPut, sdkPresignPost } from "../../../test/support/sdk-reference";

const config: SignerConfig = {
  endpoint: "http://127.0.0.1:7480",
  region: "default",
  bucket: "valet",
  forcePathStyle: true,
  credentials: { accessKeyId: "AKIDVALET", secretAccessKey: "valet-secret", sessionToken: "tok/en+=" },
};

describe("SigV4 primitives", () => {
  it("derives the signing key of the AWS documentation example", () => {
    // https://docs.aws.amazon.com/general/latest/gr/signature-v4-examples.html (kSigning for iam, 20120215)
    const key = deriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
    expect(key.toString("hex")).toBe("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  });

  it("HmacSha256 agrees with createHmac for short, block-sized and long keys and messages", () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(keyLength);
      const mac = new HmacSha256(key);
      for (const message of [
        "",
        "a",
        "x".repeat(63),
        "y".repeat(64),
        "z".repeat(5000),
        "€😀\n",
        "AWS4-HMAC-SHA256\n".repeat(7),
      ]) {
        expect(mac.hex(message)).toBe(createHmac("sha256", key).update(message).digest("hex"));
      }
    }
  });
});

describe("signing-key cache", () => {
  it("follows the UTC date across midnight, back again, and across a year, as the SDK does", async () => {
    const signer = createSigner(config);
    const client = createReferenceClient(config);
    const instants = [
      "2024-02-28T23:59:59.000Z",
      "2024-02-28T23:59:59.999Z",
      "2024-02-29T00:00:00.000Z", // new day: new key
      "2024-02-28T23:59:58.500Z", // the previous day again
      "2024-02-29T00:00:00.001Z",
      "2024-03-01T00:00:00.000Z", // a third day evicts the oldest
      "2024-02-28T12:00:00.000Z", // re-derived
      "2024-12-31T23:59:59.999Z",
      "2025-01-01T00:00:00.000Z",
    ];
    for (const iso of instants) {
      const now = new Date(iso);
      const get = { key: "day/boundary.txt", expiresIn: 3600, now, responseContentDisposition: "attachment" };
      expect(signer.presignGet(get)).toBe(await sdkPresignGet(client, config.bucket, get));
      const put = { key: "day/boundary.txt", expiresIn: 3600, now, contentType: "text/plain" };
      expect(signer.presignPut(put)).toBe(await sdkPresignPut(client, config.bucket, put));
      const post = {
        key: "day/boundary.txt",
        expiresIn: 86400,
        now,
        contentType: "text/plain",
        contentLengthRange: [1, 1024] as [number, number],
      };
      expect(signer.presignPost(post)).toEqual(await sdkPresignPost(client, config.bucket, post));
    }
  });

  it("does not leak one day's key into the next day's signature", () => {
    const a = createSigner(config);
    const b = createSigner(config);
    const o = { key: "k", expiresIn: 60 };
    a.presignGet({ ...o, now: new Date("2030-01-01T23:59:59Z") });
    // a has the 2030-01-01 key cached, b has none: both must agree on the next day.
    const next = new Date("2030-01-02T00:00:00Z");
    expect(a.presignGet({ ...o, now: next })).toBe(b.presignGet({ ...o, now: next }));
    expect(a.presignGet({ ...o, now: next })).toContain("X-Amz-Credential=AKIDVALET%2F20300102%2F");
  });
});

describe("response headers", () => {
  it("signs response-cache-control, sorted before the content-* parameters, as the SDK does", async () => {
    const signer = createSigner(config);
    const client = createReferenceClient(config);
    const get = {
      key: "k",
      expiresIn: 1200,
      now: new Date("2024-06-01T12:00:00Z"),
      responseCacheControl: "private, max-age=600",
      responseContentDisposition: "inline",
      responseContentType: "image/png",
    };
    const url = signer.presignGet(get);
    expect(url).toBe(await sdkPresignGet(client, config.bucket, get));
    expect(url).toContain("&response-cache-control=private%2C%20max-age%3D600&response-content-disposition=inline&");
    const { responseCacheControl: _, ...without } = get;
    expect(signer.presignGet(without)).not.toContain("response-cache-control");
  });
});

describe("input guards", () => {
  const signer = createSigner(config);
  const now = new Date("2024-06-01T12:00:00Z");
  const calls = {
    presignGet: (expiresIn: number) => signer.presignGet({ key: "k", expiresIn, now }),
    presignPut: (expiresIn: number) => signer.presignPut({ key: "k", expiresIn, now, contentType: "a/b" }),
    presignPost: (expiresIn: number) =>
      signer.presignPost({ key: "k", expiresIn, now, contentType: "a/b", contentLengthRange: [0, 1] }),
    presignUploadPart: (expiresIn: number) =>
      signer.presignUploadPart({ key: "k", expiresIn, now, uploadId: "u", partNumber: 1, contentLength: 1 }),
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
      "900" as unknown as number,
      undefined as unknown as number,
    ]) {
      expect(() => call(bad)).toThrow(RangeError);
    }
  });

  it("rejects an invalid date, an empty key and a bad content-length range", () => {
    expect(() => signer.presignGet({ key: "k", expiresIn: 60, now: new Date(NaN) })).toThrow(RangeError);
    expect(() => signer.presignGet({ key: "k", expiresIn: 60, now: new Date("+010000-01-01T00:00:00Z") })).toThrow(RangeError);
    expect(() => signer.presignGet({ key: "", expiresIn: 60, now })).toThrow(TypeError);
    expect(() => signer.presignPut({ key: "", expiresIn: 60, now })).toThrow(TypeError);
    const post = { key: "k", expiresIn: 60, now, contentType: "a/b", contentLengthRange: [0, 1] as [number, number] };
    expect(() => signer.presignPost({ ...post, key: "" })).toThrow(TypeError);
    for (const range of [
      [2, 1],
      [-1, 5],
      [0, 1.5],
      [0, Number.MAX_SAFE_INTEGER + 1],
    ] as Array<[number, number]>) {
      expect(() => signer.presignPost({ ...post, contentLengthRange: range })).toThrow(RangeError);
    }
  });

  it("rejects a content length, part number or upload id that names no real request", () => {
    const part = { key: "k", expiresIn: 60, now, uploadId: "u", partNumber: 1, contentLength: 1 };
    for (const contentLength of [-1, 1.5, NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => signer.presignPut({ key: "k", expiresIn: 60, now, contentLength })).toThrow(RangeError);
      expect(() => signer.presignUploadPart({ ...part, contentLength })).toThrow(RangeError);
    }
    for (const partNumber of [0, 10_001, 1.5])
      expect(() => signer.presignUploadPart({ ...part, partNumber })).toThrow(RangeError);
    expect(() => signer.presignUploadPart({ ...part, uploadId: "" })).toThrow(TypeError);
    expect(() => signer.presignPut({ key: "k", expiresIn: 60, now, contentMd5: "\ud800" })).toThrow(TypeError);
  });

  it("rejects configurations the SDK would sign differently or not at all", () => {
    const bad: Array<Partial<SignerConfig>> = [
      { endpoint: "ftp://127.0.0.1:7480" },
      { endpoint: "not a url" },
      { endpoint: "http://127.0.0.1:7480?x=1" },
      { endpoint: "http://user:pass@127.0.0.1:7480" },
      { region: "Bad_Region" },
      { region: "" },
      { region: "aws-global" },
      { region: "fips-us-east-1" },
      { bucket: "a/b" },
      { bucket: "" },
      { bucket: "arn:aws:s3:::x" },
      { bucket: "dir--x-s3" },
      { credentials: { accessKeyId: "", secretAccessKey: "s" } },
    ];
    for (const patch of bad) expect(() => createSigner({ ...config, ...patch })).toThrow(TypeError);
  });
});
