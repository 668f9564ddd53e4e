import fc from "fast-check";
import { checkApplication, type ApplicationInput } from "../applications";

/**
 * Who may apply, to which court (Stalking Protection Act 2019 s.1, s.5). Every refusal is compared in full: the
 * argument is what the API names in BAD_USER_INPUT, the reason what the applicant reads.
 */
const application = (overrides: Partial<ApplicationInput> = {}): ApplicationInput => ({
  applicantForceCode: "07",
  courtCode: "B07ED",
  appliedOn: "2026-03-02",
  respondentDateOfBirth: "1990-05-01",
  respondentHomeForceCode: "07",
  areaGround: "RESIDES_IN_AREA",
  beliefReason: null,
  interimSought: false,
  ...overrides,
});

const refused = (argument: string, reason: string) => ({ ok: false, argument, reason });

describe("an application by a chief officer of a police area (s.1(3))", () => {
  it("is accepted about a respondent residing in the area, for a full order, or an interim and a full order", () => {
    expect(checkApplication(application())).toEqual({ ok: true, courtJurisdiction: "MAGISTRATES", ordersApplied: ["FULL"] });
    expect(checkApplication(application({ interimSought: true }))).toEqual({
      ok: true,
      courtJurisdiction: "MAGISTRATES",
      ordersApplied: ["INTERIM", "FULL"],
    });
    expect(checkApplication(application({ respondentHomeForceCode: null })).ok).toBe(true);
  });

  it("needs a ground", () => {
    expect(checkApplication(application({ areaGround: null }))).toEqual(
      refused(
        "areaGround",
        "Cheshire Constabulary may apply only about a person who resides in its police area, or whom it believes is in it or is intending to come to it (s.1(3)); say which",
      ),
    );
  });

  it("refuses residence in the area when the respondent's known home is in another force's area", () => {
    expect(checkApplication(application({ respondentHomeForceCode: "21" }))).toEqual(
      refused(
        "areaGround",
        "the respondent's known home address is in the area of Staffordshire Police, not Cheshire Constabulary; apply on a belief that the respondent is in the area or is coming to it (s.1(3)(b))",
      ),
    );
    expect(checkApplication(application({ respondentHomeForceCode: "77" }))).toMatchObject({ argument: "areaGround" });
    expect((checkApplication(application({ respondentHomeForceCode: "77" })) as { reason: string }).reason).toContain("area of force 77");
  });

  it.each([
    ["residence in the area", { areaGround: "RESIDES_IN_AREA" }],
    ["no ground (a force with a police area)", { areaGround: null }],
    ["no ground (British Transport Police, no police area)", { applicantForceCode: "93", areaGround: null }],
  ] as const)("refuses what a belief rests on beside %s: it is case detail for nothing the Act asks", (_, overrides) => {
    expect(checkApplication(application({ ...overrides, beliefReason: "works in Crewe" }))).toEqual(
      refused("beliefReason", "only a belief (BELIEVED_IN_AREA, BELIEVED_COMING_TO_AREA) rests on a reason"),
    );
    expect(checkApplication(application({ ...overrides, beliefReason: "   " })).ok).toBe(
      overrides.areaGround === "RESIDES_IN_AREA" || "applicantForceCode" in overrides,
    );
  });

  it.each(["BELIEVED_IN_AREA", "BELIEVED_COMING_TO_AREA"] as const)(
    "accepts %s about a respondent living elsewhere with what the belief rests on, of ten characters or more",
    (areaGround) => {
      const elsewhere = { respondentHomeForceCode: "21", areaGround };
      expect(checkApplication(application({ ...elsewhere, beliefReason: "  works in Crewe " })).ok).toBe(true);
      const needsReason = refused(
        "beliefReason",
        "a belief that the respondent is in the area or is coming to it (s.1(3)(b)) needs what it rests on, at least 10 characters",
      );
      expect(checkApplication(application({ ...elsewhere, beliefReason: null }))).toEqual(needsReason);
      expect(checkApplication(application({ ...elsewhere, beliefReason: "  123456789  " }))).toEqual(needsReason);
      expect(checkApplication(application({ ...elsewhere, beliefReason: "1234567890" })).ok).toBe(true);
    },
  );

  it("refuses an unknown force", () => {
    expect(checkApplication(application({ applicantForceCode: "99" }))).toEqual(refused("applicantForceCode", 'unknown force code "99"'));
  });
});

describe("an application by a national force without a police area", () => {
  it.each(["93", "94"])("force %s applies about anyone, wherever they live, with no ground", (applicantForceCode) => {
    expect(checkApplication(application({ applicantForceCode, areaGround: null, respondentHomeForceCode: "50" }))).toEqual({
      ok: true,
      courtJurisdiction: "MAGISTRATES",
      ordersApplied: ["FULL"],
    });
  });
});

