import { dataDir } from "../platform/config";
import { describeStartFailure } from "../platform/errors/error-log";
import { loadPrivateKey } from "../platform/identity/keys";
import { processLog } from "../platform/log";
import { DEFAULT_IDE_DIR } from "../gateway/ide";
import { runGateway } from "../gateway/main";
import { ensureDevKeys } from "./dev-keys";
import { dashboardSignInFor } from "./dashboard-sign-in";

/**
 * The gateway as npm start runs it: gateway/main.ts with the dashboard's
 * development sign-in, minted with the dev identity provider's key, and the
 * IDE at /graphiql. Never in production: with NODE_ENV=production there is
 * neither to give.
 */
async function main(): Promise<void> {
  // Production never reads (or makes) the development keys.
  if (process.env.NODE_ENV === "production") return runGateway();
  const files = await ensureDevKeys(dataDir());
  const { key, kid } = await loadPrivateKey(files.devIdpPrivateKey);
  await runGateway({ devSignIn: dashboardSignInFor(false, { key, kid }), ide: { dir: DEFAULT_IDE_DIR } });
}

main().catch((error: unknown) => {
  processLog().fatal(`failed to start: ${describeStartFailure(error)}`);
  process.exit(1);
});
