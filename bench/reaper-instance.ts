/**
 * One reaper instance for bench/reaper.ts: builds the services from the environment, says
 * "ready", waits for "go" on stdin, reaps every abandoned upload it can claim, then prints
 * `{ "reaped": n, "settled": m, "ms": t }` and exits.
 */
import "reflect-metadata";
import { createInterface } from "node:readline";
import { loadConfig } from "../src/config/config";
import { reapAbandonedUploads } from "../src/objects/reaper";
import { createServices } from "../src/services/create-services";

async function main() {
  const { services, close } = await createServices(loadConfig());
  let settled = 0;
  const settleLanded = services.store.markAvailable.bind(services.store);
  services.store.markAvailable = (key, facts) => (settled++, settleLanded(key, facts));
  const markRejected = services.store.markRejected.bind(services.store);
  services.store.markRejected = (key, facts) => (settled++, markRejected(key, facts));
  process.stdout.write("ready\n");
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((r) => lines.once("line", () => r()));
  const started = performance.now();
  const reaped = await reapAbandonedUploads(services);
  const ms = performance.now() - started;
  process.stdout.write(`${JSON.stringify({ reaped: reaped.length, settled, ms })}\n`);
  lines.close();
  await close();
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
