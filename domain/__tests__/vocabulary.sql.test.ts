import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoPath } from "../../platform/repo-root";
import {
  Appealable,
  AppealOutcome,
  Appellant,
  AreaGround,
  BreachOffenceType,
  BreachStatus,
  HearingLanguage,
  HearingStatus,
  ListingChangeKind,
  ORDER_END_REASONS,
  OrderKind,
  Section4Applicant,
} from "../vocabulary";

/**
 * The text columns that hold a value of the vocabulary check it in SQL with a
 * literal list. Each list must be exactly the enum's values (domain/vocabulary.ts),
 * so a value added to the contract is not refused by the database, nor a value
 * the contract dropped accepted. Every CHECK ... IN list of every migration is
 * accounted for here, so a new one cannot slip past.
 */
const VOCABULARY_COLUMNS: Record<string, readonly string[]> = {
  "stalking_protection_order.kind": Object.values(OrderKind),
  "stalking_protection_order.end_reason": ORDER_END_REASONS,
  "court_hearing.status": Object.values(HearingStatus),
  "breach_offence.offence_type": Object.values(BreachOffenceType),
  "breach_offence.status": Object.values(BreachStatus),
  "order_application.area_ground": Object.values(AreaGround),
  "court_hearing.appeal_outcome": Object.values(AppealOutcome),
  "court_hearing.appeal_against": Object.values(Appealable),
  "court_hearing.appellant": Object.values(Appellant),
  "court_hearing.section4_application_by": Object.values(Section4Applicant),
  "court_hearing.hearing_language": Object.values(HearingLanguage),
  "court_hearing_listing.kind": Object.values(ListingChangeKind),
};

/** Lists of values the public contract does not expose: they have no enum to agree with. */
const INTERNAL_COLUMNS = ["order_term.category", "person_role.role"];

const MIGRATION_ROOTS = ["subgraphs", "domain", "platform"].map((folder) => repoPath(folder));

function migrationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__tests__" ? [] : migrationFiles(full);
    return entry.name.endsWith(".sql") && full.includes(`${path.sep}migrations${path.sep}`) ? [full] : [];
  });
}

interface CheckedList {
  column: string;
  values: string[];
  file: string;
}

/** `CHECK (column IN ('A', 'B'))` constraints, each named by the table created or altered before it in its file. */
function checkedLists(file: string): CheckedList[] {
  const sql = readFileSync(file, "utf8");
  const lists: CheckedList[] = [];
  let table = "?";
  for (const match of sql.matchAll(/(?:CREATE|ALTER) TABLE (?:IF NOT EXISTS )?(\w+)|CHECK \((\w+) IN \(([^)]*)\)\)/g)) {
    if (match[1]) table = match[1];
    else lists.push({ column: `${table}.${match[2]}`, values: [...match[3].matchAll(/'([^']*)'/g)].map((value) => value[1]), file });
  }
  return lists;
}

/** Migrations run in file name order; a later one may redefine a column's list, and the latest is what holds. */
const lists = [
  ...new Map(
    MIGRATION_ROOTS.flatMap((root) => migrationFiles(root).sort((a, b) => path.basename(a).localeCompare(path.basename(b))))
      .flatMap(checkedLists)
      .map((list) => [list.column, list]),
  ).values(),
];

describe("the vocabulary in the migrations' CHECK constraints", () => {
  it("finds the lists it checks (the scan reads the migrations)", () => {
    expect(lists.map((list) => list.column).sort()).toEqual([...Object.keys(VOCABULARY_COLUMNS), ...INTERNAL_COLUMNS].sort());
  });

  it.each(Object.entries(VOCABULARY_COLUMNS))("%s allows exactly the enum's values", (column, values) => {
    for (const list of lists.filter((l) => l.column === column)) {
      expect({ file: path.basename(list.file), values: [...list.values].sort() }).toEqual({
        file: path.basename(list.file),
        values: [...values].sort(),
      });
    }
  });
});
