import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from "jose";

/**
 * Development key pairs, made on first start under DATA_DIR/keys (git-ignored):
 * - dev-idp: signs the tokens `npm run token` mints; the dev gateway trusts it.
 * - gateway: signs the gateway's identity assertions; the dev subgraphs trust it.
 * Production supplies its own keys through configuration and never reads these.
 */
export interface DevKeyFiles {
  devIdpPrivateKey: string;
  devIdpPublicKeys: string;
  gatewayPrivateKey: string;
  gatewayPublicKeys: string;
}

export function devKeyFiles(dataDir: string): DevKeyFiles {
  const dir = path.join(dataDir, "keys");
  return {
    devIdpPrivateKey: path.join(dir, "dev-idp.private.jwk.json"),
    devIdpPublicKeys: path.join(dir, "dev-idp.jwks.json"),
    gatewayPrivateKey: path.join(dir, "gateway.private.jwk.json"),
    gatewayPublicKeys: path.join(dir, "gateway.jwks.json"),
  };
}

async function keyPairFiles(kid: string): Promise<{ privateJwk: JWK; publicJwks: JSONWebKeySet }> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "ES256", use: "sig" };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return { privateJwk, publicJwks: { keys: [publicJwk] } };
}

/**
 * Makes the dev key pairs unless they exist. They are written to a private
 * temporary folder and moved into place in one rename, so a concurrent start
 * never sees a private key without its public half.
 */
export async function ensureDevKeys(dataDir: string): Promise<DevKeyFiles> {
  const files = devKeyFiles(dataDir);
  if (existsSync(files.gatewayPublicKeys)) return files;
  const finalDir = path.dirname(files.devIdpPrivateKey);
  const tempDir = `${finalDir}.tmp-${process.pid}`;
  mkdirSync(tempDir, { recursive: true, mode: 0o700 });
  const write = (file: string, value: unknown) =>
    writeFileSync(path.join(tempDir, path.basename(file)), JSON.stringify(value, null, 2), { mode: 0o600 });
  const idp = await keyPairFiles("dev-idp-1");
  const gateway = await keyPairFiles("gateway-1");
  write(files.devIdpPrivateKey, idp.privateJwk);
  write(files.devIdpPublicKeys, idp.publicJwks);
  write(files.gatewayPrivateKey, gateway.privateJwk);
  write(files.gatewayPublicKeys, gateway.publicJwks);
  try {
    renameSync(tempDir, finalDir);
  } catch {
    rmSync(tempDir, { recursive: true, force: true }); // another process won the race; use its keys
  }
  return files;
}

export function readJson<T>(file: string, purpose: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new Error(`Cannot read ${purpose} from ${file}: ${(error as Error).message}`);
  }
}

export async function loadPrivateKey(file: string): Promise<{ key: Awaited<ReturnType<typeof importJWK>>; kid: string | undefined }> {
  const jwk = readJson<JWK>(file, "a private signing key (JWK)");
  return { key: await importJWK(jwk, jwk.alg ?? "ES256"), kid: jwk.kid };
}

export function loadPublicKeySet(file: string): JWTVerifyGetKey {
  return createLocalJWKSet(readJson<JSONWebKeySet>(file, "a public key set (JWKS)"));
}
