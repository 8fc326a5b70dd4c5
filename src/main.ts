import "reflect-metadata";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config/config";
import { scheduleReaper } from "./objects/reaper";
import { BucketNotVersionedError } from "./storage/bucket";
import { createStorage } from "./storage/storage";

// Read config once → build the app → listen → drain on SIGTERM.
async function main() {
  const config = loadConfig();
  const storage = createStorage(config.s3);
  try {
    if (config.s3.ensureBucket) await storage.ensureBucket(config.http.corsOrigins);
    await storage.requireVersioning();
  } finally {
    storage.close();
  }
  const app = await createApp(config);
  const stopReaper = scheduleReaper(app.services, (e) => app.logger.error("reaper failed", e));
  await new Promise<void>((resolve) => app.httpServer.listen(config.http.port, config.http.host, resolve));
  app.logger.info("valet listening", { url: `http://localhost:${config.http.port}/graphql`, env: config.env });
  const stop = async (signal: string) => {
    app.logger.info("shutting down", { signal });
    stopReaper();
    await app.close();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((e) => {
  const expected = e instanceof ConfigError || e instanceof BucketNotVersionedError;
  process.stderr.write(`${expected ? (e).message : (e as Error).stack}\n`);
  process.exit(1);
});
