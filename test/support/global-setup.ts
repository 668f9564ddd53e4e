import { isRedisAvailable } from "./services";

/**
 * Probes Redis once for the whole run and tells the test files through the
 * environment (they read it when they are collected, which cannot wait for a
 * probe). Without Redis the Redis suites are reported as skipped, after a loud
 * warning; with REQUIRE_SERVICES=1 a missing Redis fails the run here.
 */
export default async function globalSetup(): Promise<void> {
  process.env.TEST_REDIS_AVAILABLE = (await isRedisAvailable()) ? "1" : "0";
}
