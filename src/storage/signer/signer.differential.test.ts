/**
 * Differential test: the fast signer against the AWS SDK, byte for byte, over generated inputs.
 * Deterministic (seeded PRNG): a failure prints its input and reproduces with the same seed.
 * SIGNER_DIFF_SEED / SIGNER_DIFF_CASES override the seed and the number of cases per config.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { createSigner } from "./signer";
import type { SignerConfig } from "./signer";
import type { PresignGetOptions, PresignPostOptions, PresignPutOptions, PresignUploadPartOptions } from "../types";
import {
  createReferenceClient,
  sdkPresignGet,
  sdkPresignPut,
  sdkPresignPost,
  sdkPresignUploadPart,
} from "../../../test/support/sdk-reference";
import { mulberry32 } from "../../../test/support/random";

const SEED = Number(process.env.SIGNER_DIFF_SEED ?? 0x5eed2024);
const CASES_PER_CONFIG = Number(process.env.SIGNER_DIFF_CASES ?? 120);

class Gen {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const WORDS = [
  "a",
  "file",
  "photo",
  "IMG_0001",
  "report-2024",
  "x.y.z",
  "data_set",
  "v1",
  "Z",
  "0",
  "README.md",
  "archive.tar.gz",
];
const SPECIALS = [
  " ",
  "  ",
  "+",
  "%",
  "%2F",
  "%20",
  "~",
  "!",
  "*",
  "'",
  "(",
  ")",
  "&",
  "=",
  "?",
  "#",
  ";",
  ":",
  "@",
  "$",
  ",",
  "[",
  "]",
  "{",
  "}",
  "<",
  ">",
  '"',
  "\\",
  "^",
  "`",
  "|",
  "\t",
  "\n",
  "\r",
  "\u007f",
  "\u0000",
  "${filename}",
  "-",
  "_",
  ".",
];
const UNICODE = [
  "é", // NFC
  "e\u0301", // NFD of the same
  "Å",
  "A\u030a",
  "ß",
  "日本語",
  "Ωμέγα",
  "עברית",
  "😀",
  "👩‍👩‍👧",
  "🏳️‍🌈",
  "\u00a0",
  "\u2028",
  "\ufeff",
  "€",
  "𝔘𝔫𝔦",
];
const SEGMENTS = ["/", "/", "//", "/./", "/../", "/.", "/.."];

function genKey(g: Gen): string {
  const shape = g.int(0, 9);
  if (shape === 0) return g.pick(WORDS);
  if (shape === 1) {
    // exactly 1024 UTF-8 bytes, S3's maximum
    let k = "";
    while (Buffer.byteLength(k) < 1024) k += g.pick([...WORDS, ...UNICODE, ...SPECIALS, "/"]);
    while (Buffer.byteLength(k) > 1024) k = Array.from(k).slice(0, -1).join("");
    return k;
  }
  if (shape === 2) {
    // deep path
    const depth = g.int(8, 40);
    const parts: string[] = [];
    for (let i = 0; i < depth; i++) parts.push(g.pick(WORDS) + (g.chance(0.3) ? g.pick(UNICODE) : ""));
    return parts.join("/");
  }
  let k = g.chance(0.15) ? g.pick(["/", "//"]) : "";
  const n = g.int(1, 12);
  for (let i = 0; i < n; i++) {
    const r = g.next();
    k += r < 0.4 ? g.pick(WORDS) : r < 0.65 ? g.pick(SPECIALS) : r < 0.85 ? g.pick(UNICODE) : g.pick(SEGMENTS);
  }
  if (g.chance(0.1)) k += g.pick(["/", "//"]);
  if (g.chance(0.05)) k += "${filename}";
  return k;
}

const CONTENT_TYPES = [
  "image/png",
  "text/plain; charset=utf-8",
  "application/octet-stream",
  "multipart/form-data; boundary=----x",
  "application/x-www-form-urlencoded",
  "image/svg+xml",
  " padded/type ",
  "a  b\tc",
  "line\r\nfold",
  "",
  "tÿpe/ünïcode",
  'quoted/"back\\slash"',
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/html;\u2028x",
  "😀/emoji",
];
const DISPOSITIONS = [
  `attachment; filename="a.txt"; filename*=UTF-8''%E2%82%AC.txt`,
  "inline",
  'attachment; filename="a b.txt"',
  'attachment; filename="€ & = + ? #.txt"',
  "attachment; filename*=UTF-8''na%C3%AFve%20caf%C3%A9.pdf",
  "",
];
// What Valet signs for cacheable downloads, and shapes whose escaping differs.
const CACHE_CONTROLS = ["private, max-age=600", "public, max-age=3000", "no-store", "", "max-age=0, s-maxage=60", 'ünï; x="y z"'];
const RESPONSE_TYPES = ["text/plain", "application/json; charset=utf-8", "image/svg+xml", "", "tëxt/ünïcode"];
// Shapes seen from S3 (opaque base64-ish), Ceph (alphanumeric), the literal "null", and odd characters.
const VERSION_IDS = [
  "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY+MTRCxf3vjVBH40Nr8X8gdRQBpUMLUo",
  "Xhr0uBNrWTsuYJ6Kh2L2RkUfQmIFi9c",
  "null",
  "a/b c=d&e",
];

// Content-MD5 values: real base64 digests, and shapes whose canonical form differs from the raw value.
const MD5S = ["XrY7u+Ae7tCTyyK7j1rNww==", "1B2M2Y8AsgTpgAmY7PhCfg==", " padded== ", "a  b", "tab\there", "ünï"];
const IF_NONE_MATCH = ["*", " * ", '"5eb63bbbe01eeed093cb22bb8f5acdc3"', 'W/"x"'];
// Shapes seen from AWS (long opaque), Ceph ("2~…"), MinIO (uuid-like), and characters that need escaping.
const UPLOAD_IDS = [
  "VXBsb2FkIElEIGZvciA2aWWpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA",
  "2~LoJ-FzZ7X3-oFJRV7eGdqjYGm4JGuuc",
  "0f1c8e5e-6b1d-4f7a-9c2e-8f3d2a1b0c9d",
  "a/b+c=d&e f~",
];

function genLength(g: Gen): number {
  return g.pick([0, 1, 5 * 1024 ** 2, 5 * 1024 ** 3, 5 * 1024 ** 4, g.int(1, 1e9)]);
}

function genPut(g: Gen, key: string, now: Date, expiresIn: number): PresignPutOptions {
  const put: PresignPutOptions = { key, now, expiresIn };
  if (g.chance(0.6)) put.contentType = g.pick(CONTENT_TYPES);
  if (g.chance(0.5)) put.contentLength = genLength(g);
  if (g.chance(0.4)) put.contentMd5 = g.pick(MD5S);
  if (g.chance(0.4)) put.ifNoneMatch = g.pick(IF_NONE_MATCH);
  return put;
}

function genPart(g: Gen, key: string, now: Date, expiresIn: number): PresignUploadPartOptions {
  const part: PresignUploadPartOptions = {
    key,
    now,
    expiresIn,
    uploadId: g.pick(UPLOAD_IDS),
    partNumber: g.pick([1, 2, 10, 999, 1000, 10_000, g.int(1, 10_000)]),
    contentLength: genLength(g),
  };
  if (g.chance(0.4)) part.contentMd5 = g.pick(MD5S);
  return part;
}

function genNow(g: Gen): Date {
  const r = g.next();
  if (r < 0.3) {
    // around a UTC midnight
    const day = Date.UTC(g.int(1990, 2090), g.int(0, 11), g.int(1, 28));
    return new Date(day + g.int(-3000, 3000));
  }
  return new Date(g.int(0, 4102444800) * 1000 + g.int(0, 999)); // 1970..2100, with milliseconds
}

function genExpires(g: Gen): number {
  return g.pick([1, 900, 604800, 3600, g.int(1, 604800)]);
}

interface Setup {
  endpoint: string;
  forcePathStyle: boolean;
  bucket: string;
}

const SETUPS: Setup[] = [
  { endpoint: "http://127.0.0.1:7480", forcePathStyle: true, bucket: "valet" },
  { endpoint: "http://127.0.0.1:7480", forcePathStyle: false, bucket: "valet" }, // IP: path style regardless
  { endpoint: "https://s3.eu-west-1.amazonaws.com", forcePathStyle: false, bucket: "my-bucket" },
  { endpoint: "https://s3.eu-west-1.amazonaws.com", forcePathStyle: true, bucket: "my-bucket" },
  { endpoint: "https://s3.eu-west-1.amazonaws.com:443", forcePathStyle: false, bucket: "valet-uploads" },
  { endpoint: "http://localhost:9000", forcePathStyle: false, bucket: "valet" },
  { endpoint: "http://minio.local:9000/prefix/", forcePathStyle: false, bucket: "valet" },
  { endpoint: "http://minio.local:9000/prefix", forcePathStyle: true, bucket: "valet" },
  { endpoint: "http://[::1]:7480", forcePathStyle: false, bucket: "valet" },
  { endpoint: "https://storage.example.com", forcePathStyle: false, bucket: "my.dotted.bucket" }, // dots: path style
  { endpoint: "https://storage.example.com", forcePathStyle: false, bucket: "Legacy_Bucket" }, // not DNS: path style
  { endpoint: "https://bücher.example:8443/", forcePathStyle: false, bucket: "abc" },
];
const REGIONS = ["us-east-1", "eu-west-1", "ap-southeast-2", "default", "cn-north-1", "Zone1"];
const CREDENTIALS: SignerConfig["credentials"][] = [
  { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
  {
    accessKeyId: "ASIAEXAMPLETEMPKEY01",
    secretAccessKey: "s3cr3t+/=with€unicode",
    sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+abc/def==",
  },
  { accessKeyId: "valet", secretAccessKey: "x", sessionToken: "" }, // empty token: omitted by the SDK
];

interface Failure {
  op: string;
  config: SignerConfig;
  input: unknown;
  ours: unknown;
  sdk: unknown;
}

async function settle<T>(f: () => T | Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await f() };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

function show(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (v instanceof Date ? `Date(${v.toISOString()})` : v), 2);
}

describe("signer vs AWS SDK (differential)", () => {
  it(`matches getSignedUrl (GET, PUT, UploadPart) / createPresignedPost byte for byte (seed ${SEED})`, async () => {
    const g = new Gen(mulberry32(SEED));
    const failures: Failure[] = [];
    let compared = 0;
    let bothThrew = 0;
    const started = Date.now();

    let configIndex = 0;
    for (const setup of SETUPS) {
      for (let r = 0; r < 2; r++) {
        configIndex++;
        const config: SignerConfig = {
          ...setup,
          region: REGIONS[(configIndex + r) % REGIONS.length],
          credentials: CREDENTIALS[(configIndex + r) % CREDENTIALS.length],
          ...(configIndex % 3 === 0 ? { responseChecksumValidation: "WHEN_REQUIRED" as const } : {}),
        };
        const signer = createSigner(config);
        const client: S3Client = createReferenceClient(config);
        const record = (op: string, input: unknown, ours: unknown, sdk: unknown) => {
          compared++;
          if (show(ours) !== show(sdk)) failures.push({ op, config, input, ours, sdk });
        };

        for (let i = 0; i < CASES_PER_CONFIG; i++) {
          const key = genKey(g);
          const now = genNow(g);
          const expiresIn = genExpires(g);

          const get: PresignGetOptions = { key, now, expiresIn };
          if (g.chance(0.5))
            get.responseContentDisposition = g.chance(0.5) ? g.pick(DISPOSITIONS) : `attachment; filename="${genKey(g)}"`;
          if (g.chance(0.4)) get.responseContentType = g.pick(RESPONSE_TYPES);
          if (g.chance(0.4)) get.responseCacheControl = g.pick(CACHE_CONTROLS);
          if (g.chance(0.4)) get.versionId = g.pick(VERSION_IDS);
          const [ourGet, sdkGet] = [
            await settle(() => signer.presignGet(get)),
            await settle(() => sdkPresignGet(client, config.bucket, get)),
          ];
          if (!ourGet.ok && !sdkGet.ok) bothThrew++;
          record("GET", get, ourGet.ok ? ourGet.value : "threw", sdkGet.ok ? sdkGet.value : "threw");

          const put = genPut(g, key, now, expiresIn);
          const [ourPut, sdkPut] = [
            await settle(() => signer.presignPut(put)),
            await settle(() => sdkPresignPut(client, config.bucket, put)),
          ];
          record("PUT", put, ourPut.ok ? ourPut.value : "threw", sdkPut.ok ? sdkPut.value : "threw");

          const part = genPart(g, key, now, expiresIn);
          const [ourPart, sdkPart] = [
            await settle(() => signer.presignUploadPart(part)),
            await settle(() => sdkPresignUploadPart(client, config.bucket, part)),
          ];
          record("UploadPart", part, ourPart.ok ? ourPart.value : "threw", sdkPart.ok ? sdkPart.value : "threw");

          const min = g.pick([0, 1, g.int(0, 1e6)]);
          const post: PresignPostOptions = {
            key,
            now,
            expiresIn,
            contentType: g.pick(CONTENT_TYPES),
            contentLengthRange: [min, g.pick([min, min + g.int(1, 1e9), 5 * 1024 ** 3])],
          };
          const [ourPost, sdkPost] = [
            await settle(() => signer.presignPost(post)),
            await settle(() => sdkPresignPost(client, config.bucket, post)),
          ];
          record("POST", post, ourPost.ok ? ourPost.value : ourPost.error, sdkPost.ok ? sdkPost.value : sdkPost.error);
        }

        // Keys that are not well-formed UTF-16 cannot be signed: the SDK throws for GET/PUT
        // (URIError from encodeURIComponent); we throw for all three, POST included.
        const bad: PresignGetOptions = {
          key: `lone-${String.fromCharCode(0xd800 + (configIndex % 1024))}-surrogate`,
          now: genNow(g),
          expiresIn: 60,
        };
        const [ourBad, sdkBad] = [
          await settle(() => signer.presignGet(bad)),
          await settle(() => sdkPresignGet(client, config.bucket, bad)),
        ];
        if (!ourBad.ok && !sdkBad.ok) bothThrew++;
        record("GET(lone surrogate)", bad, ourBad.ok, sdkBad.ok);
        expect(() => signer.presignPost({ ...bad, contentType: "a/b", contentLengthRange: [0, 1] })).toThrow(TypeError);
      }
    }

    const seconds = (Date.now() - started) / 1000;
    console.log(
      `signer differential: ${compared} comparisons (${bothThrew} both threw) over ${configIndex} configs in ${seconds.toFixed(1)} s, seed ${SEED}`,
    );
    if (failures.length > 0) {
      throw new Error(
        `${failures.length} of ${compared} outputs differ from the SDK (seed ${SEED}); first ones:\n` +
          failures
            .slice(0, 3)
            .map(
              (f) =>
                `--- ${f.op}\nconfig: ${show(f.config)}\ninput: ${show(f.input)}\nours: ${show(f.ours)}\nsdk:  ${show(f.sdk)}`,
            )
            .join("\n"),
      );
    }
    expect(compared).toBeGreaterThan(4 * CASES_PER_CONFIG * SETUPS.length * 2 - 1);
  });

  it("is sensitive: a signer with a different secret, bucket or clock does not match the SDK", async () => {
    const config: SignerConfig = {
      endpoint: "http://127.0.0.1:7480",
      region: "default",
      bucket: "valet",
      forcePathStyle: true,
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    };
    const client = createReferenceClient(config);
    const o = { key: "k", now: new Date("2024-06-01T12:00:00Z"), expiresIn: 900 };
    const post = { ...o, contentType: "image/png", contentLengthRange: [1, 10] as [number, number] };
    expect(createSigner(config).presignGet(o)).toBe(await sdkPresignGet(client, "valet", o));
    const wrong = createSigner({ ...config, credentials: { accessKeyId: "AKID", secretAccessKey: "secreT" } });
    expect(wrong.presignGet(o)).not.toBe(await sdkPresignGet(client, "valet", o));
    expect(wrong.presignPut(o)).not.toBe(await sdkPresignPut(client, "valet", o));
    const put = { ...o, contentType: "image/png", contentLength: 10, contentMd5: "XrY7u+Ae7tCTyyK7j1rNww==", ifNoneMatch: "*" };
    expect(createSigner(config).presignPut(put)).toBe(await sdkPresignPut(client, "valet", put));
    expect(wrong.presignPut(put)).not.toBe(await sdkPresignPut(client, "valet", put));
    const part = { ...o, uploadId: "2~abc", partNumber: 3, contentLength: 5 * 1024 ** 2 };
    expect(createSigner(config).presignUploadPart(part)).toBe(await sdkPresignUploadPart(client, "valet", part));
    expect(wrong.presignUploadPart(part)).not.toBe(await sdkPresignUploadPart(client, "valet", part));
    expect(show(wrong.presignPost(post))).not.toBe(show(await sdkPresignPost(client, "valet", post)));
    const later = { ...o, now: new Date(o.now.getTime() + 1000) };
    expect(createSigner(config).presignGet(later)).not.toBe(await sdkPresignGet(client, "valet", o));
  });
});
