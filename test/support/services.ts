import { Redis } from "ioredis";
import { Client } from "pg";

/**
 * Which backing services the tests run against. In CI (REQUIRE_SERVICES=1) a
 * missing Postgres or Redis fails the run; on a laptop without them the tests
 * fall back to the embedded defaults and say so loudly, once.
 */
export const REQUIRE_SERVICES = process.env.REQUIRE_SERVICES === "1";
export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let postgresAvailable: Promise<boolean> | undefined;

async function probePostgres(): Promise<boolean> {
  const client = new Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch (error) {
    if (REQUIRE_SERVICES) {
      throw new Error(`REQUIRE_SERVICES=1 but Postgres at ${TEST_DATABASE_URL} does not answer: ${(error as Error).message}`);
    }
    console.warn(`\n*** Postgres at ${TEST_DATABASE_URL} does not answer: running database tests on embedded PGlite instead. ***\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export function isPostgresAvailable(): Promise<boolean> {
  postgresAvailable ??= probePostgres();
  return postgresAvailable;
}

export const TEST_REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

let redisAvailable: Promise<boolean> | undefined;

async function probeRedis(): Promise<boolean> {
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch (error) {
    if (REQUIRE_SERVICES) {
      throw new Error(`REQUIRE_SERVICES=1 but Redis at ${TEST_REDIS_URL} does not answer: ${(error as Error).message}`);
    }
    console.warn(`\n*** Redis at ${TEST_REDIS_URL} does not answer: SKIPPING the tests of the Redis Streams event bus. ***\n`);
    return false;
  } finally {
    redis.disconnect();
  }
}

/** Whether the Redis tests can run; false (with a loud warning) only when REQUIRE_SERVICES is not set. */
export function isRedisAvailable(): Promise<boolean> {
  redisAvailable ??= probeRedis();
  return redisAvailable;
}
