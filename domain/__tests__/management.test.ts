import fc from "fast-check";
import {
  checkTransfer,
  detailForcesOf,
  managementHistory,
  managingForceOn,
  proposedTransferFor,
  type OrderManagement,
} from "../management";

/** Management after a move: who manages an order on a day, how it passes, and who sees the detail. */
const CHESHIRE: OrderManagement = { applicantForceCode: "07", transfers: [] };
const MOVED: OrderManagement = {
  applicantForceCode: "07",
  transfers: [
    { toForceCode: "21", requestedByForceCode: "07", on: "2026-04-01" },
    { toForceCode: "06", requestedByForceCode: "06", on: "2026-09-01" },
  ],
};
const refused = (argument: string, reason: string) => ({ ok: false, argument, reason });

describe("the managing force", () => {
  it("is the applicant until management passes, then each receiving force from its day", () => {
    expect(managingForceOn(CHESHIRE)).toBe("07");
    expect(managingForceOn(MOVED, "2026-03-31")).toBe("07");
    expect(managingForceOn(MOVED, "2026-04-01")).toBe("21");
    expect(managingForceOn(MOVED, "2026-09-01")).toBe("06");
    expect(managingForceOn(MOVED)).toBe("06");
  });

  it("has a history of who managed when, and who asked", () => {
    expect(managementHistory(MOVED)).toEqual([
      { forceCode: "07", from: null, until: "2026-04-01", requestedByForceCode: null },
      { forceCode: "21", from: "2026-04-01", until: "2026-09-01", requestedByForceCode: "07" },
      { forceCode: "06", from: "2026-09-01", until: null, requestedByForceCode: "06" },
    ]);
  });
});

describe("the forces that see an order's detail", () => {
  it("are the applicant and the managing force", () => {
    expect(detailForcesOf(CHESHIRE)).toEqual(["07"]);
    expect(detailForcesOf(MOVED, "2026-05-01")).toEqual(["07", "21"]);
    expect(detailForcesOf(MOVED)).toEqual(["06", "07"]);
  });
});

describe("a transfer", () => {
  it("is asked for by the managing or the receiving force", () => {
    expect(checkTransfer(CHESHIRE, { toForceCode: "21", requestedByForceCode: "07", on: "2026-04-01" })).toEqual({ ok: true });
    expect(checkTransfer(CHESHIRE, { toForceCode: "21", requestedByForceCode: "21", on: "2026-04-01" })).toEqual({ ok: true });
    expect(checkTransfer(MOVED, { toForceCode: "01", requestedByForceCode: "07", on: "2026-10-01" })).toEqual(
      refused(
        "requestedByForceCode",
        "a transfer is asked for by the force managing the order (06) or the force receiving it (01); got 07",
      ),
    );
  });

  it("is never to the force that manages the order already", () => {
    expect(checkTransfer(CHESHIRE, { toForceCode: "07", requestedByForceCode: "07", on: "2026-04-01" })).toEqual(
      refused("toForceCode", "Cheshire Constabulary already manages the order"),
    );
    expect(checkTransfer(MOVED, { toForceCode: "07", requestedByForceCode: "07", on: "2026-10-01" })).toEqual({ ok: true });
  });

  it("is to a force with a police area, known, on a day no earlier than the last transfer", () => {
    expect(checkTransfer(CHESHIRE, { toForceCode: "93", requestedByForceCode: "07", on: "2026-04-01" })).toEqual(
      refused(
        "toForceCode",
        "British Transport Police has no police area: management passes to the force of the area the respondent lives in (s.14(1))",
      ),
    );
    expect(checkTransfer(CHESHIRE, { toForceCode: "99", requestedByForceCode: "07", on: "2026-04-01" })).toEqual(
      refused("toForceCode", 'unknown force code "99"'),
    );
    expect(checkTransfer(MOVED, { toForceCode: "01", requestedByForceCode: "06", on: "2026-08-31" })).toEqual(
      refused("on", "management last passed on 2026-09-01; a transfer is on or after it, got 2026-08-31"),
    );
    expect(checkTransfer(MOVED, { toForceCode: "01", requestedByForceCode: "06", on: "2026-09-01" })).toEqual({ ok: true });
    expect(checkTransfer(MOVED, { toForceCode: "01", requestedByForceCode: "06", on: "2026-9-1" })).toEqual(
      refused("on", "must be a date YYYY-MM-DD; got 2026-9-1"),
    );
  });
});

describe("a home address notified in another force's area", () => {
  it("proposes a transfer to that force, and never grants one", () => {
    const proposal = (fromForceCode: string, toForceCode: string, proposedOn: string) => ({
      kind: "PROPOSED",
      fromForceCode,
      toForceCode,
      proposedOn,
    });
    expect(proposedTransferFor(CHESHIRE, "21", "2026-03-10")).toEqual(proposal("07", "21", "2026-03-10"));
    expect(proposedTransferFor(MOVED, "21", "2026-05-01")).toBeNull();
    expect(proposedTransferFor(MOVED, "21", "2026-10-01")).toEqual(proposal("06", "21", "2026-10-01"));
    expect(proposedTransferFor(CHESHIRE, "93", "2026-03-10")).toBeNull();
    expect(proposedTransferFor(CHESHIRE, "99", "2026-03-10")).toBeNull();
  });

  const force = fc.constantFrom("01", "06", "07", "21", "50", "93", "94");
  const day = fc.integer({ min: 0, max: 1000 }).map((n) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10));

  it("never widens the forces that see the detail before a transfer, and a granted proposal does exactly (property)", () => {
    fc.assert(
      fc.property(force, fc.array(fc.tuple(force, day), { maxLength: 10 }), (applicant, moves) => {
        const management: OrderManagement = { applicantForceCode: applicant, transfers: [] };
        const before = detailForcesOf(management);
        for (const [addressForce, notifiedOn] of moves) {
          const proposal = proposedTransferFor(management, addressForce, notifiedOn);
          expect(detailForcesOf(management)).toEqual(before);
          if (proposal) {
            expect(proposal.toForceCode).toBe(addressForce);
            const granted = { toForceCode: proposal.toForceCode, requestedByForceCode: proposal.toForceCode, on: notifiedOn };
            expect(checkTransfer(management, granted)).toEqual({ ok: true });
            expect(detailForcesOf({ ...management, transfers: [granted] })).toEqual([...new Set([applicant, addressForce])].sort());
          }
        }
      }),
    );
  });
});
