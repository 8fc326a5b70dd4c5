import "reflect-metadata";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config/config";

async function main() {
  const config = loadConfig();
  const app = await createApp(config);
  await new Promise<void>((resolve) => app.httpServer.listen(config.http.port, config.http.host, resolve));
  app.logger.info("valet listening", { url: `http://localhost:${config.http.port}/graphql`, env: config.env });
  const stop = async (signal: string) => {
    app.logger.info("shutting down", { signal });
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
