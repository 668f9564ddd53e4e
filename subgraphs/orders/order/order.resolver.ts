import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { BadUserInputError } from "../../../platform/errors/errors";
import { findForce, forcesInRegion } from "../../../platform/estate";
import { CourtReference, ForceReference } from "../../../platform/subgraph/entity-reference";
import type { OrdersContext } from "../context";
import { PersonReference } from "../person/person.type";
import { OrderEventType, OrderStatus, type TermType } from "../../../domain/vocabulary";
import { DateScalar } from "../../../platform/scalars";
import { orderTermsOn } from "./order-terms";
import { existenceVisibility } from "./order-jurisdiction";
import { deriveOrderStatus } from "./order-status";
import { decodeOrderCursor, DEFAULT_PAGE_SIZE, encodeOrderCursor, validatePageSize } from "./order-page";
import { OrderRepository, type OrderCriteria, type OrderVisibility } from "./order.repository";
import { applyForOrder } from "./apply-for-order";
import { ApplyForOrderInput, RecordServiceInput, TransferManagementInput } from "./order.input";
import { recordService } from "./record-service";
import { managementOf, transferManagement } from "./transfer-management";
import { managementHistory } from "../../../domain/management";
import { ManagementPeriod, OrderConnection, OrderEvent, OrderFilter, OrderTerm, PageInfo, StalkingProtectionOrder } from "./order.type";

/** Resolves the filter's forces and regions to force codes, refusing unknown codes and empty ranges. */
function toCriteria(filter: OrderFilter | null | undefined, asOf: string, visibility: OrderVisibility): OrderCriteria {
  const unknown = filter?.forces?.find((code) => !findForce(code));
  if (unknown !== undefined) throw new BadUserInputError("filter.forces", `unknown force code "${unknown}"`);
  if (filter?.madeFrom && filter.madeTo && filter.madeFrom > filter.madeTo) {
    throw new BadUserInputError("filter.madeFrom", `madeFrom (${filter.madeFrom}) is after madeTo (${filter.madeTo})`);
  }
  let forceCodes: string[] | null = filter?.forces ?? null;
  if (filter?.regions) {
    const inRegions = new Set(filter.regions.flatMap((region) => forcesInRegion(region).map((force) => force.code)));
    forceCodes = forceCodes ? forceCodes.filter((code) => inRegions.has(code)) : [...inRegions];
  }
  return {
    forceCodes,
    kinds: filter?.kinds ?? null,
    statuses: filter?.statuses ?? null,
    madeFrom: filter?.madeFrom ?? null,
    madeTo: filter?.madeTo ?? null,
    asOf,
    visibility,
  };
}

/** The order's terms as they stand today, of one type (prohibitions, requirements): see order-terms.ts. */
async function termsOfType(order: StalkingProtectionOrder, type: `${TermType}`, context: OrdersContext): Promise<OrderTerm[]> {
  const held = await context.loaders.termDecisionsByOrderId.load(order.id);
  return orderTermsOn(order, held!, context.clock.today()).filter((term) => term.type === type);
}

@Resolver(() => StalkingProtectionOrder)
export class OrderResolver {
  /** Jurisdiction: the loader returns null for an order a court-listing caller does not cover. */
  @Query(() => StalkingProtectionOrder, { nullable: true })
  order(@Arg("id", () => ID) id: string, @Ctx() context: OrdersContext): Promise<StalkingProtectionOrder | null> {
    return context.loaders.orderById.load(id);
  }

  @Query(() => OrderConnection, { description: "Orders newest first (by the day made, or applied for), cursor-paginated." })
  async orders(
    @Ctx() context: OrdersContext,
    @Arg("filter", () => OrderFilter, { nullable: true }) filter?: OrderFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first?: number | null,
    @Arg("after", () => String, { nullable: true }) after?: string | null,
  ): Promise<OrderConnection> {
    const pageSize = validatePageSize(first ?? DEFAULT_PAGE_SIZE);
    const cursor = after ? decodeOrderCursor(after) : null;
    // Jurisdiction: court-listing callers list (and count) only the orders they cover, filtered in SQL;
    // everyone else lists orders of every force (that an order exists is cross-force intelligence).
    const criteria = toCriteria(filter, context.clock.today(), existenceVisibility(context.principal));
    const page = await new OrderRepository(context.db).findOrderPage(criteria, pageSize, cursor);
    const nodes = page.orders.slice(0, pageSize);
    for (const order of nodes) context.loaders.orderById.prime(order.id, order);
    const last = nodes.at(-1);
    return Object.assign(new OrderConnection(), {
      nodes,
      totalCount: page.totalCount,
      pageInfo: Object.assign(new PageInfo(), {
        hasNextPage: page.orders.length > pageSize,
        endCursor: last ? encodeOrderCursor({ sortDate: last.sortDate, id: last.id }) : null,
      }),
    });
  }

  @Mutation(() => StalkingProtectionOrder, {
    description:
      "Applies for an order as a force you cover (Stalking Protection Act 2019 s.1), with an interim order if sought (s.5): the order applied for (the interim order when one is sought) is created APPLIED, and its hearings follow.",
  })
  applyForOrder(
    @Arg("input", () => ApplyForOrderInput) input: ApplyForOrderInput,
    @Ctx() context: OrdersContext,
  ): Promise<StalkingProtectionOrder> {
    return applyForOrder(context, input);
  }

  @Mutation(() => StalkingProtectionOrder, {
    description:
      "Records the day an order of a force you cover was served on the respondent: servedOn and SERVED in its history. The notification requirements (s.9) run from it.",
  })
  recordService(
    @Arg("input", () => RecordServiceInput) input: RecordServiceInput,
    @Ctx() context: OrdersContext,
  ): Promise<StalkingProtectionOrder> {
    return recordService(context, input);
  }

