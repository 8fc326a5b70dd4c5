/** Shared by both servers, so each signs for the same endpoint and bucket. Signing is local: no S3 is contacted. */
export const BENCH_S3 = {
  endpoint: "http://127.0.0.1:7480",
  region: "us-east-1",
  bucket: "valet-bench",
  credentials: { accessKeyId: "valet-bench-access-key", secretAccessKey: "valet-bench-secret-key" },
};

export const BENCH_JWT_SECRET = "valet-benchmark-secret-0123456789abcdef-0123456789";
