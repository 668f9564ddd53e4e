import fc from "fast-check";
import { FORCES, hasPoliceArea } from "../../platform/estate";
import { checkTransfer, detailForcesOf, managingForceOn, proposedTransferFor, type OrderManagement } from "../management";

/**
 * A notified home address never moves management, nor widens who sees an order's detail: whatever sequence of
 * addresses is notified, in whatever forces' areas (with a police area or none), the forces seeing the detail are
 * those of the management as recorded, before and after every move, and each move at most proposes a transfer from
 * the managing force to the address's force. Only a transfer recorded (checkTransfer accepting it) changes them.
 */
const AREA_FORCES = FORCES.filter(hasPoliceArea).map((force) => force.code);
const ANY_FORCE = fc.constantFrom(...FORCES.map((force) => force.code));
const day = fc
  .integer({ min: 0, max: 2000 })
  .map((offset) => new Date(Date.UTC(2020, 0, 20) + offset * 86_400_000).toISOString().slice(0, 10));

/** A management as recorded: an applicant force with a police area and the transfers checkTransfer accepted, in order. */
const management = fc
  .tuple(fc.constantFrom(...AREA_FORCES), fc.array(fc.tuple(fc.constantFrom(...AREA_FORCES), fc.boolean(), day), { maxLength: 4 }))
  .map(([applicantForceCode, attempts]) => {
    const recorded: OrderManagement = { applicantForceCode, transfers: [] };
    for (const [toForceCode, byReceiving, on] of [...attempts].sort((a, b) => a[2].localeCompare(b[2]))) {
      const transfer = { toForceCode, requestedByForceCode: byReceiving ? toForceCode : managingForceOn(recorded, on), on };
      if (checkTransfer(recorded, transfer).ok) recorded.transfers = [...recorded.transfers, transfer];
    }
    return recorded;
  });
const moves = fc.array(fc.tuple(ANY_FORCE, day), { minLength: 1, maxLength: 12 });

describe("notified-address moves and the detail forces of an order", () => {
  it("never change who sees the detail before a transfer is recorded; each at most proposes one", () => {
    fc.assert(
      fc.property(management, moves, (recorded, addresses) => {
        const snapshot = structuredClone(recorded);
        const seeing = detailForcesOf(recorded);
        for (const [addressForceCode, notifiedOn] of addresses) {
          const proposal = proposedTransferFor(recorded, addressForceCode, notifiedOn);
          expect(recorded).toEqual(snapshot);
          expect(detailForcesOf(recorded)).toEqual(seeing);
          const managing = managingForceOn(recorded, notifiedOn);
          if (proposal === null) {
            expect(addressForceCode === managing || !AREA_FORCES.includes(addressForceCode)).toBe(true);
          } else {
            expect(proposal).toEqual({ kind: "PROPOSED", fromForceCode: managing, toForceCode: addressForceCode, proposedOn: notifiedOn });
            // The proposed force is not let in by the proposal: it sees the detail only as the applicant force or
            // as the force a recorded transfer made the manager.
            expect(seeing.includes(addressForceCode)).toBe(
              addressForceCode === recorded.applicantForceCode || addressForceCode === managingForceOn(recorded),
            );
          }
        }
      }),
    );
  });

  it("lets the receiving force see the detail once the proposed transfer is recorded, and the applicant force still", () => {
    fc.assert(
      fc.property(management, fc.constantFrom(...AREA_FORCES), (recorded, addressForceCode) => {
        const last = recorded.transfers.at(-1)?.on ?? "2020-01-20";
        const proposal = proposedTransferFor(recorded, addressForceCode, last);
        fc.pre(proposal !== null);
        const transfer = { toForceCode: proposal!.toForceCode, requestedByForceCode: proposal!.toForceCode, on: last };
        expect(checkTransfer(recorded, transfer)).toEqual({ ok: true });
        const after: OrderManagement = { ...recorded, transfers: [...recorded.transfers, transfer] };
        expect(detailForcesOf(after)).toEqual([...new Set([recorded.applicantForceCode, addressForceCode])].sort());
      }),
    );
  });
});
