import { readFileSync } from "node:fs";
import { repoPath } from "./repo-root";

/**
 * Reference data: police forces and courts of England and Wales, read once from
 * the checked-in files in schema/reference. Every subgraph validates force and
 * court codes against the same data; one subgraph serves it.
 */
export const REGIONS = [
  "LONDON",
  "NORTH_EAST",
  "NORTH_WEST",
  "YORKSHIRE_AND_THE_HUMBER",
  "EAST_MIDLANDS",
  "WEST_MIDLANDS",
  "EASTERN",
  "SOUTH_EAST",
  "SOUTH_WEST",
  "WALES",
  "NATIONAL",
] as const;
export type RegionCode = (typeof REGIONS)[number];

export interface ForceRecord {
  code: string;
  name: string;
  region: RegionCode;
}

export interface CourtRecord {
  code: string;
  name: string;
  forceCode: string;
  alsoKnownAs: string | null;
  /** True for courts invented for the demo data (forces with no court in the reference file). */
  synthetic: boolean;
}

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(repoPath("schema", "reference", file), "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  const columns = header.split(",");
  // The reference files hold no quoted commas; a naive split is exact for them.
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
  });
}

function loadForces(): ForceRecord[] {
  return readCsv("forces.csv").map((row) => {
    if (!(REGIONS as readonly string[]).includes(row.region)) {
      throw new Error(`forces.csv: unknown region ${row.region} for force ${row.code}`);
    }
    return { code: row.code, name: row.name, region: row.region as RegionCode };
  });
}

/** "Greater Manchester Police" -> "Greater Manchester": the area a synthetic court is named after. */
function forceArea(forceName: string): string {
  return forceName.replace(/\s+(Police( Service)?|Constabulary)$/, "").replace(/^(Police Service of )/, "");
}

function loadCourts(forces: readonly ForceRecord[]): CourtRecord[] {
  const real: CourtRecord[] = readCsv("courts.csv").map((row) => ({
    code: row.code,
    name: row.name,
    forceCode: row.force,
    alsoKnownAs: row.also_known_as || null,
    synthetic: false,
  }));
  const forcesWithCourts = new Set(real.map((court) => court.forceCode));
  // Synthetic OU codes use the letters XA, which no real HMCTS code in the file uses.
  const synthetic: CourtRecord[] = forces
    .filter((force) => !forcesWithCourts.has(force.code))
    .map((force) => ({
      code: `B${force.code}XA`,
      name: `${forceArea(force.name)} Magistrates' Court`,
      forceCode: force.code,
      alsoKnownAs: null,
      synthetic: true,
    }));
  return [...real, ...synthetic];
}

export const FORCES: readonly ForceRecord[] = loadForces();
export const COURTS: readonly CourtRecord[] = loadCourts(FORCES);

const forceByCode = new Map(FORCES.map((force) => [force.code, force]));
const courtByCode = new Map(COURTS.map((court) => [court.code, court]));

export function findForce(code: string): ForceRecord | undefined {
  return forceByCode.get(code);
}

export function findCourt(code: string): CourtRecord | undefined {
  return courtByCode.get(code);
}

export function forcesInRegion(region: RegionCode): ForceRecord[] {
  return FORCES.filter((force) => force.region === region);
}

export function courtsOfForce(forceCode: string): CourtRecord[] {
  return COURTS.filter((court) => court.forceCode === forceCode);
}
