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
      for (const message of ["", "a", "x".repeat(63), "y".repeat(64), "z".repeat(5000), "€😀\n", "AWS4-HMAC-SHA256\n".repeat(7)]) {
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
      const post = { key: "day/boundary.txt", expiresIn: 86400, now, contentType: "text/plain", contentLengthRange: [1, 1024] as [number, number] };
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
