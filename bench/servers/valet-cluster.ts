/**
 * WORKERS Valet processes on one port through node:cluster, the mechanism `npm run start:cluster`
 * (src/cli/cluster.ts) uses, without its S3 start-up checks (the bench signs without contacting
 * S3). The first worker starts alone (it migrates the registry), then the others; prints the URL
 * once all listen.
 */
import cluster from "node:cluster";
import { listenValet } from "./valet-app";

if (cluster.isPrimary) {
  const workers = Number(process.env.WORKERS ?? "1");
  let listening = 0;
  cluster.on("message", (_worker, message: { url: string }) => {
    if (++listening === 1) for (let i = 1; i < workers; i++) cluster.fork();
    if (listening === workers) process.stdout.write(`READY ${message.url}\n`);
  });
  cluster.on("exit", () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
  });
  cluster.fork();
  process.once("SIGTERM", () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  });
} else {
  void listenValet().then(({ app, url }) => {
    process.send!({ url });
    process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
  });
}
