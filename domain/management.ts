import { isIsoDate } from "../platform/dates";
import { findForce, hasPoliceArea } from "../platform/estate";
import { refuse, type Refusal } from "./refusal";

/**
 * Which force manages an order after the respondent moves. The applicant force manages it until management is
 * transferred to the force of the area the respondent now lives in (the "relevant chief officer of police",
 * s.14(1), who may apply to vary, renew or discharge it, s.4, and appeal, s.7(3)). A home address notified in
 * another force's area (s.9(4)) proposes a transfer; only a transfer, asked for by the force managing the order
 * or the force receiving it, moves management. Who sees an order's detail follows: the applicant and the
 * managing force.
 */

export interface ManagementTransfer {
  toForceCode: string;
  requestedByForceCode: string;
  /** The day management passes. */
  on: string;
}

export interface OrderManagement {
  applicantForceCode: string;
  /** In the order they were recorded, each on or after the one before. */
  transfers: readonly ManagementTransfer[];
}

export interface ManagementPeriod {
  forceCode: string;
  from: string | null;
  /** The day management passed on; null while it has not. */
  until: string | null;
  requestedByForceCode: string | null;
}

/** The force managing the order on a day (the latest day if none is given). */
export function managingForceOn(management: OrderManagement, day?: string): string {
  let managing = management.applicantForceCode;
  for (const transfer of management.transfers) if (day === undefined || transfer.on <= day) managing = transfer.toForceCode;
  return managing;
}

/** Who managed the order when: the applicant from the start, then each receiving force. */
export function managementHistory(management: OrderManagement): ManagementPeriod[] {
  const periods: ManagementPeriod[] = [{ forceCode: management.applicantForceCode, from: null, until: null, requestedByForceCode: null }];
  for (const transfer of management.transfers) {
    periods[periods.length - 1].until = transfer.on;
    periods.push({ forceCode: transfer.toForceCode, from: transfer.on, until: null, requestedByForceCode: transfer.requestedByForceCode });
  }
  return periods;
}

/** The forces that see the order's detail: the applicant force and the force managing it, in code order. */
export function detailForcesOf(management: OrderManagement, day?: string): string[] {
  return [...new Set([management.applicantForceCode, managingForceOn(management, day)])].sort();
}

export type TransferArgument = "toForceCode" | "requestedByForceCode" | "on";

export function checkTransfer(management: OrderManagement, transfer: ManagementTransfer): { ok: true } | Refusal<TransferArgument> {
  const { toForceCode, requestedByForceCode, on } = transfer;
  if (!isIsoDate(on)) return refuse("on", `must be a date YYYY-MM-DD; got ${on}`);
  const last = management.transfers[management.transfers.length - 1];
  if (last && on < last.on) return refuse("on", `management last passed on ${last.on}; a transfer is on or after it, got ${on}`);
  const receiving = findForce(toForceCode);
  if (!receiving) return refuse("toForceCode", `unknown force code "${toForceCode}"`);
  if (!hasPoliceArea(receiving)) {
    return refuse(
      "toForceCode",
      `${receiving.name} has no police area: management passes to the force of the area the respondent lives in (s.14(1))`,
    );
  }
  const managing = managingForceOn(management, on);
  if (toForceCode === managing) return refuse("toForceCode", `${receiving.name} already manages the order`);
  if (requestedByForceCode !== managing && requestedByForceCode !== toForceCode) {
    return refuse(
      "requestedByForceCode",
      `a transfer is asked for by the force managing the order (${managing}) or the force receiving it (${toForceCode}); got ${requestedByForceCode}`,
    );
  }
  return { ok: true };
}

export interface ProposedTransfer {
  kind: "PROPOSED";
  fromForceCode: string;
  toForceCode: string;
  /** The day the address was notified: the day the proposal is made, not a day management passes. */
  proposedOn: string;
}

/**
 * What a home address notified in a force's area proposes: a transfer to that force when it is not the force
 * managing the order. Only a proposal: management, and who sees the detail, stay as they are until a transfer.
 */
export function proposedTransferFor(management: OrderManagement, addressForceCode: string, notifiedOn: string): ProposedTransfer | null {
  const force = findForce(addressForceCode);
  if (!force || !hasPoliceArea(force)) return null;
  const managing = managingForceOn(management, notifiedOn);
  return addressForceCode === managing
    ? null
    : { kind: "PROPOSED", fromForceCode: managing, toForceCode: addressForceCode, proposedOn: notifiedOn };
}
