import { SignJWT, type JWTPayload, type KeyLike } from "jose";
import type { DevSignIn } from "../gateway/dashboard";
import { devTokenClaims, type PersonaName } from "./dev-token";

/**
 * The dashboard's development sign-in (gateway/dashboard/dev-sign-in.ts): the
 * personas a reporting dashboard is used by, each minted as `npm run token`
 * would (dev/dev-token.ts). The regional officer is offered on purpose: it
 * holds no stats:read, so the page shows what such a caller is refused.
 */
export const DASHBOARD_PERSONAS: readonly { persona: PersonaName; label: string; region?: string }[] = [
  { persona: "reporting-dashboard", label: "Reporting dashboard (service)" },
  { persona: "national-analyst", label: "National analyst" },
  { persona: "regional-officer", label: "Regional officer (North West)", region: "NORTH_WEST" },
];

export const DASHBOARD_PURPOSE = "national reporting dashboard";

export interface DashboardSignInOptions {
  /** Signs the claims (the dev identity provider's key; a test's identity provider in tests). */
  key: KeyLike | Uint8Array;
  kid?: string;
  /** Issuer and audience the gateway verifies; the dev identity provider's unless given. */
  issuer?: string;
  audience?: string;
  /** Token lifetime, as --ttl takes it; 1h unless given. */
  ttl?: string;
  now?: () => Date;
}

/** The sign-in the development gateway serves; none in production (buildGateway would refuse it anyway). */
export function dashboardSignInFor(production: boolean, options: DashboardSignInOptions): DevSignIn | undefined {
  if (production) return undefined;
  return {
    personas: DASHBOARD_PERSONAS.map(({ persona, label }) => ({ persona, label })),
    async mint(persona) {
      const entry = DASHBOARD_PERSONAS.find((candidate) => candidate.persona === persona);
      if (!entry) throw new Error(`${persona} is not a dashboard persona`);
      const claims: JWTPayload = {
        ...devTokenClaims(
          { persona, region: entry.region, purpose: DASHBOARD_PURPOSE, ttl: options.ttl, sub: `dev-dashboard-${persona}` },
          options.now?.(),
        ),
        ...(options.issuer ? { iss: options.issuer } : {}),
        ...(options.audience ? { aud: options.audience } : {}),
      };
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", typ: "JWT", ...(options.kid ? { kid: options.kid } : {}) })
        .sign(options.key);
      return { token, expiresAt: new Date((claims.exp as number) * 1000).toISOString() };
    },
  };
}
