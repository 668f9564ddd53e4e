import { z } from "zod";
import { ConfigError } from "./env";

/** A variable's text as the environment gives it: unset and empty are both undefined. */
export type RawValue = string | undefined;

/** One environment variable: how its text is read (a zod schema), and what the configuration docs say of it. */
export interface Variable<T = unknown> {
  readonly schema: z.ZodType<T, RawValue>;
  /** The default, or what leaving it unset means, as the docs say it. */
  readonly default: string;
  readonly meaning: string;
  /** Never repeated in a message (tokens, keys). Every value shown has a URL's password masked anyway. */
  readonly secret?: boolean;
}

/** At least one of `anyOf` must be set with NODE_ENV=production; `why` says what the default would mean there. */
export interface ProductionRequirement {
  readonly anyOf: readonly string[];
  readonly why: string;
}

export interface EnvContext {
  production: boolean;
}

type Values<V extends Record<string, Variable>> = { [K in keyof V]: V[K] extends Variable<infer T> ? T : never };

/**
 * One concern's configuration: its variables, what production requires of
 * them, and how its settings are made from their values. A service's schema is
 * composed of these (envSchema), so each concern states its variables once, next to its code.
 */
export interface EnvPiece<T = unknown> {
  readonly variables: Readonly<Record<string, Variable>>;
  readonly production: readonly ProductionRequirement[];
  /** Runs only once every variable of the service is valid; what it throws is reported with the rest. */
  read(values: Record<string, unknown>, context: EnvContext): T;
}

export function envPiece<V extends Record<string, Variable>, T>(definition: {
  variables: V;
  production?: readonly ProductionRequirement[];
  read: (values: Values<V>, context: EnvContext) => T;
}): EnvPiece<T> {
  return {
    variables: definition.variables,
    production: definition.production ?? [],
    read: (values, context) => definition.read(values as Values<V>, context),
  };
}

type Settings<P extends Record<string, EnvPiece>> = { [K in keyof P]: P[K] extends EnvPiece<infer T> ? T : never };

/** The configuration of one service (or CLI): its pieces, validated together. */
export interface EnvSchema<T> {
  readonly service: string;
  readonly pieces: Readonly<Record<string, EnvPiece>>;
  /** Every variable the service reads, each once. */
  readonly variables: ReadonlyMap<string, Variable>;
  readonly production: readonly ProductionRequirement[];
  /** Phantom: the settings readEnv returns. */
  readonly settings?: T;
}

export function envSchema<P extends Record<string, EnvPiece>>(service: string, pieces: P): EnvSchema<Settings<P>> {
  const variables = new Map<string, Variable>();
  const production: ProductionRequirement[] = [];
  for (const piece of Object.values(pieces)) {
    for (const [name, variable] of Object.entries(piece.variables)) {
      const known = variables.get(name);
      // Two concerns reading one variable share its declaration, so it cannot mean two things.
      if (known !== undefined && known !== variable) throw new Error(`${name} is declared twice in the ${service} configuration`);
      variables.set(name, variable);
    }
    for (const requirement of piece.production) {
      if (!production.some((known) => known.anyOf.join() === requirement.anyOf.join())) production.push(requirement);
    }
  }
  return { service, pieces, variables, production };
}

/** A URL's password is never repeated: postgres://spo:secret@db/spo is shown as postgres://spo:***@db/spo. */
export function maskPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:@]*:)[^@/]*@/i, "$1***@");
}

function shown(variable: Variable, raw: string): string {
  return variable.secret ? "(set; not shown)" : JSON.stringify(maskPassword(raw));
}

function rawEnv(env: NodeJS.ProcessEnv, names: Iterable<string>): Record<string, RawValue> {
  return Object.fromEntries([...names].map((name) => [name, env[name] === "" ? undefined : env[name]]));
}

/**
 * Reads a service's configuration once, validated as a whole: every variable
 * through its schema, then production's requirements, then each piece's
 * settings. Every problem is reported together in one ConfigError (variable,
 * value unless secret, what is expected), so a start names all it needs at once.
 */
export function readEnv<T>(schema: EnvSchema<T>, env: NodeJS.ProcessEnv = process.env): T {
  const raw = rawEnv(env, schema.variables.keys());
  const context: EnvContext = { production: env.NODE_ENV === "production" };
  const shape = Object.fromEntries([...schema.variables].map(([name, variable]) => [name, variable.schema]));
  const parsed = z.object(shape).safeParse(raw);
  const problems: string[] = [];
  const failed = new Set<string>();
  for (const found of parsed.error?.issues ?? []) {
    const name = String(found.path[0]);
    failed.add(name);
    problems.push(`${name}=${shown(schema.variables.get(name)!, raw[name] ?? "")}: ${found.message}`);
  }
  if (context.production) {
    for (const requirement of schema.production) {
      if (requirement.anyOf.some((name) => raw[name] !== undefined)) continue;
      const names =
        requirement.anyOf.length === 1 ? `${requirement.anyOf[0]} is not set` : `none of ${requirement.anyOf.join(", ")} is set`;
      problems.push(`${names}: required with NODE_ENV=production (${requirement.why})`);
    }
  }
  // The valid variables' values, so that each piece whose own are all valid still says what else is wrong.
  const values: Record<string, unknown> = parsed.success
    ? parsed.data
    : Object.fromEntries(
        [...schema.variables].filter(([name]) => !failed.has(name)).map(([name, variable]) => [name, variable.schema.parse(raw[name])]),
      );
  const settings: Record<string, unknown> = {};
  for (const [key, piece] of Object.entries(schema.pieces)) {
    if (Object.keys(piece.variables).some((name) => failed.has(name))) continue;
    try {
      settings[key] = piece.read(values, context);
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      if (!problems.includes(problem)) problems.push(problem);
    }
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new ConfigError(`The ${schema.service} configuration has ${count}:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
  }
  return settings as T;
}

/** One concern's settings on their own (a test, a helper that needs only these). */
export function readPiece<T>(piece: EnvPiece<T>, env: NodeJS.ProcessEnv = process.env): T {
  return readEnv(envSchema("service", { piece }), env).piece;
}
