import { ConfigError } from "../../platform/env";
import { envPiece, type EnvPiece } from "../../platform/env-schema";
import { optionalTextVar, textVar, urlVar } from "../../platform/env-values";
import { repoPath } from "../../platform/repo-root";
import type { DashboardOidc } from "./index";

/** Where npm run build puts the reporting dashboard. */
export const DEFAULT_DASHBOARD_DIR = repoPath("dist", "dashboard");

export interface DashboardConfig {
  /** The built reporting dashboard served at /dashboard. */
  dir: string;
  /** The OpenID provider the dashboard signs in with; none: no production sign-in. */
  oidc: DashboardOidc | undefined;
}

/** What the reporting dashboard is served from, and the single sign-on it uses (both the issuer and the client id, or neither). */
export const dashboardPiece: EnvPiece<DashboardConfig> = envPiece({
  variables: {
    DASHBOARD_DIR: optionalTextVar({ default: "`dist/dashboard`", meaning: "the built reporting dashboard served at `/dashboard`" }),
    DASHBOARD_OIDC_ISSUER: urlVar(["https", "http"], {
      default: "unset → no production sign-in",
      meaning: "the OpenID provider the dashboard signs in with (authorization code with PKCE; [Dashboard](../dashboard.md))",
    }),
    DASHBOARD_OIDC_CLIENT_ID: optionalTextVar({ default: "unset", meaning: "the dashboard's client id at that provider" }),
    DASHBOARD_OIDC_SCOPE: textVar("openid", { meaning: "scopes the dashboard asks the provider for" }),
  },
  read: (values): DashboardConfig => {
    const { DASHBOARD_OIDC_ISSUER: issuer, DASHBOARD_OIDC_CLIENT_ID: clientId } = values;
    if ((issuer === undefined) !== (clientId === undefined)) {
      throw new ConfigError("Set both DASHBOARD_OIDC_ISSUER and DASHBOARD_OIDC_CLIENT_ID, or neither");
    }
    return {
      dir: values.DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR,
      oidc: issuer === undefined || clientId === undefined ? undefined : { issuer, clientId, scope: values.DASHBOARD_OIDC_SCOPE },
    };
  },
});
