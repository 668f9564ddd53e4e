import type http from "node:http";
import { jwtVerify, type JWTVerifyGetKey } from "jose";
import { UnauthenticatedError } from "../../platform/errors/errors";
import type { Logger } from "../../platform/log";
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
  /** Where each refusal's reason is logged (the caller only ever gets the one UNAUTHENTICATED); none: not logged. */
  log?: Logger;
}

/** Why a token was refused, as an operator needs to know it, with the level that says how worrying it is. */
export interface RefusalReason {
  reason: string;
  level: "info" | "warn" | "error";
}

class TokenIssuedTooLongError extends Error {}
class TokenNamesNoPrincipalError extends Error {}

/**
 * Why jose (or our own checks) refused a token. An expired token or none at
 * all is a client's everyday mistake (info); a bad signature, an unknown key,
 * a wrong issuer or audience, a disallowed algorithm is a misconfigured client
 * or an attack (warn); an identity provider whose key set cannot be fetched
 * refuses every new caller and is the operator's problem (error).
 */
export function refusalReasonOf(error: unknown): RefusalReason {
  if (error instanceof TokenIssuedTooLongError) return { reason: "issued for longer than the maximum token age", level: "warn" };
  if (error instanceof TokenNamesNoPrincipalError) return { reason: "claims name no known persona", level: "warn" };
  const { code, claim } = (error ?? {}) as { code?: unknown; claim?: unknown };
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return { reason: "expired", level: "info" };
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return { reason: "bad signature", level: "warn" };
    case "ERR_JWKS_NO_MATCHING_KEY":
    case "ERR_JWKS_MULTIPLE_MATCHING_KEYS":
      return { reason: "unknown key", level: "warn" };
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return { reason: `claim ${typeof claim === "string" ? claim : "?"} invalid`, level: "warn" };
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return { reason: "algorithm not allowed", level: "warn" };
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
    case "ERR_JOSE_NOT_SUPPORTED":
      return { reason: "malformed token", level: "info" };
    case "ERR_JWKS_TIMEOUT":
    case "ERR_JWKS_INVALID":
    case "ERR_JOSE_GENERIC":
      return { reason: "identity provider unreachable", level: "error" };
    default:
      // Not jose's own refusal of the token: the key set could not be had (a failed fetch).
      return typeof code === "string" && code.startsWith("ERR_J")
        ? { reason: `refused (${code})`, level: "warn" }
        : { reason: "identity provider unreachable", level: "error" };
  }
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
  const refuse = (refusal: RefusalReason): never => {
    // The reason only: never the token, its claims or who it names.
    verification.log?.[refusal.level]({ refusal: refusal.reason }, `token refused: ${refusal.reason}`);
    throw new UnauthenticatedError();
  };
  return async (request) => {
    const token = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) return refuse({ reason: request.headers.authorization ? "not a bearer token" : "no token", level: "info" });
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
      if (payload.exp! - payload.iat! > maxTokenAge) throw new TokenIssuedTooLongError();
      principal = principalFromClaims(payload);
      if (!principal) throw new TokenNamesNoPrincipalError();
      // Accepted until the earlier of exp and the maximum age, without the clock tolerance: a cache hit is never laxer than a check.
      validUntil = Math.min(payload.exp!, payload.iat! + maxTokenAge);
    } catch (error) {
      return refuse(refusalReasonOf(error));
    }
    return cache.set(token, principal, validUntil);
  };
}
