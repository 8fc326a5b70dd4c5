import { answers, type ThrowawayServer } from "./host";
import { startThrowawayPostgres } from "./postgres";
import { startThrowawayRedis } from "./redis";
import { testPostgresUrl, testRedisUrl } from "./urls";

const started: ThrowawayServer[] = [];

/**
 * For each of PostgreSQL and Redis: if nothing answers where the tests look, starts a throwaway
 * one and points TEST_DATABASE_URL / TEST_REDIS_URL at it. Runs in jest's parent process before
 * any test file, and workers (and the apps tests spawn) inherit its environment.
 */
export async function ensureTestServices(): Promise<void> {
  const wanted = [
    { name: "PostgreSQL", variable: "TEST_DATABASE_URL", url: testPostgresUrl(), port: 5432, start: startThrowawayPostgres },
    { name: "Redis", variable: "TEST_REDIS_URL", url: testRedisUrl(), port: 6379, start: startThrowawayRedis },
  ];
  // A jest that exits without its teardown (a set-up failing half-way, an uncaught error) still stops them.
  process.once("exit", stopTestServices);
  for (const { name, variable, port, start, ...at } of wanted) {
    const url = new URL(at.url);
    if (await answers(url.hostname, Number(url.port || port))) continue;
    const server = await start(url);
    started.push(server);
    process.env[variable] = server.url;
    process.stderr.write(`[test services] nothing answers at ${url.host}: started a throwaway ${name} at ${server.url}\n`);
  }
}

/** Stops what ensureTestServices started. */
export function stopTestServices(): void {
  for (const server of started.splice(0)) server.stop();
}
