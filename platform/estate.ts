import { readFileSync } from "node:fs";
import { repoPath } from "./repo-root";

/**
 * Estate data: police forces and courts of England and Wales, read once from
 * the checked-in files in schema/estate. Every subgraph validates force and
 * court codes against the same data; one subgraph serves it.
 *
 * Forces are the 43 territorial forces (each the chief officer of a police area)
 * and the two national ones that may apply for a stalking protection order
 * without a police area of their own: British Transport Police (93) and the
 * Ministry of Defence Police (94). Their region is NATIONAL. Courts are the
 * magistrates' courts applications are made to, the youth courts that hear them
 * when the respondent is 10 to 17, and the Crown Court centres appeals go to
 * (Stalking Protection Act 2019 s.7). Sources and the code scheme:
 * docs/data.md#estate-data.
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

/** The national forces have no police area of their own (the NATIONAL region); every other force is a police area's. */
export function hasPoliceArea(force: ForceRecord): boolean {
  return force.region !== "NATIONAL";
}

/** Which court a court is: where SPO applications are made (s.1), where they are made for a respondent under 18, where appeals go (s.7). */
export const COURT_JURISDICTIONS = ["MAGISTRATES", "YOUTH", "CROWN"] as const;
export type CourtJurisdiction = (typeof COURT_JURISDICTIONS)[number];

export interface CourtRecord {
  code: string;
  name: string;
  forceCode: string;
  alsoKnownAs: string | null;
  jurisdiction: CourtJurisdiction;
  /** True for courts invented for the demo data (forces with no court in the reference file). */
  synthetic: boolean;
}

function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(repoPath("schema", "estate", file), "utf8")
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

function courtJurisdiction(row: Record<string, string>): CourtJurisdiction {
  if (!(COURT_JURISDICTIONS as readonly string[]).includes(row.jurisdiction)) {
    throw new Error(`courts.csv: unknown jurisdiction ${row.jurisdiction} for court ${row.code}`);
  }
  return row.jurisdiction as CourtJurisdiction;
}

function loadCourts(forces: readonly ForceRecord[]): CourtRecord[] {
  const real: CourtRecord[] = readCsv("courts.csv").map((row) => ({
    code: row.code,
    name: row.name,
    forceCode: row.force,
    alsoKnownAs: row.also_known_as || null,
    jurisdiction: courtJurisdiction(row),
    synthetic: false,
  }));
  // Every force has a magistrates' court to apply to; a Crown Court or youth court of its area does not stand in for one.
  const forcesWithCourts = new Set(real.filter((court) => court.jurisdiction === "MAGISTRATES").map((court) => court.forceCode));
  // Synthetic OU codes use the letters XA, which no real HMCTS code in the file uses.
  const synthetic: CourtRecord[] = forces
    .filter((force) => !forcesWithCourts.has(force.code))
    .map((force) => ({
      code: `B${force.code}XA`,
      name: `${forceArea(force.name)} Magistrates' Court`,
      forceCode: force.code,
      alsoKnownAs: null,
      jurisdiction: "MAGISTRATES" as const,
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

/** A force's courts of one jurisdiction: its magistrates' courts unless asked otherwise (where applications and breach cases begin). */
export function courtsOfForce(forceCode: string, jurisdiction: CourtJurisdiction = "MAGISTRATES"): CourtRecord[] {
  return COURTS.filter((court) => court.forceCode === forceCode && court.jurisdiction === jurisdiction);
}
