/**
 * Police National Computer (PNC) ID: YYYY/NNNNNNNC — year of issue, a 7-digit
 * serial, and a check character C = CHECK_CHARACTERS[(YY * 10^7 + serial) mod 23]
 * where YY is the last two digits of the year. The short form YY/NNNNNNNC is
 * accepted and normalised to the long form.
 */
const CHECK_CHARACTERS = "ZABCDEFGHJKLMNPQRTUVWXY";
const PNC_PATTERN = /^(\d{2}|\d{4})\/(\d{7})([A-Z])$/;

export function pncCheckCharacter(year: number, serial: number): string {
  return CHECK_CHARACTERS[((year % 100) * 10_000_000 + serial) % 23];
}

export function formatPncId(year: number, serial: number): string {
  return `${year}/${String(serial).padStart(7, "0")}${pncCheckCharacter(year, serial)}`;
}

export type PncParseResult = { ok: true; pncId: string } | { ok: false; problem: string };

/**
 * Validates a PNC ID and returns its normalised long form. A two-digit year is
 * read as the most recent year ending in those digits that is not in the future.
 */
export function parsePncId(input: string, currentYear: number): PncParseResult {
  const match = PNC_PATTERN.exec(input.trim().toUpperCase());
  if (!match) return { ok: false, problem: "must look like YYYY/NNNNNNNC (or YY/NNNNNNNC)" };
  const [, yearText, serialText, check] = match;
  let year = Number(yearText);
  if (yearText.length === 2) {
    const century = Math.floor(currentYear / 100) * 100;
    year = century + year > currentYear ? century - 100 + year : century + year;
  }
  if (year > currentYear) return { ok: false, problem: `year ${year} is in the future` };
  const serial = Number(serialText);
  const expected = pncCheckCharacter(year, serial);
  if (check !== expected) return { ok: false, problem: `check character is ${check}, expected ${expected}` };
  return { ok: true, pncId: formatPncId(year, serial) };
}
