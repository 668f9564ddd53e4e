/**
 * Switches that take one layer of defence away, so a test can show that the
 * other layer alone refuses what it must (access is enforced twice: by the
 * gateway's filter and by every subgraph's own guard). They are constructor
 * options a test passes in code, never read from the environment or a config
 * file, and even so they are refused outright in a production process.
 */
export function refuseTestOnlySwitchInProduction(name: string, env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === "production") {
    throw new Error(`${name} takes a layer of access control away and exists for tests only; refused with NODE_ENV=production`);
  }
}
