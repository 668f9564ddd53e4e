import { checkTransfer, type OrderManagement, type TransferArgument } from "../../../domain/management";
import type { OrderFacts } from "../../../domain/order-facts/order-facts";
import { BadUserInputError, outOfJurisdiction } from "../../../platform/errors/errors";
import { findForce } from "../../../platform/estate";
import { coversForce } from "../../../platform/identity/principal";
import { runIdempotentMutation } from "../../../platform/subgraph/idempotent-mutation";
import type { OrdersContext } from "../context";
import type { TransferManagementInput } from "./order.input";
import type { StalkingProtectionOrder } from "./order.type";
import type { OrderManagementTransferRow } from "./order.table";
import { OrderWriter } from "./order.writer";
import { publishOrderFacts } from "./publish-order-facts";

/** Which input field each refusal of the management rules is about (the requesting force is the caller's, found in authorize). */
const ARGUMENT: Record<TransferArgument, string> = {
  toForceCode: "input.toForce",
  requestedByForceCode: "input.orderId",
  on: "input.transferredOn",
};

/** The order's management as domain/management.ts takes it. */
export function managementOf(
  order: Pick<OrderFacts, "applicantForceCode">,
  transfers: readonly OrderManagementTransferRow[],
): OrderManagement {
  return {
    applicantForceCode: order.applicantForceCode,
    transfers: transfers.map((transfer) => ({
      toForceCode: transfer.toForceCode,
      requestedByForceCode: transfer.requestedByForceCode,
      on: transfer.transferredOn,
    })),
  };
}

/**
 * transferManagement: management of an order passes to the force of the area the respondent now lives in (the
 * relevant chief officer, s.14(1)), asked for by the force managing it or the force receiving it: a caller covering
 * neither (nor the applicant force) is out of jurisdiction; a caller covering the managing force asks as it. The rules are
 * domain/management.ts's. The transfer, the order's new managing force (a fact: its version grows) and the
 * OrderFactsChanged event are written in ONE transaction with the idempotency record, so hearings, breaches and
 * people let the receiving force see the order's detail from the same change. A refusal changes nothing; the same
 * key with the same input returns the order after the same jurisdiction check.
 */
export async function transferManagement(context: OrdersContext, input: TransferManagementInput): Promise<StalkingProtectionOrder> {
  const transfer = { orderId: input.orderId, toForceCode: input.toForce, transferredOn: input.transferredOn };
  const { principal } = context;
  return runIdempotentMutation(context, {
    idempotencyKey: input.idempotencyKey,
    request: transfer,
    newResultId: transfer.orderId,
    async authorize(tx) {
      const writer = new OrderWriter(tx);
      const order = await writer.lockOrder(transfer.orderId);
      if (!order) throw new BadUserInputError("input.orderId", `no order "${transfer.orderId}"`);
      if (!findForce(transfer.toForceCode)) throw new BadUserInputError("input.toForce", `unknown force code "${transfer.toForceCode}"`);
      const managingForceCode = order.managingForceCode ?? order.applicantForceCode;
      // The managing force hands the order on, or the receiving force takes it up. The applicant force, which
      // still covers the order after handing it on, is in jurisdiction too (its retry of the transfer it asked for
      // is answered), and the management rules refuse it a new transfer. Anyone else may only know the order exists.
      const requestedByForceCode = [managingForceCode, transfer.toForceCode, order.applicantForceCode].find((forceCode) =>
        coversForce(principal, forceCode),
      );
      if (requestedByForceCode === undefined) throw outOfJurisdiction();
      return { order, managingForceCode, requestedByForceCode };
    },
    async perform(tx, { order, managingForceCode, requestedByForceCode }) {
      const today = context.clock.today();
      if (transfer.transferredOn > today)
        throw new BadUserInputError("input.transferredOn", `is in the future (${transfer.transferredOn}; today is ${today})`);
      const writer = new OrderWriter(tx);
      const management = managementOf(order, await writer.transfersOf(order.id));
      const check = checkTransfer(management, { toForceCode: transfer.toForceCode, requestedByForceCode, on: transfer.transferredOn });
      if (!check.ok) throw new BadUserInputError(ARGUMENT[check.argument], check.reason);
      const changed = await writer.transferManagement(order.id, {
        fromForceCode: managingForceCode,
        toForceCode: transfer.toForceCode,
        requestedByForceCode,
        transferredOn: transfer.transferredOn,
      });
      await publishOrderFacts(tx, changed);
    },
    // The loaders are cleared first: the change is to rows they may hold.
    read: (orderId) => {
      context.loaders.managementTransfersByOrderId.clear(orderId);
      return context.loaders.orderById.clear(orderId).load(orderId);
    },
    afterChange: () => context.eventsWritten(),
  });
}
