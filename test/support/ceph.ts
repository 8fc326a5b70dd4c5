import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

/** Where the tests find Ceph RGW; `npm test` starts one here when none answers. */
export const TEST_S3 = {
  endpoint: process.env.TEST_S3_ENDPOINT ?? "http://127.0.0.1:7481",
  accessKeyId: process.env.S3_ACCESS_KEY_ID ?? "valet-dev-access-key",
  secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? "valet-dev-secret-key",
};

/** Brings up a throwaway (memstore) RGW unless one is already reachable. */
export function ensureCeph(): void {
  const root = resolve(__dirname, "../..");
  const port = new URL(TEST_S3.endpoint).port || "80";
  try {
    execFileSync("bash", [`${root}/scripts/ceph.sh`, "status", "--port", port], { stdio: "ignore" });
  } catch {
    execFileSync("bash", [`${root}/scripts/ceph.sh`, "up", "--dir", `${root}/.ceph/test`, "--store", "memstore", "--port", port], {
      stdio: "inherit",
    });
  }
}
