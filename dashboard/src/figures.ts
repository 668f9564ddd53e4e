import { monthLabel, type Month } from "./period";

export type Measure = "interimOrdersMade" | "fullOrdersMade" | "activeOrders" | "breachesReported" | "breachConvictions";

/**
 * One row of spoStatistics, as the API returns it: no figure is rounded,
 * suppressed or made up here. An operation asks for the figures of one
 * subgraph (orders, or breaches), so a row has those measures only.
 */
export type StatisticsRow = { scope: string; label: string } & Partial<Record<Measure, number>>;

/** Which operation gives a measure: the orders subgraph's figures, or the breaches subgraph's. */
export const ORDER_MEASURES: readonly Measure[] = ["interimOrdersMade", "fullOrdersMade", "activeOrders"];
export const isOrderMeasure = (measure: Measure) => ORDER_MEASURES.includes(measure);

export const MEASURES: readonly { key: Measure; label: string }[] = [
  { key: "interimOrdersMade", label: "Interim orders made" },
  { key: "fullOrdersMade", label: "Full orders made" },
  { key: "activeOrders", label: "Orders in force at the end" },
  { key: "breachesReported", label: "Breaches reported" },
  { key: "breachConvictions", label: "Breach convictions" },
];
export const measureLabel = (key: Measure) => MEASURES.find((measure) => measure.key === key)!.label;

/** What one request for one month (or the whole period) gave: its rows, or null when the API gave none. */
export interface Answer {
  rows: StatisticsRow[] | null;
  /** The answer carried errors (a subgraph unavailable, say): what it has is shown, marked partial. */
  partial: boolean;
}

/** A chart, its table and its CSV: one set of figures, so what is drawn is what is tabled and downloaded. */
export interface Figure {
  id: string;
  title: string;
  kind: "monthly" | "ranked";
  /** x axis (months) or y axis (forces, ranked). */
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  table: { columns: string[]; rows: string[][] };
  summary: string;
  partial: boolean;
}

export const NOT_AVAILABLE = "not available";

const cell = (value: number | null | undefined) => (value === null || value === undefined ? NOT_AVAILABLE : String(value));

/** A group to show: its scope and label, in the order of the API's answer. */
export interface Group {
  scope: string;
  label: string;
}

/** The groups of the answers (every month's), kept if `keep` says so, in first-seen order. */
export function groupsOf(answers: readonly Answer[], keep: (scope: string) => boolean): Group[] {
  const groups = new Map<string, Group>();
  for (const answer of answers) {
    for (const row of answer.rows ?? [])
      if (keep(row.scope) && !groups.has(row.scope)) groups.set(row.scope, { scope: row.scope, label: row.label });
  }
  return [...groups.values()];
}

/** One chart of measures per month, a series per (measure, group). */
export function monthlyFigure(
  id: string,
  title: string,
  measures: readonly Measure[],
  months: readonly Month[],
  answers: readonly Answer[],
  groups: readonly Group[],
): Figure {
  const series: Figure["series"] = [];
  const valueOf = (monthIndex: number, scope: string, measure: Measure): number | null => {
    const row = answers[monthIndex].rows?.find((candidate) => candidate.scope === scope);
    return row?.[measure] ?? null;
  };
  for (const measure of measures) {
    for (const group of groups) {
      series.push({
        name: groups.length === 1 ? `${measureLabel(measure)} (${group.label})` : `${measureLabel(measure)}, ${group.label}`,
        values: months.map((_, index) => valueOf(index, group.scope, measure)),
      });
    }
  }
  const rows: string[][] = [];
  months.forEach((month, index) => {
    for (const group of groups) {
      rows.push([
        month,
        group.label,
        ...measures.map((measure) => cell(valueOf(index, group.scope, measure))),
        answers[index].partial ? "partial" : "complete",
      ]);
    }
  });
  const partial = answers.some((answer) => answer.partial);
  const missing = months.filter((_, index) => answers[index].rows === null).map(monthLabel);
  const totals = measures.map((measure) => {
    let total = 0;
    let counted = 0;
    for (const entry of series.filter((candidate) => candidate.name.startsWith(measureLabel(measure)))) {
      for (const value of entry.values) {
        if (value === null) continue;
        total += value;
        counted += 1;
      }
    }
    return `${measureLabel(measure)}: ${counted > 0 ? total : NOT_AVAILABLE}`;
  });
  const summary =
    `${title}, ${monthLabel(months[0])} to ${monthLabel(months[months.length - 1])}, ${groups.length} ${groups.length === 1 ? "group" : "groups"} ` +
    `(${groups.map((group) => group.label).join(", ") || "none"}). Sum over the months shown: ${totals.join("; ")}.` +
    (missing.length > 0 ? ` Not available for: ${missing.join(", ")}.` : "") +
    (partial ? " Partial: the API reported errors for some of these figures." : "");
  return {
    id,
    title,
    kind: "monthly",
    categories: [...months],
    series,
    table: { columns: ["Month", "Group", ...measures.map(measureLabel), "Data"], rows },
    summary,
    partial,
  };
}

/** Forces ranked by one measure over the whole period, highest first (ties by label). */
export function rankedFigure(id: string, measure: Measure, period: string, answer: Answer, keep: (scope: string) => boolean): Figure {
  const value = (row: StatisticsRow) => row[measure] ?? null;
  const ranked = (answer.rows ?? [])
    .filter((row) => keep(row.scope) && value(row) !== null)
    .sort((a, b) => value(b)! - value(a)! || a.label.localeCompare(b.label));
  const title = `Forces ranked by ${measureLabel(measure).toLowerCase()}`;
  const top = ranked.slice(0, 3).map((row) => `${row.label} ${row[measure]}`);
  const summary =
    answer.rows === null
      ? `${title}, ${period}: not available.`
      : `${title}, ${period}: ${ranked.length} forces. Highest: ${top.join(", ") || "none"}.` +
        (answer.partial ? " Partial: the API reported errors for some of these figures." : "");
  return {
    id,
    title,
    kind: "ranked",
    categories: ranked.map((row) => row.label),
    series: [{ name: measureLabel(measure), values: ranked.map(value) }],
    table: {
      columns: ["Rank", "Force", measureLabel(measure), "Data"],
      rows: ranked.map((row, index) => [String(index + 1), row.label, String(value(row)), answer.partial ? "partial" : "complete"]),
    },
    summary,
    partial: answer.partial,
  };
}

/** RFC 4180: every cell quoted when it needs to be; a cell starting with =, +, - or @ is prefixed so no spreadsheet runs it. */
export function toCsv(table: Figure["table"]): string {
  const quote = (text: string) => {
    const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [table.columns, ...table.rows].map((row) => row.map(quote).join(",")).join("\r\n") + "\r\n";
}
