import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type http from "node:http";
import fc from "fast-check";
import { decodeJwt, decodeProtectedHeader } from "jose";
import personas from "../../schema/personas.json";
import { devKeyFiles, loadPublicKeySet } from "../../platform/identity/keys";
import { forcesInRegion } from "../../platform/estate";
import { DEV_AUDIENCE, DEV_ISSUER } from "../../gateway/config";
import { mintDevToken } from "../token.cli";
import { createAuthenticator } from "../../gateway/auth/authenticate";
import { devTokenClaims, DevTokenOptionError, parseDevTokenArgs, parseTtl, type DevTokenOptions } from "../dev-token";
import { principalFromClaims } from "../../gateway/auth/principal-from-claims";

const NOW = new Date("2026-11-22T12:00:00Z");
const NOW_SECONDS = NOW.getTime() / 1000;

function refusal(run: () => unknown): DevTokenOptionError {
  try {
    run();
  } catch (error) {
    if (error instanceof DevTokenOptionError) return error;
    throw error;
  }
  throw new Error("expected a DevTokenOptionError, but nothing was thrown");
}

function args(argv: string[]): DevTokenOptions {
  const parsed = parseDevTokenArgs(argv);
  if ("help" in parsed) throw new Error("unexpected --help");
  return parsed;
}

describe("devTokenClaims: one token per persona", () => {
  const common = {
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    iat: NOW_SECONDS,
    nbf: NOW_SECONDS,
    exp: NOW_SECONDS + 3600,
    purpose: "local development",
  };

  it("national-analyst: national jurisdiction and its scopes", () => {
    expect(devTokenClaims({ persona: "national-analyst" }, NOW)).toEqual({
      ...common,
      sub: "dev-national-analyst",
      persona: "national-analyst",
      scope: "spo:read spo:terms person:read hearing:read breach:read stats:read",
      jurisdiction: "national",
    });
  });

  it("regional-officer: the region claim", () => {
    expect(devTokenClaims({ persona: "regional-officer", region: "NORTH_WEST" }, NOW)).toEqual({
      ...common,
      sub: "dev-regional-officer",
      persona: "regional-officer",
      scope: "spo:read spo:terms person:read person:protected person:address hearing:read breach:read breach:write spo:write",
      region: "NORTH_WEST",
    });
  });

  it("force-officer: forces holding the one force", () => {
    expect(devTokenClaims({ persona: "force-officer", force: "07" }, NOW)).toEqual({
      ...common,
      sub: "dev-force-officer",
      persona: "force-officer",
      scope: "spo:read spo:terms person:read person:protected person:address hearing:read breach:read breach:write spo:write",
      forces: ["07"],
    });
  });

  it("court-listing: the courts claim", () => {
    expect(devTokenClaims({ persona: "court-listing", courts: "B21DA,B07ED" }, NOW)).toEqual({
      ...common,
      sub: "dev-court-listing",
      persona: "court-listing",
      scope: "hearing:read hearing:write spo:read spo:terms person:read",
      courts: ["B21DA", "B07ED"],
    });
  });

  it("reporting-dashboard: national, statistics only", () => {
    expect(devTokenClaims({ persona: "reporting-dashboard" }, NOW)).toEqual({
      ...common,
      sub: "dev-reporting-dashboard",
      persona: "reporting-dashboard",
      scope: "stats:read",
      jurisdiction: "national",
    });
  });

  it("auditor: national, audit only", () => {
    expect(devTokenClaims({ persona: "auditor" }, NOW)).toEqual({
      ...common,
      sub: "dev-auditor",
      persona: "auditor",
      scope: "audit:read",
      jurisdiction: "national",
    });
  });

  it("takes sub, purpose and ttl from the options", () => {
    const claims = devTokenClaims({ persona: "auditor", sub: "alice", purpose: "quarterly audit", ttl: "15m" }, NOW);
    expect(claims).toMatchObject({ sub: "alice", purpose: "quarterly audit", exp: NOW_SECONDS + 15 * 60 });
  });

  it("gives every persona of schema/personas.json its scopes, and the gateway reads a principal out of each", () => {
    const jurisdictionOptions: Record<string, Partial<DevTokenOptions>> = {
      national: {},
      region: { region: "WALES" },
      force: { force: "21" },
      courts: { courts: "B21DA" },
    };
    for (const [name, persona] of Object.entries(personas.personas)) {
      const claims = devTokenClaims({ persona: name, ...jurisdictionOptions[persona.jurisdiction] }, NOW);
      expect(claims.scope).toBe(persona.scopes.join(" "));
      const principal = principalFromClaims(claims);
      expect(principal).not.toBeNull();
      expect(principal).toMatchObject({ sub: `dev-${name}`, persona: name, scopes: persona.scopes, purpose: "local development" });
    }
  });

  it("a regional officer's token covers every force of the region", () => {
    const principal = principalFromClaims(devTokenClaims({ persona: "regional-officer", region: "NORTH_WEST" }, NOW));
    expect(principal?.jurisdiction).toEqual({ kind: "forces", forces: forcesInRegion("NORTH_WEST").map((force) => force.code) });
  });
});

