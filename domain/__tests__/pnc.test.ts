import { formatPncId, parsePncId, pncCheckCharacter } from "../pnc";

/**
 * The PNC ID check character, held to values worked out by hand from the rule
 * documented in domain/pnc.ts (C = "ZABCDEFGHJKLMNPQRTUVWXY"[(YY * 10^7 + serial) mod 23],
 * YY the last two digits of the year), never by calling the code under test:
 *   10^7 mod 23 = 14 (10, 8, 11, 18, 19, 6, 14 for 10^1..10^7).
 *   2001/0000001: (1*14 + 1) mod 23 = 15 -> Q
 *   1999/1234567: 99 mod 23 = 7, 7*14 = 98 = 6 (mod 23); 1234567 = 23*53676 + 19; 6 + 19 = 25 = 2 -> B
 *   2020/0012345: 20*14 = 280 = 4 (mod 23); 12345 = 23*536 + 17; 4 + 17 = 21 -> X
 *   2000/0000000: 0 -> Z
 *   2026/9999999: 26*14 = 364 = 19 (mod 23); 9999999 = 10^7 - 1 = 13 (mod 23); 19 + 13 = 32 = 9 -> J
 * The code cites no published real IDs, so these hand-derived ones stand in for them.
 */
const KNOWN: [year: number, serial: number, id: string][] = [
  [2001, 1, "2001/0000001Q"],
  [1999, 1234567, "1999/1234567B"],
  [2020, 12345, "2020/0012345X"],
  [2000, 0, "2000/0000000Z"],
  [2026, 9999999, "2026/9999999J"],
];

describe("the PNC ID check character", () => {
  it.each(KNOWN)("of %i/%i is the one worked out by hand", (year, serial, id) => {
    expect(pncCheckCharacter(year, serial)).toBe(id.slice(-1));
    expect(formatPncId(year, serial)).toBe(id);
  });

  it("depends on the last two digits of the year only (1901 and 2001 share it)", () => {
    expect(pncCheckCharacter(1901, 1)).toBe("Q");
    expect(pncCheckCharacter(2101, 1)).toBe("Q");
  });
});

describe("parsePncId", () => {
  it.each(KNOWN)("accepts %i/%i in its long form", (_year, _serial, id) => {
    expect(parsePncId(id, 2026)).toEqual({ ok: true, pncId: id });
  });

  it("accepts surrounding spaces and a lower-case check character, and normalises them", () => {
    expect(parsePncId("  2001/0000001q ", 2026)).toEqual({ ok: true, pncId: "2001/0000001Q" });
  });

  it("refuses a wrong check character, naming the expected one", () => {
    expect(parsePncId("2001/0000001A", 2026)).toEqual({ ok: false, problem: "check character is A, expected Q" });
  });

  it.each([
    "2001/000001Q",
    "2001/00000001Q",
    "201/0000001Q",
    "20011/0000001Q",
    "2001-0000001Q",
    "2001/0000001",
    "x2001/0000001Q",
    "2001/0000001QQ",
    "2001/00000O1Q",
    "",
  ])("refuses %j, which is not of the form", (input) => {
    expect(parsePncId(input, 2026)).toEqual({ ok: false, problem: "must look like YYYY/NNNNNNNC (or YY/NNNNNNNC)" });
  });

  it("refuses a year in the future, and accepts the current one", () => {
    expect(parsePncId("2027/0000001Q", 2026)).toEqual({ ok: false, problem: "year 2027 is in the future" });
    expect(parsePncId("2026/9999999J", 2026)).toEqual({ ok: true, pncId: "2026/9999999J" });
  });

  describe("a two-digit year", () => {
    it("is this century's when that year is not in the future", () => {
      expect(parsePncId("01/0000001Q", 2026)).toEqual({ ok: true, pncId: "2001/0000001Q" });
      expect(parsePncId("26/9999999J", 2026)).toEqual({ ok: true, pncId: "2026/9999999J" });
      expect(parsePncId("00/0000000Z", 2026)).toEqual({ ok: true, pncId: "2000/0000000Z" });
    });

    it("is last century's when this century's would be in the future", () => {
      expect(parsePncId("99/1234567B", 2026)).toEqual({ ok: true, pncId: "1999/1234567B" });
      expect(parsePncId("27/0000001Q", 2026)).toEqual({ ok: false, problem: "check character is Q, expected L" });
      // 1927: 27*14 = 378 = 10 (mod 23); + 1 = 11 -> L
      expect(parsePncId("27/0000001L", 2026)).toEqual({ ok: true, pncId: "1927/0000001L" });
    });

    it("follows the current year across a century", () => {
      expect(parsePncId("01/0000001Q", 2100)).toEqual({ ok: true, pncId: "2001/0000001Q" });
      expect(parsePncId("00/0000000Z", 2100)).toEqual({ ok: true, pncId: "2100/0000000Z" });
    });
  });
});
