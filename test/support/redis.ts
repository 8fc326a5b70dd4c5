import { randomBytes } from "node:crypto";
import { connect, createServer, type AddressInfo, type Socket } from "node:net";
import { Redis } from "ioredis";
import { testRedisUrl } from "./services/urls";

/** The Redis the e2e lane shares (its set-up starts one if none answers); an unreachable one is a failure, not a skip. */
export const TEST_REDIS_URL = testRedisUrl();

/** A key prefix no other test or run uses, for REDIS_KEY_PREFIX. */
export const uniquePrefix = () => `valet-test-${process.pid}-${randomBytes(4).toString("hex")}`;

/** A client of the test Redis, checked with PING; `forget(prefix)` deletes every key under a prefix. */
export async function testRedis(): Promise<{ client: Redis; forget(prefix: string): Promise<void>; close(): void }> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    client.disconnect();
    throw new Error(
      `Redis is unreachable at ${TEST_REDIS_URL} (${(error as Error).message}); the e2e set-up (test/support/global-setup.ts) starts one when none answers, or set TEST_REDIS_URL`,
      {
        cause: error,
      },
    );
  }
  return {
    client,
    async forget(prefix) {
      const keys = await client.keys(`${prefix}:*`);
      if (keys.length > 0) await client.del(...keys);
    },
    close: () => client.disconnect(),
  };
}

/** A TCP relay to the test Redis that can stop relaying (connections stay open, nothing answers) and start again. */
export async function freezableRedisProxy(): Promise<{ url: string; freeze(): void; thaw(): void; close(): Promise<void> }> {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<Socket>();
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      sockets.add(from);
      from.on("error", () => to.destroy());
      from.on("close", () => to.destroy());
      from.on("data", (chunk) => frozen || to.write(chunk));
    }
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    freeze: () => (frozen = true),
    // What was sent meanwhile stays lost, as with a connection that died half-open.
    thaw: () => (frozen = false),
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
