import { SignJWT } from "jose";
import { dataDir } from "../platform/config";
import { loadPrivateKey } from "../platform/identity/keys";
import { ensureDevKeys } from "./dev-keys";
import { DEV_TOKEN_USAGE, devTokenClaims, DevTokenOptionError, parseDevTokenArgs } from "./dev-token";

/**
 * npm run token --silent -- --persona <name> [...]: mints a development token
 * signed by the dev identity provider key (DATA_DIR/keys, made on first use),
 * which the dev gateway trusts. Prints only the token on stdout, so
 * TOKEN=$(npm run token --silent -- --persona national-analyst) works.
 * A refused option exits with status 2 and a message on stderr.
 */
export async function mintDevToken(argv: readonly string[]): Promise<string | null> {
  const parsed = parseDevTokenArgs(argv);
  if ("help" in parsed) return null;
  const claims = devTokenClaims(parsed);
  const files = await ensureDevKeys(dataDir());
  const { key, kid } = await loadPrivateKey(files.devIdpPrivateKey);
  return new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT", ...(kid ? { kid } : {}) }).sign(key);
}

if (require.main === module) {
  mintDevToken(process.argv.slice(2)).then(
    (token) => {
      if (token === null) process.stdout.write(DEV_TOKEN_USAGE);
      else process.stdout.write(`${token}\n`);
    },
    (error: unknown) => {
      if (error instanceof DevTokenOptionError) {
        process.stderr.write(`token: ${error.message}\n\n${DEV_TOKEN_USAGE}`);
        process.exitCode = 2;
        return;
      }
      process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
