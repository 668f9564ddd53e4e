import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT } from "jose";
import type { Principal } from "../platform/identity/principal";
import { ASSERTION_ISSUER, signIdentityAssertion } from "../platform/identity/assertion";
import { VerifiedTokenCache } from "../gateway/auth/verified-token-cache";

/**
 * CPU per call of the gateway's identity work, before and after issue 12's
 * levers: signing an assertion with jose's SignJWT (before) and with one
 * crypto.sign (now); verifying a caller's token with jose (before, and still
 * on a cache miss) and finding it in the VerifiedTokenCache (a hit).
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
  const rows: [string, number][] = [
    ["assertion signed with jose SignJWT (before)", await microsPerCall(3000, joseSign)],
    [
      "assertion signed with crypto.sign (now)",
      await microsPerCall(3000, (i) =>
        signIdentityAssertion({ principal, audience: "orders", requestId: `r${i}`, key: privateKey, keyId: "k" }),
      ),
    ],
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
