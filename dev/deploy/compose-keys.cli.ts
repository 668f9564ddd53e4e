import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDevKeys } from "../dev-keys";
import { repoPath } from "../../platform/repo-root";

/** Where docker-compose.yml mounts its keys from, and the DATA_DIR `npm run token` signs with for it. */
export const COMPOSE_DATA_DIR = ".compose";

/**
 * The keys a production-mode stack needs, made for a local run: the
 * development identity provider's pair (tokens), the gateway's pair (identity
 * assertions) and an audit hash key. Written once under .compose/keys
 * (git-ignored, owner-only); an existing file is kept, so tokens minted earlier
 * stay valid.
 */
export async function ensureComposeKeys(dataDir: string): Promise<string> {
  const files = await ensureDevKeys(dataDir);
  const hashKeys = path.join(path.dirname(files.gatewayPublicKeys), "audit-hash-keys.json");
  if (!existsSync(hashKeys)) {
    writeFileSync(hashKeys, JSON.stringify({ current: "compose-1", keys: { "compose-1": randomBytes(32).toString("base64") } }), {
      mode: 0o600,
    });
  }
  return path.dirname(hashKeys);
}

if (require.main === module) {
  ensureComposeKeys(repoPath(COMPOSE_DATA_DIR)).then(
    (dir) => console.log(`Keys for docker compose in ${path.relative(repoPath(), dir)}/`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
