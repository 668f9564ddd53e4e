import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from "jose";
import { devTokenClaims } from "../../dev/dev-token";
import { principalFromClaims } from "../../gateway/auth/principal-from-claims";
import type { Principal } from "../../platform/identity/principal";

export interface BenchIdentity {
  /** A caller's bearer token, signed by this run's identity provider. */
  token: string;
  principal: Principal;
  /** The gateway's assertion key, for calling a subgraph directly. */
  assertionKey: KeyLike;
  /** What every child process of a benchmark is started with: the keys and who calls. */
  env: Record<string, string>;
}

/** Keys made for one run: the identity provider's (callers' tokens) and the gateway's (identity assertions). */
export async function benchIdentity(databaseUrl: string, persona: string): Promise<BenchIdentity> {
  const idp = await generateKeyPair("ES256", { extractable: true });
  const assertionKeys = await generateKeyPair("ES256", { extractable: true });
  const claims = devTokenClaims({ persona, purpose: "gateway benchmark", ttl: "1h", sub: `bench-${persona}` });
  const token = await new SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT", kid: "bench-idp" }).sign(idp.privateKey);
  const principal = principalFromClaims(claims)!;
  return {
    token,
    principal,
    assertionKey: assertionKeys.privateKey,
    env: {
      BENCH_DATABASE_URL: databaseUrl,
      BENCH_IDP_PUBLIC_JWK: JSON.stringify({ ...(await exportJWK(idp.publicKey)), kid: "bench-idp", alg: "ES256" }),
      BENCH_GATEWAY_PUBLIC_JWK: JSON.stringify({ ...(await exportJWK(assertionKeys.publicKey)), kid: "bench-gateway", alg: "ES256" }),
      BENCH_GATEWAY_PRIVATE_JWK: JSON.stringify(await exportJWK(assertionKeys.privateKey)),
      BENCH_PRINCIPAL: JSON.stringify(principal),
      NODE_ENV: "production",
    },
  };
}
