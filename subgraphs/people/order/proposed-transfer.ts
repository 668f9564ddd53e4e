import { proposedTransferFor, type ProposedTransfer as Proposal } from "../../../domain/management";
import { coversOrderDetailForces } from "../../../domain/order-facts/order-facts";
import { coversForce, type Principal } from "../../../platform/identity/principal";
import type { PeopleContext } from "../context";

/**
 * What the respondent's last notified home address proposes for an order (domain/management.ts): a transfer from
 * the force managing it now (people's copy of the order's facts) to the force of the address's area, when that is
 * another force with a police area. Null for an order people has no copy of, or a respondent with no address.
 */
export async function proposalFor(context: PeopleContext, orderId: string): Promise<Proposal | null> {
  const facts = await context.loaders.orderFactsById.load(orderId);
  if (!facts) return null;
  const addresses = await context.loaders.notifiedAddressesByPersonId.load(facts.respondentId);
  const last = addresses.at(-1);
  if (!last) return null;
  const managing = facts.managingForceCode ?? facts.applicantForceCode;
  return proposedTransferFor({ applicantForceCode: managing, transfers: [] }, last.forceCode, last.notifiedOn);
}

/**
 * Who sees a proposal: callers covering the order (its applicant or managing force) and callers covering the force
 * it proposes, the two forces it is between. It tells which area the respondent lives in, so nobody else.
 */
export async function coversProposal(principal: Principal, orderId: string, context: PeopleContext): Promise<boolean> {
  const facts = await context.loaders.orderFactsById.load(orderId);
  if (!facts) return false;
  if (coversOrderDetailForces(principal, facts)) return true;
  const proposal = await proposalFor(context, orderId);
  return proposal !== null && coversForce(principal, proposal.toForceCode);
}
