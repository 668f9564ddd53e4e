/**
 * Typed, fail-fast reads of environment variables. Config modules call these
 * once at start-up; a bad value stops the process with a message naming the
 * variable instead of surfacing later as a confusing runtime error.
 */
export class ConfigError extends Error {}

export function envString(name: string, fallback?: string): string {
  const value = process.env[name];
  if (value !== undefined && value !== "") return value;
  if (fallback !== undefined) return fallback;
  throw new ConfigError(`Missing required environment variable ${name}`);
}

export function envOptional(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

export function envInt(name: string, fallback: number): number {
  const raw = envOptional(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`Environment variable ${name} must be a whole number; got "${raw}"`);
  return Number(raw);
}

export function envBoolean(name: string, fallback: boolean): boolean {
  const raw = envOptional(name);
  if (raw === undefined) return fallback;
  if (["1", "true", "yes"].includes(raw.toLowerCase())) return true;
  if (["0", "false", "no"].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`Environment variable ${name} must be true or false; got "${raw}"`);
}
