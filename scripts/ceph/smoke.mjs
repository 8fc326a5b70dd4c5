// Smoke test for the RGW started by scripts/ceph.sh.
//
//   node scripts/ceph/smoke.mjs [all|write|read] [--port 7480] [--bucket NAME]
//
//   all   (default) create a bucket, put/get an object, set + read CORS,
//         presigned PUT/GET and a presigned POST (policy enforced).
//   write create the bucket (if needed) and put persist.txt
//   read  get persist.txt back (persistence check across down/up)
//
// Reads S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY like scripts/ceph.sh.
import {
  S3Client,
  CreateBucketCommand,
  PutObjectCommand,
  GetObjectCommand,
  PutBucketCorsCommand,
  GetBucketCorsCommand,
  HeadBucketCommand,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createPresignedPost } from "@aws-sdk/s3-presigned-post";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const mode = ["all", "write", "read"].find((m) => args.includes(m)) ?? "all";
const port = opt("--port", "7480");
const endpoint = `http://127.0.0.1:${port}`;
const Bucket = opt("--bucket", mode === "all" ? `smoke-${Date.now()}` : "smoke-persist");

const s3 = new S3Client({
  endpoint,
  region: "us-east-1",
  forcePathStyle: true,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
  credentials: {
    accessKeyId: process.env.S3_ACCESS_KEY_ID ?? "valet-dev-access-key",
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? "valet-dev-secret-key",
  },
});

const ok = (msg) => console.log(`[smoke] ok: ${msg}`);
const expect = (cond, msg) => {
  if (!cond) throw new Error(`[smoke] FAILED: ${msg}`);
  ok(msg);
};

async function ensureBucket() {
  try {
    await s3.send(new HeadBucketCommand({ Bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket }));
    ok(`created bucket ${Bucket}`);
  }
}

async function getText(Key) {
  const r = await s3.send(new GetObjectCommand({ Bucket, Key }));
  return r.Body.transformToString();
}

if (mode === "write") {
  await ensureBucket();
  const body = `persisted at ${new Date().toISOString()}`;
  await s3.send(new PutObjectCommand({ Bucket, Key: "persist.txt", Body: body }));
  expect((await getText("persist.txt")) === body, `wrote ${Bucket}/persist.txt: ${body}`);
} else if (mode === "read") {
  const body = await getText("persist.txt");
  expect(body.startsWith("persisted at "), `read back ${Bucket}/persist.txt: ${body}`);
} else {
  await ensureBucket();
  await s3.send(new PutObjectCommand({ Bucket, Key: "hello.txt", Body: "hello ceph", ContentType: "text/plain" }));
  expect((await getText("hello.txt")) === "hello ceph", "put + get object");

  await s3.send(
    new PutBucketCorsCommand({
      Bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: ["http://localhost:5173"],
            AllowedMethods: ["GET", "PUT", "POST"],
            AllowedHeaders: ["*"],
            ExposeHeaders: ["ETag"],
            MaxAgeSeconds: 600,
          },
        ],
      },
    }),
  );
  const cors = await s3.send(new GetBucketCorsCommand({ Bucket }));
  expect(cors.CORSRules?.[0]?.AllowedOrigins?.[0] === "http://localhost:5173", "put + get bucket CORS");

  const pre = await fetch(`${endpoint}/${Bucket}/hello.txt`, {
    method: "OPTIONS",
    headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "PUT" },
  });
  expect(
    pre.status === 200 && pre.headers.get("access-control-allow-origin") === "http://localhost:5173",
    `CORS preflight (${pre.status})`,
  );

  const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: "presigned.txt" }), {
    expiresIn: 60,
  });
  const put = await fetch(putUrl, { method: "PUT", body: "via presigned put" });
  expect(put.status === 200, `presigned PUT (${put.status})`);
  const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: "presigned.txt" }), {
    expiresIn: 60,
  });
  const got = await fetch(getUrl);
  expect(got.status === 200 && (await got.text()) === "via presigned put", "presigned GET");

  const tampered = await fetch(getUrl.replace("presigned.txt", "hello.txt"));
  expect(tampered.status === 403, `tampered presigned URL rejected (${tampered.status})`);

  const post = await createPresignedPost(s3, {
    Bucket,
    Key: "posted.txt",
    Conditions: [["content-length-range", 1, 10]],
    Expires: 60,
  });
  const postForm = (body) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(post.fields)) form.append(k, v);
    form.append("file", new Blob([body]), "posted.txt");
    return fetch(post.url, { method: "POST", body: form });
  };
  const small = await postForm("tiny");
  expect(small.status >= 200 && small.status < 300, `presigned POST within policy (${small.status})`);
  const big = await postForm("this body is longer than ten bytes");
  expect(big.status === 400 || big.status === 403, `presigned POST over size limit rejected (${big.status})`);
  expect((await getText("posted.txt")) === "tiny", "posted object readable");
}
console.log(`[smoke] passed (${mode}, ${endpoint}, bucket ${Bucket})`);
