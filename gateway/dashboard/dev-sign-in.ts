import type http from "node:http";
import { isSameOrigin } from "../cors";

/**
 * Development only: how the dashboard's "sign in as…" picker gets a token.
 * Given by the development composition root (dev/dashboard-sign-in.ts, which
 * mints with the dev identity provider's key); buildGateway refuses it in
 * production, where the endpoint does not exist.
 */
export interface DevSignIn {
  /** The personas the picker offers, in order. */
  personas: readonly { persona: string; label: string }[];
  /** A token for one of them, and when it expires (ISO 8601). Throws for any other persona. */
  mint(persona: string): Promise<{ token: string; expiresAt: string }>;
}

const MAX_BODY_BYTES = 1_000;

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

function readSmallBody(request: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A browser's request from another origin carries an Origin naming it: such a page may not mint tokens. */
function sameOrigin(request: http.IncomingMessage): boolean {
  const origin = request.headers.origin;
  return origin === undefined || isSameOrigin(origin, request);
}

/**
 * Development runs on this machine, and is asked for by a loopback name. Any other Host is a page that pointed
 * its own name at this machine (DNS rebinding): its Origin then equals the Host, so only the name tells it apart.
 */
const LOOPBACK_NAMES = new Set(["127.0.0.1", "localhost", "[::1]"]);
function askedByLoopbackName(request: http.IncomingMessage): boolean {
  const host = request.headers.host;
  if (host === undefined) return false;
  try {
    return LOOPBACK_NAMES.has(new URL(`http://${host}`).hostname);
  } catch {
    return false;
  }
}

/**
 * GET lists the personas; POST `{"persona": "…"}` (JSON only, so a form on
 * another site cannot send it without a preflight nobody answers) mints a
 * token for one of them.
 */
export function devSignInRoute(devSignIn: DevSignIn): (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void> {
  const offered = new Set(devSignIn.personas.map((entry) => entry.persona));
  return async (request, response) => {
    if (!askedByLoopbackName(request)) return sendJson(response, 403, { error: "Development sign-in answers loopback names only" });
    if (!sameOrigin(request)) return sendJson(response, 403, { error: "Not from this origin" });
    if (request.method === "GET") return sendJson(response, 200, { personas: devSignIn.personas });
    if (request.method !== "POST") return sendJson(response, 405, { error: "GET or POST" });
    if (!request.headers["content-type"]?.startsWith("application/json")) {
      return sendJson(response, 415, { error: "The body must be application/json" });
    }
    const raw = await readSmallBody(request);
    let persona: unknown;
    try {
      persona = raw === undefined ? undefined : (JSON.parse(raw) as { persona?: unknown })?.persona;
    } catch {
      persona = undefined;
    }
    if (typeof persona !== "string" || !offered.has(persona)) {
      return sendJson(response, 400, { error: `persona must be one of ${[...offered].join(", ")}` });
    }
    sendJson(response, 200, await devSignIn.mint(persona));
  };
}
