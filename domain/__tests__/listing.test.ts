import {
  checkNewListing,
  checkNextHearing,
  checkRelisting,
  checkSlot,
  checkVacating,
  markersAt,
  MAX_LISTING_REASON_LENGTH,
  nextListingSequence,
  type ListedHearing,
  type ListedOrder,
  type ListingSlot,
} from "../listing";

/** Listing a hearing, moving it and taking it out of the list; an adjournment's next hearing. */
const TODAY = "2026-11-23"; // a Monday
const CREWE = "B07ED";
const CHESTER_CROWN = "C07CH";
const context = { today: TODAY, coversCourt: (code: string) => code.startsWith("B07") || code.startsWith("C07"), takenSequences: [] };
const at = (instant: string, extra: Partial<ListingSlot> = {}): ListingSlot => ({
  courtCode: CREWE,
  listedFor: new Date(instant),
  courtroom: "Courtroom 2",
  listingSequence: null,
  listedDurationMinutes: 30,
  ...extra,
});
const refused = (argument: string, reason: string) => ({ ok: false, argument, reason });

const IN_FORCE: ListedOrder = {
  kind: "FULL",
  madeOn: "2025-01-10",
  expiresOn: "2027-01-10",
  untilFurtherOrder: false,
  endedOn: null,
  endReason: null,
};
const APPLIED_INTERIM: ListedOrder = { ...IN_FORCE, kind: "INTERIM", madeOn: null, expiresOn: null };

describe("a place in the list", () => {
  it("accepts a weekday from today on, at a court of the caller's that hears the type", () => {
    expect(checkSlot("REVIEW", at("2026-11-23T14:00:00Z"), context)).toEqual({ ok: true });
    expect(checkSlot("APPEAL", at("2026-12-01T10:00:00Z", { courtCode: CHESTER_CROWN }), context)).toEqual({ ok: true });
  });

  it("refuses a court that is not the caller's, or unknown, alike", () => {
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { courtCode: "B21DA" }), context)).toEqual(
      refused("courtCode", 'no court "B21DA" among your courts'),
    );
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { courtCode: "B07ZZ" }), context)).toEqual(
      refused("courtCode", 'no court "B07ZZ" among your courts'),
    );
  });

  it("refuses a court that does not hear the type: a review at the Crown Court, an appeal at a magistrates' court", () => {
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { courtCode: CHESTER_CROWN }), context)).toMatchObject({
      ok: false,
      argument: "courtCode",
    });
    expect(checkSlot("APPEAL", at("2026-11-24T10:00:00Z"), context)).toMatchObject({ ok: false, argument: "courtCode" });
  });

  it("refuses a sitting day in the past, by the day in England and Wales", () => {
    // 00:30 on the 23rd in London is 23:30 UTC on the 22nd in summer time; in November London is on UTC.
    expect(checkSlot("REVIEW", at("2026-11-20T10:00:00Z"), context)).toEqual(
      refused("listedFor", "the sitting day 2026-11-20 is in the past (today is 2026-11-23)"),
    );
    expect(checkSlot("REVIEW", at("2026-11-23T00:30:00Z"), context)).toEqual({ ok: true });
  });

  it("refuses a day the court does not sit", () => {
    expect(checkSlot("REVIEW", at("2026-11-28T10:00:00Z"), context)).toEqual(
      refused("listedFor", "Crewe (South Cheshire) Magistrates' Court does not sit on 2026-11-28, a Saturday"),
    );
    expect(checkSlot("REVIEW", at("2026-11-29T10:00:00Z"), context)).toMatchObject({ ok: false, argument: "listedFor" });
  });

  it("refuses a length outside one sitting day, an empty or long courtroom", () => {
    for (const minutes of [0, -5, 361, 2.5]) {
      expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { listedDurationMinutes: minutes }), context)).toMatchObject({
        argument: "listedDurationMinutes",
      });
    }
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { listedDurationMinutes: 360 }), context)).toEqual({ ok: true });
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { courtroom: "" }), context)).toMatchObject({ argument: "courtroom" });
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { courtroom: "x".repeat(41) }), context)).toMatchObject({
      argument: "courtroom",
    });
  });

  it("refuses a sequence taken in the courtroom that day, or not a position", () => {
    const taken = { ...context, takenSequences: [1, 2] };
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { listingSequence: 2 }), taken)).toEqual(
      refused("listingSequence", "2 is taken in Courtroom 2 on 2026-11-24"),
    );
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { listingSequence: 0 }), taken)).toMatchObject({
      argument: "listingSequence",
    });
    expect(checkSlot("REVIEW", at("2026-11-24T10:00:00Z", { listingSequence: 3 }), taken)).toEqual({ ok: true });
  });

  it("gives a hearing listed without a sequence the place after the last", () => {
    expect(nextListingSequence([])).toBe(1);
    expect(nextListingSequence([3, 1, 2])).toBe(4);
    expect(nextListingSequence([5])).toBe(6);
  });
});

