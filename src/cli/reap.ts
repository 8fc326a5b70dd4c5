import "reflect-metadata";
import { loadConfig } from "../config/config";
import { reapAbandonedUploads } from "../objects/reaper";
import { createServices } from "../services/create-services";

// npm run reap: expire abandoned uploads once, with the server's configuration, then exit.
async function main() {
  const config = loadConfig();
  const { services, close } = await createServices(config);
  try {
    const reaped = await reapAbandonedUploads(services);
    process.stdout.write(`reaped ${reaped.length} abandoned upload(s)\n${reaped.map((k) => `  ${k}\n`).join("")}`);
  } finally {
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