describe("devTokenClaims: refusals name the option at fault", () => {
  it.each<[string, DevTokenOptions, string, RegExp]>([
    ["an unknown persona", { persona: "superuser" }, "--persona", /Unknown persona "superuser"/],
    ["a regional officer without a region", { persona: "regional-officer" }, "--region", /needs --region/],
    ["an unknown region", { persona: "regional-officer", region: "NORTHWEST" }, "--region", /Unknown region "NORTHWEST"/],
    ["a lower-case region", { persona: "regional-officer", region: "north_west" }, "--region", /Unknown region/],
    ["a force officer without a force", { persona: "force-officer" }, "--force", /needs --force/],
    ["an unknown force code", { persona: "force-officer", force: "99" }, "--force", /Unknown force code "99"/],
    ["a force code without its leading zero", { persona: "force-officer", force: "7" }, "--force", /Unknown force code "7"/],
    ["a court listing service without courts", { persona: "court-listing" }, "--courts", /needs --courts/],
    ["an unknown court code", { persona: "court-listing", courts: "B21DA,ZZZZZ" }, "--courts", /Unknown court code "ZZZZZ"/],
    ["an empty court code", { persona: "court-listing", courts: "B21DA,," }, "--courts", /empty court code/],
    [
      "a force for a national persona",
      { persona: "national-analyst", force: "07" },
      "--force",
      /does not apply to persona national-analyst/,
    ],
    ["a region for a force officer", { persona: "force-officer", force: "07", region: "NORTH_WEST" }, "--region", /does not apply/],
    ["courts for a regional officer", { persona: "regional-officer", region: "WALES", courts: "B21DA" }, "--courts", /does not apply/],
    ["a ttl without a unit", { persona: "auditor", ttl: "60" }, "--ttl", /--ttl must be/],
    ["a ttl in weeks", { persona: "auditor", ttl: "1w" }, "--ttl", /--ttl must be/],
    ["a negative ttl", { persona: "auditor", ttl: "-1h" }, "--ttl", /--ttl must be/],
    ["a zero ttl", { persona: "auditor", ttl: "0s" }, "--ttl", /longer than zero/],
    ["a ttl over 24 hours", { persona: "auditor", ttl: "25h" }, "--ttl", /at most 24h/],
    ["a ttl of two days", { persona: "auditor", ttl: "2d" }, "--ttl", /at most 24h/],
    ["an empty sub", { persona: "auditor", sub: "" }, "--sub", /must not be empty/],
    ["an empty purpose", { persona: "auditor", purpose: " " }, "--purpose", /must not be empty/],
  ])("refuses %s", (_label, options, option, message) => {
    const error = refusal(() => devTokenClaims(options, NOW));
    expect(error.option).toBe(option);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(option);
  });
});

