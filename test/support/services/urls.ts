// Read when called: the e2e set-up may point these at servers of its own (index.ts) before tests start.

/** Where the e2e lane finds PostgreSQL: TEST_DATABASE_URL, else the machine's. */
export const testPostgresUrl = () => process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Where the e2e lane finds Redis: TEST_REDIS_URL, else the machine's. */
export const testRedisUrl = () => process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
