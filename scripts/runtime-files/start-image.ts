// Starts an assembled image's CMD the way an operator would run it in production, and waits for
// /readyz. The environment is built from nothing: a QUOTAS_FILE or DATABASE_URL in the calling
// shell must not stand in for a file the image lacks.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, type AddressInfo } from "node:net";
import type { RuntimePlan } from "./runtime-plan";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });

// The RGW `npm test` uses; scripts/ceph.sh creates its S3 user with these keys (as test/support/ceph.ts reads them).
const TEST_S3 = {
  S3_ENDPOINT: process.env.TEST_S3_ENDPOINT ?? "http://127.0.0.1:7481",
  S3_ACCESS_KEY_ID: process.env.S3_ACCESS_KEY_ID ?? "valet-dev-access-key",
  S3_SECRET_ACCESS_KEY: process.env.S3_SECRET_ACCESS_KEY ?? "valet-dev-secret-key",
};

export type Outcome = { ready: true } | { ready: false; why: string; stderr: string };

/** Runs the plan's command (with this Node) in `cwd` until /readyz answers 200, the process exits, or `timeoutMs` passes. */
export async function startImage(plan: RuntimePlan, cwd: string, timeoutMs: number): Promise<Outcome> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    ...plan.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: String(port),
    AUTH_JWT_SECRET: randomBytes(32).toString("hex"),
    ...TEST_S3,
    S3_BUCKET: "valet-runtime-files-check",
    S3_ENSURE_BUCKET: "true",
  };
  const server = spawn(process.execPath, plan.command.slice(1), { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exited: string | undefined;
  const gone = new Promise<void>((resolve) =>
    server.on("close", (code, signal) => {
      exited = `code ${code}, signal ${signal}`;
      resolve();
    }),
  );
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) {
        server.kill("SIGTERM");
        await gone;
        return { ready: true };
      }
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = String((e as { cause?: { code?: string } }).cause?.code ?? e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (exited) return { ready: false, why: `the server exited (${exited}) before /readyz answered 200`, stderr };
  server.kill("SIGKILL");
  await gone;
  return { ready: false, why: `/readyz did not answer 200 within ${timeoutMs / 1000} s (last: ${last})`, stderr };
}
