import "reflect-metadata";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config/config";
import { scheduleReaper } from "./objects/reaper";
import { createStorage } from "./storage/storage";

// Read config once → build the app → listen → drain on SIGTERM.
async function main() {
  const config = loadConfig();
  if (config.s3.ensureBucket) {
    const storage = createStorage(config.s3);
    await storage.ensureBucket(config.http.corsOrigins);
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
  process.stderr.write(`${e instanceof ConfigError ? e.message : (e as Error).stack}\n`);
  process.exit(1);
});
