/**
 * Presigning throughput: the fast signer against the AWS SDK, one core, one process.
 *   node -r @swc-node/register bench/signer.ts [seconds-per-row]
 */
import { createSigner } from "../src/storage/signer";
import type { SignerConfig } from "../src/storage/signer";
import {
  buildSdkRequest,
  createReferenceClient,
  createSdkPresigner,
  getObjectCommand,
  sdkPresignGet,
  sdkPresignPost,
  sdkPresignPut,
} from "../test/support/sdk-reference";

export interface Row {
  name: string;
  opsPerSec: number;
  usPerOp: number;
  /** how many times faster the matching fast-signer row is (1 for the fast signer's own rows) */
  oursSpeedup: number;
  iterations: number;
}

const CONFIG: SignerConfig = {
  endpoint: "http://127.0.0.1:7480",
  region: "default",
  bucket: "valet",
  forcePathStyle: true,
  credentials: { accessKeyId: "VALETBENCHKEY", secretAccessKey: "bench-secret-bench-secret-bench-secret00" },
  responseChecksumValidation: "WHEN_REQUIRED",
};

// Realistic keys: a prefix, a UUID and a user-supplied file name (some needing escapes).
const NAMES = ["photo.jpg", "Quarterly report (final).pdf", "résumé.docx", "IMG_2041.HEIC", "notes 2024-06.txt", "😀 party.png"];
const KEYS = Array.from({ length: 1024 }, (_, i) => {
  const hex = ((i * 2654435761) >>> 0).toString(16).padStart(8, "0");
  return `uploads/${hex}-7d3e-4c1a-9b2f-${hex}${hex.slice(0, 4)}/${NAMES[i % NAMES.length]}`;
});
const DISPOSITION = `attachment; filename="report.pdf"; filename*=UTF-8''Quarterly%20report%20%28final%29.pdf`;

async function measure(name: string, seconds: number, op: (i: number) => unknown): Promise<Omit<Row, "oursSpeedup">> {
  const isAsync = op(0) instanceof Promise;
  const run = async (budgetMs: number): Promise<{ n: number; ms: number }> => {
    const start = performance.now();
    let n = 0;
    let elapsed = 0;
    // Check the clock every `batch` calls so timing costs nothing measurable.
    const batch = isAsync ? 16 : 256;
    do {
      if (isAsync) for (let j = 0; j < batch; j++) await op(n++);
      else for (let j = 0; j < batch; j++) op(n++);
      elapsed = performance.now() - start;
    } while (elapsed < budgetMs);
    return { n, ms: elapsed };
  };
  await run(Math.min(500, seconds * 250)); // warm-up: JIT, caches, signing keys
  const { n, ms } = await run(seconds * 1000);
  return { name, opsPerSec: (n / ms) * 1000, usPerOp: (ms * 1000) / n, iterations: n };
}

export async function runSignerBench(opts: { seconds?: number } = {}): Promise<Row[]> {
  const seconds = opts.seconds ?? 1.5;
  const signer = createSigner(CONFIG);
  const client = createReferenceClient(CONFIG);
  const presigner = createSdkPresigner(client);
  const bucket = CONFIG.bucket;
  const key = (i: number) => KEYS[i & 1023];

  // Same inputs, same output: check before timing anything.
  const now = new Date();
  const probe = { key: KEYS[1], expiresIn: 900, now, responseContentDisposition: DISPOSITION };
  const ours = signer.presignGet(probe);
  if (ours !== (await sdkPresignGet(client, bucket, probe))) throw new Error("fast signer and getSignedUrl disagree");
  const prebuilt = await buildSdkRequest(client, getObjectCommand(bucket, probe));
  const presigned = await presigner.presign(prebuilt, { expiresIn: 900, signingDate: now });
  if (!ours.includes(`X-Amz-Signature=${String(presigned.query?.["X-Amz-Signature"])}&`)) {
    throw new Error("fast signer and S3RequestPresigner.presign disagree");
  }
  const postProbe = {
    key: KEYS[2],
    expiresIn: 900,
    now,
    contentType: "image/jpeg",
    contentLengthRange: [1, 10_485_760] as [number, number],
  };
  if (JSON.stringify(signer.presignPost(postProbe)) !== JSON.stringify(await sdkPresignPost(client, bucket, postProbe))) {
    throw new Error("fast signer and createPresignedPost disagree");
  }
  const putProbe = { key: KEYS[3], expiresIn: 900, now, contentType: "image/jpeg" };
  if (signer.presignPut(putProbe) !== (await sdkPresignPut(client, bucket, putProbe))) {
    throw new Error("fast signer and getSignedUrl(PutObject) disagree");
  }
  // S3RequestPresigner.presign on prebuilt requests (one per key; presign clones them).
  const prebuiltGets = await Promise.all(
    KEYS.slice(0, 64).map((k) =>
      buildSdkRequest(client, getObjectCommand(bucket, { key: k, expiresIn: 900, now, responseContentDisposition: DISPOSITION })),
    ),
  );

  const oursGet = await measure("ours presignGet", seconds, (i) =>
    signer.presignGet({ key: key(i), expiresIn: 900, now: new Date(), responseContentDisposition: DISPOSITION }),
  );
  const oursPut = await measure("ours presignPut", seconds, (i) =>
    signer.presignPut({ key: key(i), expiresIn: 900, now: new Date(), contentType: "image/jpeg" }),
  );
  const oursPost = await measure("ours presignPost", seconds, (i) =>
    signer.presignPost({
      key: key(i),
      expiresIn: 900,
      now: new Date(),
      contentType: "image/jpeg",
      contentLengthRange: [1, 10_485_760],
    }),
  );
  const sdkGet = await measure("SDK getSignedUrl (GetObject)", seconds, (i) =>
    sdkPresignGet(client, bucket, { key: key(i), expiresIn: 900, now: new Date(), responseContentDisposition: DISPOSITION }),
  );
  const sdkPresign = await measure("SDK S3RequestPresigner.presign (prebuilt GET)", seconds, (i) =>
    presigner.presign(prebuiltGets[i & 63], { expiresIn: 900, signingDate: new Date() }),
  );
  const sdkPost = await measure("SDK createPresignedPost", seconds, (i) =>
    sdkPresignPost(client, bucket, {
      key: key(i),
      expiresIn: 900,
      now: new Date(),
      contentType: "image/jpeg",
      contentLengthRange: [1, 10_485_760],
    }),
  );

  const vs = (row: Omit<Row, "oursSpeedup">, oursRow: Omit<Row, "oursSpeedup">): Row => ({
    ...row,
    oursSpeedup: oursRow.opsPerSec / row.opsPerSec,
  });
  return [
    vs(oursGet, oursGet),
    vs(oursPut, oursPut),
    vs(oursPost, oursPost),
    vs(sdkGet, oursGet),
    vs(sdkPresign, oursGet),
    vs(sdkPost, oursPost),
  ];
}

export function formatSignerTable(rows: Row[]): string {
  const lines = [
    "| signer | URLs/s | µs/URL | ours is × faster |",
    "|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.name} | ${Math.round(r.opsPerSec).toLocaleString("en-US")} | ${r.usPerOp.toFixed(2)} | ${r.oursSpeedup === 1 ? "—" : r.oursSpeedup.toFixed(1) + "×"} |`,
    ),
  ];
  return lines.join("\n");
}

if (require.main === module) {
  const seconds = Number(process.argv[2] ?? 1.5);
  runSignerBench({ seconds })
    .then((rows) => {
      console.log(`node ${process.version}, one process, ~${seconds} s per row after warm-up\n`);
      console.log(formatSignerTable(rows));
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