describe("listing a new hearing about an order", () => {
  const slot = at("2026-11-24T10:00:00Z");

  it("lists an application about the order applied for, a review about an order in force", () => {
    expect(checkNewListing("INTERIM_APPLICATION", APPLIED_INTERIM, slot, context)).toEqual({ ok: true });
    expect(checkNewListing("FULL_APPLICATION", { ...APPLIED_INTERIM, kind: "FULL" }, slot, context)).toEqual({ ok: true });
    expect(checkNewListing("FULL_APPLICATION", { ...IN_FORCE, kind: "INTERIM", expiresOn: null }, slot, context)).toEqual({ ok: true });
    for (const type of ["REVIEW", "VARIATION", "RENEWAL", "DISCHARGE"] as const) {
      expect(checkNewListing(type, IN_FORCE, slot, context)).toEqual({ ok: true });
    }
  });

  it("refuses a hearing about an order not in the state it is for", () => {
    expect(checkNewListing("REVIEW", APPLIED_INTERIM, slot, context)).toEqual(
      refused("orderId", "a REVIEW hearing is about an order in force; the interim order is APPLIED"),
    );
    expect(checkNewListing("VARIATION", { ...IN_FORCE, expiresOn: "2026-01-01" }, slot, context)).toMatchObject({
      argument: "orderId",
    });
    expect(checkNewListing("INTERIM_APPLICATION", IN_FORCE, slot, context)).toMatchObject({ argument: "orderId" });
    expect(checkNewListing("APPEAL", APPLIED_INTERIM, at("2026-11-24T10:00:00Z", { courtCode: CHESTER_CROWN }), context)).toMatchObject({
      argument: "orderId",
    });
  });

  it("lists an appeal against a refusal or a discharge at the Crown Court", () => {
    const refusedOrder = { ...APPLIED_INTERIM, endedOn: "2026-11-02", endReason: "REFUSED" as const };
    expect(checkNewListing("APPEAL", refusedOrder, at("2026-11-24T10:00:00Z", { courtCode: CHESTER_CROWN }), context)).toEqual({
      ok: true,
    });
  });

  it("refuses a breach hearing: those continue from the hearing before them", () => {
    expect(checkNewListing("BREACH_TRIAL", IN_FORCE, slot, context)).toMatchObject({ ok: false, argument: "type" });
  });

  it("checks the place after the order", () => {
    expect(checkNewListing("REVIEW", IN_FORCE, at("2026-11-20T10:00:00Z"), context)).toMatchObject({ argument: "listedFor" });
  });
});

const LISTED: ListedHearing = { ...at("2026-11-24T10:00:00Z", { listingSequence: 1 }), type: "REVIEW", status: "LISTED" };

describe("relisting a hearing", () => {
  it("moves a listed hearing to another day, courtroom or court of the caller's, with a reason", () => {
    expect(checkRelisting(LISTED, { ...LISTED, listedFor: new Date("2026-11-26T10:00:00Z") }, "Judge unavailable", context)).toEqual({
      ok: true,
    });
    expect(checkRelisting(LISTED, { ...LISTED, courtCode: "B07DM", courtroom: "1" }, "Court closed", context)).toEqual({ ok: true });
  });

  it("refuses a hearing that is no longer listed", () => {
    for (const status of ["HEARD", "ADJOURNED", "VACATED"] as const) {
      expect(checkRelisting({ ...LISTED, status }, { ...LISTED, courtroom: "3" }, "Moved", context)).toEqual(
        refused("hearingId", `the hearing is ${status}; only a LISTED hearing can be relisted or vacated`),
      );
    }
  });

  it("refuses no reason, a reason too long, a move that changes nothing, a place it cannot take", () => {
    expect(checkRelisting(LISTED, { ...LISTED, courtroom: "3" }, "", context)).toEqual(refused("reason", "say why the listing changes"));
    expect(checkRelisting(LISTED, { ...LISTED, courtroom: "3" }, "x".repeat(MAX_LISTING_REASON_LENGTH + 1), context)).toMatchObject({
      argument: "reason",
    });
    expect(checkRelisting(LISTED, { ...LISTED }, "Moved", context)).toMatchObject({ argument: "listedFor" });
    expect(checkRelisting(LISTED, { ...LISTED, listedFor: new Date("2026-11-19T10:00:00Z") }, "Moved", context)).toMatchObject({
      argument: "listedFor",
    });
    expect(checkRelisting(LISTED, { ...LISTED, courtCode: "B21DA" }, "Moved", context)).toMatchObject({ argument: "courtCode" });
  });
});

