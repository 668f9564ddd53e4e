import { readFileSync } from "node:fs";
import path from "node:path";
import { createLocalJWKSet, importJWK, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from "jose";

/**
 * Where the development key pairs live, under DATA_DIR/keys (git-ignored;
 * dev/dev-keys.ts makes them on first start):
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
