/** The app as main.ts starts it, on an ephemeral loopback port; child-app.ts runs this script. */
import "reflect-metadata";
import type { AddressInfo } from "node:net";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config/config";
import { createStorage } from "../../src/storage/storage";

async function main() {
  const config = loadConfig(process.env);
  const storage = createStorage(config.s3);
  try {
    if (config.s3.ensureBucket) await storage.ensureBucket(config.http.corsOrigins);
  } finally {
    storage.close();
  }
  const app = await createApp(config);
  await new Promise<void>((ok) => app.httpServer.listen(0, "127.0.0.1", ok));
  const { port } = app.httpServer.address() as AddressInfo;
  await app.pushS3Events(port);
  process.stdout.write(`READY http://127.0.0.1:${port}/graphql\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
