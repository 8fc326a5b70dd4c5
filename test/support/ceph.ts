import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { DEV_S3 } from "../../src/config/config";

/** Where the tests find Ceph RGW; `npm test` starts one here when none answers. */
export const TEST_S3 = {
  endpoint: process.env.TEST_S3_ENDPOINT ?? "http://127.0.0.1:7481",
  // scripts/ceph.sh creates its S3 user with the same keys the config uses for the dev RGW.
  accessKeyId: process.env.S3_ACCESS_KEY_ID ?? DEV_S3.credentials.accessKeyId,
  secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? DEV_S3.credentials.secretAccessKey,
};

/** Brings up a throwaway (memstore) RGW unless one is already reachable. */
export function ensureCeph(): void {
  const root = resolve(__dirname, "../..");
  const port = new URL(TEST_S3.endpoint).port || "80";
  try {
    execFileSync("bash", [`${root}/scripts/ceph.sh`, "status", "--port", port], { stdio: "ignore" });
  } catch {
    execFileSync(
      "bash",
      [`${root}/scripts/ceph.sh`, "up", "--dir", `${root}/.ceph/test`, "--store", "memstore", "--port", port],
      {
        stdio: "inherit",
      },
    );
  }
}
