/** The app as main.ts runs it, on an ephemeral loopback port; child-app.ts starts this script. */
import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";

async function main() {
  const app = await createApp(loadConfig(process.env));
  await new Promise<void>((ok) => app.httpServer.listen(0, "127.0.0.1", ok));
  process.stdout.write(`READY http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}/graphql\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
