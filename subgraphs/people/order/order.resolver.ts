import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { findForce } from "../../../platform/estate";
import type { PeopleContext } from "../context";
import { Force } from "../force/force.type";
import { OrderReference, ProposedTransfer } from "./order.type";
import { proposalFor } from "./proposed-transfer";

/** Contributes StalkingProtectionOrder.proposedTransfer. */
@Resolver(() => OrderReference)
export class OrderProposedTransferResolver {
  /** Jurisdiction: for callers covering the order or the proposed force (access.ts; the platform guards it). */
  @FieldResolver(() => ProposedTransfer, {
    nullable: true,
    description:
      "A transfer of management the respondent's last notified home address proposes (in another force's area); null when none. Never a transfer: see managingForce.",
  })
  async proposedTransfer(@Root() order: OrderReference, @Ctx() context: PeopleContext): Promise<ProposedTransfer | null> {
    const proposal = await proposalFor(context, order.id);
    if (!proposal) return null;
    return Object.assign(new ProposedTransfer(), {
      from: Force.from(findForce(proposal.fromForceCode)!),
      to: Force.from(findForce(proposal.toForceCode)!),
      proposedOn: proposal.proposedOn,
      toForceCode: proposal.toForceCode,
    });
  }
}
