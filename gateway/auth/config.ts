import { DATA_DIR, dataDirPiece } from "../../platform/config";
import { envPiece, type EnvPiece } from "../../platform/env-schema";
import { listVar, optionalTextVar, urlVar, wholeNumberVar } from "../../platform/env-values";
import { devKeyFiles } from "../../platform/identity/keys";
import { DEFAULT_MAX_TOKEN_AGE_SECONDS } from "./authenticate";

/** The development identity provider: `npm run token` mints its tokens. */
export const DEV_ISSUER = "spo-dev-idp";
export const DEV_AUDIENCE = "spo-api";

export interface TokenConfig {
  keys: { kind: "url"; url: string } | { kind: "file"; file: string };
  issuer: string;
  audience: string;
  algorithms: string[];
  /** Tokens older than this (by iat), or issued for longer, are refused. */
  maxTokenAgeSeconds: number;
}

// In production every identity setting must be given: a default would mean trusting development keys.
const DEV_KEYS = "production never trusts the development identity provider";

/** How callers' tokens are verified: whose keys, which issuer and audience, which algorithms, how old. */
export const tokensPiece: EnvPiece<TokenConfig> = envPiece({
  variables: {
    JWKS_URL: urlVar(["http", "https"], { default: "unset", meaning: "the identity provider's key set (production)" }),
    JWT_PUBLIC_KEYS_FILE: optionalTextVar({
      default: "`DATA_DIR/keys/dev-idp.jwks.json`",
      meaning: "a local key set instead of `JWKS_URL`",
    }),
    JWT_ISSUER: optionalTextVar({ default: "`spo-dev-idp`", meaning: "required `iss` of callers' tokens" }),
    JWT_AUDIENCE: optionalTextVar({ default: "`spo-api`", meaning: "required `aud` of callers' tokens" }),
    JWT_ALGORITHMS: listVar({ default: "`ES256,RS256`", meaning: "allow-listed token algorithms" }, "ES256,RS256"),
    JWT_MAX_TOKEN_AGE_SECONDS: wholeNumberVar(
      DEFAULT_MAX_TOKEN_AGE_SECONDS,
      { meaning: "oldest (by `iat`) and longest-lived (`exp − iat`) token accepted" },
      { min: 1 },
    ),
    DATA_DIR,
  },
  production: [
    { anyOf: ["JWKS_URL", "JWT_PUBLIC_KEYS_FILE"], why: DEV_KEYS },
    { anyOf: ["JWT_ISSUER"], why: DEV_KEYS },
    { anyOf: ["JWT_AUDIENCE"], why: DEV_KEYS },
  ],
  read: (values, context) => ({
    keys: values.JWKS_URL
      ? { kind: "url", url: values.JWKS_URL }
      : { kind: "file", file: values.JWT_PUBLIC_KEYS_FILE ?? devKeyFiles(dataDirPiece.read(values, context)).devIdpPublicKeys },
    issuer: values.JWT_ISSUER ?? DEV_ISSUER,
    audience: values.JWT_AUDIENCE ?? DEV_AUDIENCE,
    algorithms: values.JWT_ALGORITHMS,
    maxTokenAgeSeconds: values.JWT_MAX_TOKEN_AGE_SECONDS,
  }),
});
