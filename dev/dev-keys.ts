import { mkdirSync, existsSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from "jose";
import { devKeyFiles, type DevKeyFiles } from "../platform/identity/keys";

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
