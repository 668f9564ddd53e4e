import type { JWTPayload } from "jose";
import personas from "../schema/personas.json";
import { findCourt, findForce, FORCES, REGIONS } from "../platform/estate";
import { DEV_AUDIENCE, DEV_ISSUER } from "../gateway/config";

/**
 * The claims of a development token (`npm run token`), as the dev identity
 * provider would issue them for a persona of schema/personas.json. Pure: the
 * CLI (dev/token.cli.ts) parses argv with parseDevTokenArgs, builds the
 * claims here and only then touches keys.
 */
export type PersonaName = keyof typeof personas.personas;
export const PERSONA_NAMES = Object.keys(personas.personas) as PersonaName[];

export interface DevTokenOptions {
  persona: string;
  /** Force code (force-officer). */
  force?: string;
  /** Region (regional-officer), e.g. NORTH_WEST. */
  region?: string;
  /** Comma-separated court OU codes (court-listing). */
  courts?: string;
  purpose?: string;
  /** Lifetime: 30s, 15m, 1h, 1d; at most 24 hours. */
  ttl?: string;
  sub?: string;
}

export const DEFAULT_TTL = "1h";
export const DEFAULT_PURPOSE = "local development";
export const MAX_TTL_SECONDS = 24 * 60 * 60;

/** A refused option: the CLI prints the message and exits with status 2. */
export class DevTokenOptionError extends Error {
  constructor(
    /** The option at fault, e.g. "--force". */
    readonly option: string,
    message: string,
  ) {
    super(message);
    this.name = "DevTokenOptionError";
  }
}

export const DEV_TOKEN_USAGE = `Usage: npm run token --silent -- --persona <name> [options]

Mints a development token signed by the dev identity provider (DATA_DIR/keys) and prints only the token.

  --persona <name>   ${PERSONA_NAMES.join(", ")}
  --force <code>     force code, for force-officer (e.g. 07)
  --region <region>  region, for regional-officer (e.g. NORTH_WEST)
  --courts <codes>   comma-separated court OU codes, for court-listing (e.g. B21DA,B07ED)
  --purpose <text>   why the caller asks (audit trail); default "${DEFAULT_PURPOSE}"
  --ttl <duration>   30s, 15m, 1h, 1d (at most 24h); default ${DEFAULT_TTL}
  --sub <subject>    default dev-<persona>
`;

const VALUE_OPTIONS = ["persona", "force", "region", "courts", "purpose", "ttl", "sub"] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];

/** Reads `--name value` / `--name=value` pairs; `--help` is reported as `{ help: true }`. */
export function parseDevTokenArgs(argv: readonly string[]): DevTokenOptions | { help: true } {
  const options: Partial<Record<ValueOption, string>> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return { help: true };
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new DevTokenOptionError(arg, `Unexpected argument "${arg}": options are --name value`);
    const name = match[1] as ValueOption;
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      throw new DevTokenOptionError(
        `--${match[1]}`,
        `Unknown option --${match[1]}; known: ${VALUE_OPTIONS.map((o) => `--${o}`).join(", ")}`,
      );
    }
    let value = match[2];
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new DevTokenOptionError(`--${name}`, `--${name} needs a value`);
      value = next;
      i += 1;
    }
    if (options[name] !== undefined) throw new DevTokenOptionError(`--${name}`, `--${name} is given twice`);
    options[name] = value;
  }
  if (options.persona === undefined)
    throw new DevTokenOptionError("--persona", `--persona is required: one of ${PERSONA_NAMES.join(", ")}`);
  return { ...options, persona: options.persona };
}

/** "30s", "15m", "1h", "1d" → seconds; anything else, zero, or more than 24 hours is refused. */
export function parseTtl(ttl: string): number {
  const match = /^(\d+)([smhd])$/.exec(ttl.trim());
  if (!match)
    throw new DevTokenOptionError("--ttl", `--ttl must be a whole number followed by s, m, h or d (e.g. 30s, 15m, 1h, 1d); got "${ttl}"`);
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as "s" | "m" | "h" | "d"];
  if (seconds <= 0) throw new DevTokenOptionError("--ttl", `--ttl must be longer than zero; got "${ttl}"`);
  if (seconds > MAX_TTL_SECONDS) throw new DevTokenOptionError("--ttl", `--ttl must be at most 24h; got "${ttl}"`);
  return seconds;
}

