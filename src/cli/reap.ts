import "reflect-metadata";
import { loadConfig } from "../config/config";
import { runReaper } from "../objects/reaper";
import { createServices } from "../services/create-services";

// npm run reap: one reaper pass (abandoned uploads, stray versions, stale multipart uploads, grant and event retention) with the server's configuration.
async function main() {
  const config = loadConfig();
  const { services, close } = await createServices(config);
  try {
    const pass = await runReaper(services);
    const { skipped, reaped, strayVersions, staleMultipart, prunedGrants, droppedPartitions, prunedObjects, prunedEvents } = pass;
    process.stdout.write(`reaped ${reaped.length} abandoned upload(s)\n${reaped.map((k) => `  ${k}\n`).join("")}`);
    if (skipped)
      return void process.stdout.write("another instance holds the sweep's lease: stray versions and retention left to it\n");
    process.stdout.write(`removed ${strayVersions} stray version(s) written after their upload was settled\n`);
    process.stdout.write(`aborted ${staleMultipart} stale multipart upload(s) no grant accounts for\n`);
    process.stdout.write(`pruned ${prunedGrants} grant row(s) past retention, and ${droppedPartitions} whole partition(s)\n`);
    process.stdout.write(`pruned ${prunedObjects} rejected, expired or aborted object(s) past retention\n`);
    process.stdout.write(`pruned ${prunedEvents} delivered event(s) past retention\n`);
  } finally {
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
