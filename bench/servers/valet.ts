/** One Valet process (valet-app.ts); prints its URL. */
import { listenValet } from "./valet-app";

async function main() {
  const { app, url } = await listenValet();
  process.stdout.write(`READY ${url}\n`);
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

void main();
