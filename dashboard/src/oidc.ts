import * as oauth from "oauth4webapi";

/**
 * Sign-in through the organisation's OpenID provider: authorization code
 * with PKCE (S256), a public client (no secret in a page). Only the code
 * verifier and state cross the redirect, in sessionStorage (this tab only),
 * and are removed as the page comes back; the access token stays in memory.
 */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

const PENDING = "spo-dashboard-sign-in";
const REDIRECT_PATH = "/dashboard/";

/** Plain HTTP to a provider on this machine only (development); anything else must be HTTPS. */
function insecureAllowed(issuer: URL): boolean {
  return issuer.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname);
}

async function discover(settings: OidcSettings) {
  const issuer = new URL(settings.issuer);
  const options = insecureAllowed(issuer) ? { [oauth.allowInsecureRequests]: true } : {};
  const server = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...options }));
  return { server, options };
}

const redirectUri = () => new URL(REDIRECT_PATH, location.origin).href;

/** Off to the provider's authorization endpoint. */
export async function startOidcSignIn(settings: OidcSettings): Promise<void> {
  const { server } = await discover(settings);
  if (!server.authorization_endpoint) throw new Error("the identity provider names no authorization endpoint");
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
  const url = new URL(server.authorization_endpoint);
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("redirect_uri", redirectUri());
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", settings.scope);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("state", state);
  location.assign(url.href);
}

/** Whether this load is the provider's redirect back (a code or an error, and a sign-in pending). */
export function isOidcCallback(): boolean {
  const query = new URLSearchParams(location.search);
  return (query.has("code") || query.has("error")) && sessionStorage.getItem(PENDING) !== null;
}

/** The redirect back: state checked, the code exchanged with its verifier; the URL cleaned whatever happens. */
export async function completeOidcSignIn(settings: OidcSettings): Promise<{ token: string; expiresAt: Date }> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "{}") as { verifier?: string; state?: string };
  sessionStorage.removeItem(PENDING);
  const current = new URL(location.href);
  history.replaceState(null, "", REDIRECT_PATH);
  if (!pending.verifier || !pending.state) throw new Error("no sign-in was pending");
  const { server, options } = await discover(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  const parameters = oauth.validateAuthResponse(server, client, current, pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    server,
    client,
    oauth.None(),
    parameters,
    redirectUri(),
    pending.verifier,
    options,
  );
  const result = await oauth.processAuthorizationCodeResponse(server, client, response);
  if (typeof result.expires_in !== "number") throw new Error("the identity provider gave no token lifetime");
  return { token: result.access_token, expiresAt: new Date(Date.now() + result.expires_in * 1000) };
}
