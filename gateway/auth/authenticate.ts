import type http from "node:http";
import { jwtVerify, type JWTVerifyGetKey } from "jose";
import { UnauthenticatedError } from "../../platform/errors/errors";
import type { Principal } from "../../platform/identity/principal";
import { principalFromClaims } from "./principal-from-claims";
import { VerifiedTokenCache } from "./verified-token-cache";

export interface TokenVerification {
  /** The identity provider's public keys: a remote JWKS (createRemoteJWKSet) or a local set. */
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Allow-list; a token signed otherwise (including alg "none") is refused. */
  algorithms: string[];
  clockToleranceSeconds?: number;
  /** The longest a token may live: older tokens (by `iat`) and tokens issued for longer are refused. */
  maxTokenAgeSeconds?: number;
  /** Where verified tokens are remembered until they expire (a VerifiedTokenCache with its defaults unless given). */
  cache?: VerifiedTokenCache;
}

/** A day: the longest `npm run token` issues; an identity provider's tokens normally live an hour or less. */
export const DEFAULT_MAX_TOKEN_AGE_SECONDS = 24 * 60 * 60;

/**
 * Builds the gateway's authenticator: every GraphQL request needs a bearer JWT
 * that verifies against the configured keys, names the expected issuer and
 * audience, carries `exp` and `iat`, is within its validity window, was not
 * issued in the future, is no older than the maximum token age and was not
 * issued for longer than it (a stolen long-lived token is a long-lived
 * breach). Any failure is the same 401 with the same message, which tells an
 * attacker nothing. A token that verified is remembered (VerifiedTokenCache)
 * until it would no longer be accepted, so a caller's later requests skip the
 * signature check; a token that did not is checked again every time.
 */
export function createAuthenticator(verification: TokenVerification): (request: http.IncomingMessage) => Promise<Principal> {
  const cache = verification.cache ?? new VerifiedTokenCache();
  return async (request) => {
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new UnauthenticatedError();
    const cached = cache.get(token);
    if (cached) return cached;
    const maxTokenAge = verification.maxTokenAgeSeconds ?? DEFAULT_MAX_TOKEN_AGE_SECONDS;
    let principal: Principal | null;
    let validUntil = 0;
    try {
      // maxTokenAge makes jose require `iat` and refuse one in the future (beyond the clock tolerance).
      const { payload } = await jwtVerify(token, verification.keys, {
        issuer: verification.issuer,
        audience: verification.audience,
        algorithms: verification.algorithms,
        requiredClaims: ["exp", "sub", "iat"],
        clockTolerance: verification.clockToleranceSeconds ?? 30,
        maxTokenAge,
      });
      if (payload.exp! - payload.iat! > maxTokenAge) throw new Error("issued for longer than the maximum token age");
      principal = principalFromClaims(payload);
      // Accepted until the earlier of exp and the maximum age, without the clock tolerance: a cache hit is never laxer than a check.
      validUntil = Math.min(payload.exp!, payload.iat! + maxTokenAge);
    } catch {
      throw new UnauthenticatedError();
    }
    if (!principal) throw new UnauthenticatedError();
    return cache.set(token, principal, validUntil);
  };
}