function isPersona(name: string): name is PersonaName {
  return Object.prototype.hasOwnProperty.call(personas.personas, name);
}

function jurisdictionClaims(persona: PersonaName, options: DevTokenOptions): Record<string, unknown> {
  const kind = personas.personas[persona].jurisdiction;
  const given = (["force", "region", "courts"] as const).filter((option) => options[option] !== undefined);
  const needed = kind === "national" ? null : kind;
  const stray = given.find((option) => option !== needed);
  if (stray !== undefined) {
    const expected = needed ? `it takes --${needed}` : "its jurisdiction is national";
    throw new DevTokenOptionError(`--${stray}`, `--${stray} does not apply to persona ${persona}: ${expected}`);
  }
  switch (kind) {
    case "national":
      return { jurisdiction: "national" };
    case "region": {
      const region = options.region;
      if (region === undefined)
        throw new DevTokenOptionError("--region", `Persona ${persona} needs --region: one of ${REGIONS.join(", ")}`);
      if (!(REGIONS as readonly string[]).includes(region)) {
        throw new DevTokenOptionError("--region", `Unknown region "${region}" for --region: one of ${REGIONS.join(", ")}`);
      }
      return { region };
    }
    case "force": {
      const force = options.force;
      if (force === undefined)
        throw new DevTokenOptionError("--force", `Persona ${persona} needs --force: a force code such as 07 (Cheshire)`);
      if (!findForce(force)) {
        throw new DevTokenOptionError(
          "--force",
          `Unknown force code "${force}" for --force: one of ${FORCES.map((f) => f.code).join(", ")}`,
        );
      }
      return { forces: [force] };
    }
    case "courts": {
      if (options.courts === undefined) {
        throw new DevTokenOptionError("--courts", `Persona ${persona} needs --courts: comma-separated court OU codes such as B21DA,B07ED`);
      }
      const courts = options.courts.split(",").map((code) => code.trim());
      if (courts.some((code) => code === ""))
        throw new DevTokenOptionError("--courts", `--courts has an empty court code: "${options.courts}"`);
      const unknown = courts.find((code) => !findCourt(code));
      if (unknown !== undefined) {
        throw new DevTokenOptionError(
          "--courts",
          `Unknown court code "${unknown}" for --courts (see schema/estate/courts.csv or the courts query)`,
        );
      }
      return { courts: [...new Set(courts)] };
    }
    default:
      throw new Error(`schema/personas.json: persona ${persona} has an unknown jurisdiction "${kind as string}"`);
  }
}

/**
 * Every claim of the token: iss, aud, sub, iat, nbf, exp, scope (the persona's
 * scopes, space-separated), persona, purpose and the jurisdiction claim the
 * gateway reads (principal-from-claims.ts). Throws DevTokenOptionError naming
 * the option at fault.
 */
export function devTokenClaims(options: DevTokenOptions, now: Date = new Date()): JWTPayload {
  if (!isPersona(options.persona)) {
    throw new DevTokenOptionError("--persona", `Unknown persona "${options.persona}" for --persona: one of ${PERSONA_NAMES.join(", ")}`);
  }
  const persona = options.persona;
  const lifetime = parseTtl(options.ttl ?? DEFAULT_TTL);
  const sub = options.sub ?? `dev-${persona}`;
  if (sub.trim() === "") throw new DevTokenOptionError("--sub", "--sub must not be empty");
  const purpose = options.purpose ?? DEFAULT_PURPOSE;
  if (purpose.trim() === "") throw new DevTokenOptionError("--purpose", "--purpose must not be empty");
  const jurisdiction = jurisdictionClaims(persona, options);
  const iat = Math.floor(now.getTime() / 1000);
  return {
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    sub,
    iat,
    nbf: iat,
    exp: iat + lifetime,
    scope: personas.personas[persona].scopes.join(" "),
    persona,
    purpose,
    ...jurisdiction,
  };
}
