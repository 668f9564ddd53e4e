import { generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from "jose";
import type { Principal } from "../platform/identity/principal";
import { ASSERTION_ISSUER, requestBodyDigest, signIdentityAssertion, verifyIdentityAssertion } from "../platform/identity/assertion";
import { AssertionReplayGuard } from "../platform/identity/assertion-replay";
import { VerifiedTokenCache } from "../gateway/auth/verified-token-cache";

/**
 * CPU per call of the identity work on both sides of a subgraph call.
 * Gateway: signing an assertion with jose's SignJWT (as it was first done) and with
 * one crypto.sign (now, once per call, bound to the call's body); its signing
 * input alone signed with ES256 and with Ed25519, the scheme one might expect
 * to be cheaper (it is not, on Node 20's OpenSSL); the body digest alone. Subgraph:
 * verifying the assertion with jose, body digest included, and the replay
 * memory's check. Caller's token: verified with jose (a cache miss) or found
 * in the VerifiedTokenCache (a hit).
 *   npm run build && node dist/bench/identity.bench.js
 */
const principal: Principal = {
  sub: "bench",
  persona: "national-analyst",
  scopes: ["spo:read", "spo:terms", "person:read", "hearing:read", "breach:read", "stats:read"],
  jurisdiction: { kind: "national" },
  purpose: "identity benchmark",
};

async function microsPerCall(runs: number, work: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < 200; i += 1) await work(i); // warm-up
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) await work(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / runs;
}

async function main(): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair("ES256");
  const keys = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: "k", alg: "ES256" }] });
  const joseSign = (i: number) =>
    new SignJWT({ principal })
      .setProtectedHeader({ alg: "ES256", kid: "k" })
      .setIssuer(ASSERTION_ISSUER)
      .setAudience("orders")
      .setSubject(principal.sub)
      .setJti(`r${i}`)
      .setIssuedAt()
      .setExpirationTime("60s")
      .sign(privateKey);
  const token = await joseSign(0);
  const cache = new VerifiedTokenCache();
  cache.set(token, principal, Math.floor(Date.now() / 1000) + 3600);
  // A typical entity call's body (an _entities fetch for one order's people), ~300 bytes.
  const body = JSON.stringify({
    query: "query($representations:[_Any!]!){_entities(representations:$representations){...on Person{name{given family}}}}",
    variables: { representations: [{ __typename: "Person", id: "person-07-respondent-1" }] },
  });
  const bound = await signIdentityAssertion({ principal, audience: "orders", requestId: "r", body, key: privateKey, keyId: "k" });
  const signingInput = Buffer.from(bound.slice(0, bound.lastIndexOf(".")));
  const ed25519 = generateKeyPairSync("ed25519");
  const guard = new AssertionReplayGuard();
  const rows: [string, number][] = [
    ["assertion signed with jose SignJWT (as first done)", await microsPerCall(3000, joseSign)],
    [
      "assertion signed with crypto.sign, ES256, bound to the body (now: once per call)",
      await microsPerCall(3000, (i) =>
        signIdentityAssertion({ principal, audience: "orders", requestId: `r${i}`, body, key: privateKey, keyId: "k" }),
      ),
    ],
    [
      "its signing input alone signed with ES256 (crypto.sign)",
      await microsPerCall(3000, () => sign("sha256", signingInput, { key: privateKey as KeyObject, dsaEncoding: "ieee-p1363" })),
    ],
    [
      "its signing input alone signed with Ed25519 (not adopted)",
      await microsPerCall(3000, () => sign(null, signingInput, ed25519.privateKey)),
    ],
    ["body digest alone (SHA-256, base64url)", await microsPerCall(30000, () => requestBodyDigest(body))],
    [
      "subgraph: assertion verified with jose, body digest included",
      await microsPerCall(3000, () => verifyIdentityAssertion(`Bearer ${bound}`, { audience: "orders", keys, body })),
    ],
    ["subgraph: replay memory check (accept a new id)", await microsPerCall(30000, () => guard.accept(randomUUID()))],
    [
      "caller token verified with jose (before; now a cache miss)",
      await microsPerCall(3000, () => jwtVerify(token, keys, { issuer: ASSERTION_ISSUER, audience: "orders" })),
    ],
    ["caller token found in VerifiedTokenCache (now, a hit)", await microsPerCall(30000, () => cache.get(token))],
  ];
  console.log("| work | CPU µs per call |\n|---|---|");
  for (const [name, micros] of rows) console.log(`| ${name} | ${micros.toFixed(1)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