  @Mutation(() => StalkingProtectionOrder, {
    description:
      "Transfers management of an order to the force of the area the respondent now lives in (the relevant chief officer, s.14(1)), asked for by the force managing it or the force receiving it; that force then sees the order's detail as the applicant force does.",
  })
  transferManagement(
    @Arg("input", () => TransferManagementInput) input: TransferManagementInput,
    @Ctx() context: OrdersContext,
  ): Promise<StalkingProtectionOrder> {
    return transferManagement(context, input);
  }

  @FieldResolver(() => OrderStatus, { description: "Derived from the order's dates and events as of today; never stored stale." })
  status(@Root() order: StalkingProtectionOrder, @Ctx() context: OrdersContext): OrderStatus {
    return deriveOrderStatus(order, context.clock.today()) as OrderStatus;
  }

  @FieldResolver(() => ForceReference)
  applicantForce(@Root() order: StalkingProtectionOrder): ForceReference {
    return ForceReference.of(order.applicantForceCode);
  }

  @FieldResolver(() => ForceReference, {
    description: "The force managing the order (the relevant chief officer, s.14(1)): the applicant force until management is transferred.",
  })
  managingForce(@Root() order: StalkingProtectionOrder): ForceReference {
    return ForceReference.of(order.managingForceCode ?? order.applicantForceCode);
  }

  @FieldResolver(() => [ManagementPeriod], {
    description: "Who managed the order when: the applicant force, then each force it was transferred to.",
  })
  async managementHistory(@Root() order: StalkingProtectionOrder, @Ctx() context: OrdersContext): Promise<ManagementPeriod[]> {
    const transfers = await context.loaders.managementTransfersByOrderId.load(order.id);
    return managementHistory(managementOf(order, transfers)).map((period) =>
      Object.assign(new ManagementPeriod(), {
        force: ForceReference.of(period.forceCode),
        from: period.from,
        until: period.until,
        requestedBy: ForceReference.of(period.requestedByForceCode),
      }),
    );
  }

  @FieldResolver(() => CourtReference, { nullable: true })
  court(@Root() order: StalkingProtectionOrder): CourtReference | null {
    return CourtReference.of(order.courtCode);
  }

  @FieldResolver(() => PersonReference)
  respondent(@Root() order: StalkingProtectionOrder): PersonReference {
    return PersonReference.of(order.respondentId);
  }

  // Jurisdiction: protectedPersons, prohibitions and requirements are the order's detail, released only to
  // callers covering the order (jurisdiction.ts; the platform guards them).
  @FieldResolver(() => [PersonReference], { nullable: true })
  async protectedPersons(@Root() order: StalkingProtectionOrder, @Ctx() context: OrdersContext): Promise<PersonReference[]> {
    const links = await context.loaders.protectedPersonLinksByOrderId.load(order.id);
    return links.map((link) => PersonReference.of(link.personId));
  }

  @FieldResolver(() => [OrderTerm], {
    nullable: true,
    description: "Its prohibitions as they stand today (for an order not yet made, those applied for; for one ended, those it ended with).",
  })
  prohibitions(@Root() order: StalkingProtectionOrder, @Ctx() context: OrdersContext): Promise<OrderTerm[]> {
    return termsOfType(order, "PROHIBITION", context);
  }

  @FieldResolver(() => [OrderTerm], { nullable: true, description: "Its requirements as they stand today (as prohibitions)." })
  requirements(@Root() order: StalkingProtectionOrder, @Ctx() context: OrdersContext): Promise<OrderTerm[]> {
    return termsOfType(order, "REQUIREMENT", context);
  }

  @FieldResolver(() => [OrderTerm], {
    nullable: true,
    description:
      "The prohibitions and requirements in force on a day (default today, in England and Wales): the fold of the decisions that took effect by then, less terms whose own period had ended; none on a day the order was not in force.",
  })
  async terms(
    @Root() order: StalkingProtectionOrder,
    @Ctx() context: OrdersContext,
    @Arg("inForceOn", () => DateScalar, { nullable: true }) inForceOn?: string | null,
  ): Promise<OrderTerm[]> {
    const day = inForceOn ?? context.clock.today();
    if (deriveOrderStatus(order, day) !== "IN_FORCE") return [];
    const held = await context.loaders.termDecisionsByOrderId.load(order.id);
    return orderTermsOn(order, held!, day);
  }

  @FieldResolver(() => StalkingProtectionOrder, { nullable: true, description: "The interim order that this full order replaced." })
  supersedes(@Root() order: StalkingProtectionOrder, @Ctx() context: OrdersContext): Promise<StalkingProtectionOrder | null> | null {
    return order.supersedesId ? context.loaders.orderById.load(order.supersedesId) : null;
  }

  @FieldResolver(() => [OrderEvent], {
    description: "Recorded events in order; an expiry is not recorded but derived, and appears once its day has come.",
  })
  async history(@Root() order: StalkingProtectionOrder, @Ctx() context: OrdersContext): Promise<OrderEvent[]> {
    const events = await context.loaders.eventsByOrderId.load(order.id);
    if (deriveOrderStatus(order, context.clock.today()) !== "EXPIRED" || order.expiresOn === null) return events;
    const expiry = Object.assign(new OrderEvent(), {
      orderId: order.id,
      type: OrderEventType.EXPIRED,
      on: order.expiresOn,
      court: null,
      note: "Derived from the expiry date",
      correctedOn: null,
    });
    return [...events, expiry];
  }
}