describe("parseTtl", () => {
  it("reads seconds, minutes, hours and days, up to 24 hours", () => {
    expect(parseTtl("30s")).toBe(30);
    expect(parseTtl("15m")).toBe(900);
    expect(parseTtl("1h")).toBe(3600);
    expect(parseTtl("24h")).toBe(86_400);
    expect(parseTtl("1d")).toBe(86_400);
    expect(parseTtl("1440m")).toBe(86_400);
  });

  it("makes exp - iat the ttl, for any ttl from 1 s to 24 h", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 86_400 }), (seconds) => {
        const claims = devTokenClaims({ persona: "auditor", ttl: `${seconds}s` }, NOW);
        return claims.exp! - claims.iat! === seconds && claims.nbf === claims.iat;
      }),
    );
  });

  it("refuses anything longer than 24 hours", () => {
    fc.assert(
      fc.property(fc.integer({ min: 86_401, max: 10_000_000 }), (seconds) => {
        expect(refusal(() => parseTtl(`${seconds}s`)).option).toBe("--ttl");
      }),
    );
  });
});

describe("parseDevTokenArgs", () => {
  it("reads every option, as --name value and --name=value", () => {
    expect(
      args(["--persona", "court-listing", "--courts=B21DA,B07ED", "--purpose", "listing run", "--ttl", "30s", "--sub", "svc-listing"]),
    ).toEqual({ persona: "court-listing", courts: "B21DA,B07ED", purpose: "listing run", ttl: "30s", sub: "svc-listing" });
    expect(args(["--persona=force-officer", "--force", "07"])).toEqual({ persona: "force-officer", force: "07" });
    expect(args(["--region", "NORTH_WEST", "--persona", "regional-officer"])).toEqual({
      persona: "regional-officer",
      region: "NORTH_WEST",
    });
  });

  it("answers --help", () => {
    expect(parseDevTokenArgs(["--help"])).toEqual({ help: true });
  });

  it.each<[string, string[], string]>([
    ["no --persona", ["--force", "07"], "--persona"],
    ["no arguments", [], "--persona"],
    ["an option without its value", ["--persona"], "--persona"],
    ["an option followed by another option", ["--persona", "force-officer", "--force", "--ttl", "1h"], "--force"],
    ["an unknown option", ["--persona", "auditor", "--scope", "admin"], "--scope"],
    ["an option given twice", ["--persona", "auditor", "--persona", "national-analyst"], "--persona"],
    ["a bare word", ["auditor"], "auditor"],
  ])("refuses %s", (_label, argv, option) => {
    expect(refusal(() => parseDevTokenArgs(argv)).option).toBe(option);
  });
});

describe("mintDevToken (the CLI's work)", () => {
  let dir: string;
  const dataDirBefore = process.env.DATA_DIR;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "spo-dev-token-"));
    process.env.DATA_DIR = dir;
  });
  afterAll(() => {
    if (dataDirBefore === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = dataDirBefore;
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs with the dev identity provider key (ES256, its kid), and the gateway's authenticator accepts the token", async () => {
    const token = await mintDevToken(["--persona", "force-officer", "--force", "07", "--purpose", "case 42"]);
    expect(token).not.toBeNull();
    expect(decodeProtectedHeader(token!)).toMatchObject({ alg: "ES256", kid: "dev-idp-1" });
    expect(decodeJwt(token!)).toMatchObject({
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      sub: "dev-force-officer",
      forces: ["07"],
      purpose: "case 42",
    });

    const authenticate = createAuthenticator({
      keys: loadPublicKeySet(devKeyFiles(dir).devIdpPublicKeys),
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      algorithms: ["ES256", "RS256"],
    });
    const request = { headers: { authorization: `Bearer ${token}` } } as unknown as http.IncomingMessage;
    await expect(authenticate(request)).resolves.toEqual({
      sub: "dev-force-officer",
      persona: "force-officer",
      scopes: personas.personas["force-officer"].scopes,
      jurisdiction: { kind: "forces", forces: ["07"] },
      purpose: "case 42",
    });
  });

  it("refuses before touching any key", async () => {
    await expect(mintDevToken(["--persona", "force-officer"])).rejects.toBeInstanceOf(DevTokenOptionError);
  });

  it("returns null for --help (the CLI prints the usage)", async () => {
    await expect(mintDevToken(["--help"])).resolves.toBeNull();
  });
});