describe("vacating a hearing", () => {
  it("takes a listed hearing out of the list with a reason", () => {
    expect(checkVacating(LISTED, "Application withdrawn before the hearing")).toEqual({ ok: true });
    // A hearing whose day has passed without an outcome can still be taken out.
    expect(checkVacating({ ...LISTED, listedFor: new Date("2026-11-02T10:00:00Z") }, "Listed in error")).toEqual({ ok: true });
  });

  it("refuses one no longer listed, or no reason", () => {
    expect(checkVacating({ ...LISTED, status: "VACATED" }, "Again")).toMatchObject({ argument: "hearingId" });
    expect(checkVacating({ ...LISTED, status: "HEARD" }, "Undo")).toMatchObject({ argument: "hearingId" });
    expect(checkVacating(LISTED, "")).toMatchObject({ argument: "reason" });
  });
});

describe("the next hearing of an adjournment", () => {
  const adjourned = { type: "REVIEW" as const, listedFor: new Date("2026-11-23T10:00:00Z") };
  const next = { ...at("2026-12-07T10:00:00Z"), type: "REVIEW" as const };

  it("lists a later day for the same business", () => {
    expect(checkNextHearing("ADJOURNED", adjourned, next, context)).toEqual({ ok: true });
  });

  it("is refused on an outcome that is not an adjournment", () => {
    for (const status of ["HEARD", "VACATED"] as const) {
      expect(checkNextHearing(status, adjourned, next, context)).toEqual(
        refused("nextHearing", `only an adjournment lists a next hearing; this outcome is ${status}`),
      );
    }
  });

  it("is refused on or before the adjourned hearing's day, or in the past", () => {
    expect(checkNextHearing("ADJOURNED", adjourned, { ...next, listedFor: new Date("2026-11-23T15:00:00Z") }, context)).toEqual(
      refused("nextHearing.listedFor", "the next hearing sits after the adjourned one (2026-11-23); got 2026-11-23"),
    );
    const earlier = { type: "REVIEW" as const, listedFor: new Date("2026-11-02T10:00:00Z") };
    expect(checkNextHearing("ADJOURNED", earlier, { ...next, listedFor: new Date("2026-11-10T10:00:00Z") }, context)).toEqual(
      refused("nextHearing.listedFor", "the sitting day 2026-11-10 is in the past (today is 2026-11-23)"),
    );
  });

  it("continues the same business: a breach case may move on to its trial, a review stays a review", () => {
    const firstAppearance = { type: "BREACH_FIRST_APPEARANCE" as const, listedFor: adjourned.listedFor };
    expect(checkNextHearing("ADJOURNED", firstAppearance, { ...next, type: "BREACH_TRIAL" }, context)).toEqual({ ok: true });
    expect(checkNextHearing("ADJOURNED", adjourned, { ...next, type: "DISCHARGE" }, context)).toEqual(
      refused("nextHearing.type", "an adjourned REVIEW hearing continues as REVIEW, not DISCHARGE"),
    );
  });

  it("names the next hearing's field at fault in its place", () => {
    expect(checkNextHearing("ADJOURNED", adjourned, { ...next, courtCode: "B21DA" }, context)).toMatchObject({
      argument: "nextHearing.courtCode",
    });
  });
});

describe("what a court list says of a hearing besides its place", () => {
  it("keeps what the court gives elsewhere than a youth court, once each in the vocabulary's order", () => {
    expect(
      markersAt(CREWE, { reportingRestrictions: ["MATTER_WITHHELD", "YOUTH_DIRECTION", "MATTER_WITHHELD"], youthMarker: null }),
    ).toEqual({
      ok: true,
      markers: { reportingRestrictions: ["YOUTH_DIRECTION", "MATTER_WITHHELD"], youthMarker: false },
    });
    expect(markersAt(CREWE, { reportingRestrictions: null, youthMarker: true })).toEqual({
      ok: true,
      markers: { reportingRestrictions: [], youthMarker: true },
    });
  });

  it("marks a youth court's hearing a youth case with the automatic restriction, and refuses saying otherwise", () => {
    expect(markersAt("B07YC", { reportingRestrictions: null, youthMarker: null })).toEqual({
      ok: true,
      markers: { reportingRestrictions: ["YOUTH_COURT_AUTOMATIC"], youthMarker: true },
    });
    expect(markersAt("B07YC", { reportingRestrictions: [], youthMarker: false })).toMatchObject({ ok: false, argument: "youthMarker" });
  });

  it("refuses the youth court's automatic restriction anywhere else", () => {
    expect(markersAt(CREWE, { reportingRestrictions: ["YOUTH_COURT_AUTOMATIC"], youthMarker: true })).toMatchObject({
      ok: false,
      argument: "reportingRestrictions",
    });
  });
});