describe("the court of an application (s.1(1))", () => {
  it("refuses an unknown court and the Crown Court", () => {
    expect(checkApplication(application({ courtCode: "B07ZZ" }))).toEqual(refused("courtCode", 'unknown court code "B07ZZ"'));
    expect(checkApplication(application({ courtCode: "C07CH" }))).toEqual(
      refused(
        "courtCode",
        "Chester Crown Court is the Crown Court: an application is made to a magistrates' court (s.1(1)); the Crown Court hears appeals (s.7)",
      ),
    );
  });

  it("is the youth court for a respondent of 10 to 17 on the day of application, to the day", () => {
    const youth = { courtCode: "B07YC" };
    expect(checkApplication(application({ ...youth, respondentDateOfBirth: "2016-03-02" }))).toEqual({
      ok: true,
      courtJurisdiction: "YOUTH",
      ordersApplied: ["FULL"],
    });
    expect(checkApplication(application({ ...youth, respondentDateOfBirth: "2008-03-03" })).ok).toBe(true);
    expect(checkApplication(application({ respondentDateOfBirth: "2008-03-03" }))).toEqual(
      refused(
        "courtCode",
        "the respondent is 17 on 2026-03-02: the application is made to a youth court, not Crewe (South Cheshire) Magistrates' Court",
      ),
    );
    expect(checkApplication(application({ ...youth, respondentDateOfBirth: "2008-03-02" }))).toEqual(
      refused(
        "courtCode",
        "Chester Youth Court hears applications about respondents aged 10 to 17, and the respondent is 18 on 2026-03-02",
      ),
    );
    expect(checkApplication(application({ ...youth, respondentDateOfBirth: null }))).toEqual(
      refused(
        "courtCode",
        "Chester Youth Court hears applications about respondents aged 10 to 17, and the respondent's date of birth is not given",
      ),
    );
  });

  it("refuses a respondent under 10, and a date of birth that is no date or after the application", () => {
    expect(checkApplication(application({ courtCode: "B07YC", respondentDateOfBirth: "2016-03-03" }))).toEqual(
      refused(
        "respondentDateOfBirth",
        "the respondent is 9 on 2026-03-02: under 10, the age of criminal responsibility, breach of an order could not be prosecuted",
      ),
    );
    expect(checkApplication(application({ respondentDateOfBirth: "2026-03-03" }))).toEqual(
      refused("respondentDateOfBirth", "must be a date YYYY-MM-DD on or before the day of application (2026-03-02); got 2026-03-03"),
    );
    expect(checkApplication(application({ respondentDateOfBirth: "1990-02-30" }))).toMatchObject({ argument: "respondentDateOfBirth" });
    expect(checkApplication(application({ respondentDateOfBirth: "2026-03-02", courtCode: "B07YC" }))).toMatchObject({
      argument: "respondentDateOfBirth",
    });
  });
});

describe("the day of application", () => {
  it("is a date on or after section 1 came into force (20 January 2020)", () => {
    expect(checkApplication(application({ appliedOn: "2020-01-20" })).ok).toBe(true);
    expect(checkApplication(application({ appliedOn: "2020-01-19" }))).toEqual(
      refused("appliedOn", "section 1 of the Stalking Protection Act 2019 is in force from 2020-01-20; got 2020-01-19"),
    );
    expect(checkApplication(application({ appliedOn: "2026-13-01" }))).toEqual(
      refused("appliedOn", "must be a date YYYY-MM-DD; got 2026-13-01"),
    );
  });
});

describe("the application rules, over any respondent and any day", () => {
  const day = fc
    .date({ min: new Date("2020-01-20T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const birth = fc
    .date({ min: new Date("1940-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  /** Age worked out again by counting birthdays, not by the code's rule. */
  const ageByBirthdays = (dob: string, on: string) => {
    let age = 0;
    while (true) {
      const year = Number(dob.slice(0, 4)) + age + 1;
      const birthday =
        dob.slice(5) === "02-29" && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))
          ? `${year}-03-01`
          : `${year}${dob.slice(4)}`;
      if (birthday > on || age > 200) return age;
      age++;
    }
  };

  it("accept exactly one of the magistrates' court and the youth court for a respondent of 10 or over, by age", () => {
    fc.assert(
      fc.property(day, birth, (appliedOn, dob) => {
        fc.pre(dob <= appliedOn);
        const age = ageByBirthdays(dob, appliedOn);
        const atMagistrates = checkApplication(application({ appliedOn, respondentDateOfBirth: dob }));
        const atYouth = checkApplication(application({ appliedOn, respondentDateOfBirth: dob, courtCode: "B07YC" }));
        if (age < 10) {
          expect([atMagistrates, atYouth].every((check) => !check.ok && check.argument === "respondentDateOfBirth")).toBe(true);
        } else {
          expect(atMagistrates.ok).toBe(age >= 18);
          expect(atYouth.ok).toBe(age < 18);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("never refuse a national force on the ground of its area, wherever the respondent lives", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("93", "94"),
        fc.option(fc.constantFrom("01", "07", "21", "50")),
        fc.option(fc.constantFrom("RESIDES_IN_AREA", "BELIEVED_IN_AREA", "BELIEVED_COMING_TO_AREA" as const)),
        (force, home, ground) => {
          expect(
            checkApplication(
              application({ applicantForceCode: force, respondentHomeForceCode: home, areaGround: ground, beliefReason: null }),
            ).ok,
          ).toBe(true);
        },
      ),
    );
  });
});
