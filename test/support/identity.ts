import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTVerifyGetKey, type KeyLike } from "jose";
import type { Clock } from "../../platform/clock";
import type { Db } from "../../platform/db/db";
import type { Jurisdiction, Principal } from "../../platform/identity/principal";
import type { SubgraphDefinition, SubgraphServer } from "../../platform/subgraph/subgraph";
import { buildSubgraph } from "../../platform/subgraph/build";
import personas from "../../schema/personas.json";

/** Key pairs made once per test process: the gateway's assertion key and a test identity provider's token key. */
export interface TestKeys {
  gatewayPrivateKey: KeyLike;
  gatewayPublicKeys: JWTVerifyGetKey;
  idpPrivateKey: KeyLike;
  idpPublicKeys: JWTVerifyGetKey;
}

let keys: Promise<TestKeys> | undefined;

async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256" };
  return { privateKey, publicKeys: createLocalJWKSet({ keys: [jwk] }) };
}

export function testKeys(): Promise<TestKeys> {
  keys ??= (async () => {
    const gateway = await keyPair("test-gateway");
    const idp = await keyPair("test-idp");
    return {
      gatewayPrivateKey: gateway.privateKey,
      gatewayPublicKeys: gateway.publicKeys,
      idpPrivateKey: idp.privateKey,
      idpPublicKeys: idp.publicKeys,
    };
  })();
  return keys;
}

export type PersonaName = keyof typeof personas.personas;

/** A principal of a persona from schema/personas.json with the given jurisdiction. */
export function principalFor(persona: PersonaName, jurisdiction: Jurisdiction, sub = `test-${persona}`): Principal {
  return { sub, persona, scopes: [...personas.personas[persona].scopes], jurisdiction, purpose: "automated test" };
}

/**
 * The principal with every scope, its jurisdiction kept: for tests of
 * record-level jurisdiction on a subgraph, which would otherwise be stopped by
 * the subgraph's own scope checks (tested on their own).
 */
export function withEveryScope(principal: Principal): Principal {
  return { ...principal, scopes: Object.keys(personas.scopes) };
}

/** Subgraph unit tests ask as a national caller holding every scope, unless a test says otherwise. */
export const EVERY_SCOPE_NATIONAL: Principal = {
  sub: "test-superuser",
  persona: null,
  scopes: Object.keys(personas.scopes),
  jurisdiction: { kind: "national" },
  purpose: "automated test",
};

export async function createTestSubgraphServer<T>(
  definition: SubgraphDefinition<T>,
  db: Db,
  clock: Clock,
  options: { assertionClock?: () => number } = {},
): Promise<SubgraphServer<T>> {
  return buildSubgraph(definition, {}, { db, clock, gatewayKeys: (await testKeys()).gatewayPublicKeys, ...options });
}

export const TEST_ISSUER = "https://idp.test.invalid/";
export const TEST_AUDIENCE = "spo-api";

/** A user token as the test identity provider would issue it for a principal; `overrides` bend it for negative tests. */
export async function tokenFor(
  principal: Principal,
  overrides: { expiresIn?: string; claims?: Record<string, unknown> } = {},
): Promise<string> {
  const jurisdictionClaims =
    principal.jurisdiction.kind === "national"
      ? { jurisdiction: "national" }
      : principal.jurisdiction.kind === "forces"
        ? { forces: principal.jurisdiction.forces }
        : { courts: principal.jurisdiction.courts };
  return new SignJWT({
    scope: principal.scopes.join(" "),
    persona: principal.persona,
    purpose: principal.purpose,
    ...jurisdictionClaims,
    ...overrides.claims,
  })
    .setProtectedHeader({ alg: "ES256", kid: "test-idp" })
    .setSubject(principal.sub)
    .setIssuer(TEST_ISSUER)
    .setAudience(TEST_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(overrides.expiresIn ?? "5m")
    .sign((await testKeys()).idpPrivateKey);
}
