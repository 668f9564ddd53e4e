import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from "graphql";
import { maxSelectionsRule } from "./max-selections";
import type { GatewayConcern } from "../concern";

type GraphQLArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;

/**
 * How big an operation may be. Sized from what the API is for — every documented
 * example (README, docs/) measures at most half of each (a test holds them to that) and the
 * journeys' operations pass — and small enough that refusing costs a bounded
 * walk of a bounded document. Reasons per number are in
 * docs/hostile-conditions.md.
 */
export interface OperationLimitNumbers {
  /** Lexical tokens in the document (graphql-js stops parsing at the limit). */
  maxTokens: number;
  /** Nested fields; fragments add no depth of their own. */
  maxDepth: number;
  maxAliases: number;
  /** @skip/@include and any other directive uses. */
  maxDirectives: number;
  /** graphql-armor's cost: objects 2, scalars 1, ×1.5 per level, × a literal `first`. */
  maxCost: number;
  /** Selections once every fragment spread is expanded (gateway's own rule). */
  maxSelections: number;
}

export const DEFAULT_OPERATION_LIMITS: OperationLimitNumbers = {
  maxTokens: 2_000,
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 50,
  maxCost: 20_000,
  maxSelections: 1_000,
};

/** Operation limits as a gateway concern: while parsing (tokens) and validating (the rest), before anything runs. */
export interface OperationLimits extends GatewayConcern {
  /** Apollo Server's validationRules: depth, aliases, directives, cost, expanded selections. */
  validationRules: ValidationRule[];
  /** Plugins to add to Apollo Server: graphql-armor's block on field suggestions. */
  plugins: ApolloServerPlugin[];
  /** Apollo Server's parseOptions: the token limit, applied while parsing. */
  parseOptions: { maxTokens: number };
  /** What a document measures against each limit (for tests and the documented figures). */
  measure(schema: GraphQLSchema, document: DocumentNode): Omit<OperationLimitNumbers, "maxTokens">;
}

type Measured = Omit<OperationLimitNumbers, "maxTokens">;

export const OPERATION_LIMIT_EXCEEDED = "OPERATION_LIMIT_EXCEEDED";

/** graphql-js's message when parsing stops at the token limit; it states the limit, which we do not. */
export const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens\. Parsing aborted\.$/;

/** Whether Apollo Server refused the document for a limit here (parse or validation), as the audit trail records it. */
export function isOperationLimitError(error: GraphQLError): boolean {
  return error.extensions?.reason === OPERATION_LIMIT_EXCEEDED || TOKEN_LIMIT_MESSAGE.test(error.message);
}

function reportLimitExceeded(context: { reportError(error: GraphQLError): void } | null, error: GraphQLError): void {
  context?.reportError(
    new GraphQLError(error.message.replace(/^Syntax Error: /, ""), {
      nodes: error.nodes,
      extensions: { reason: OPERATION_LIMIT_EXCEEDED },
    }),
  );
}

function armorRules(limits: OperationLimitNumbers, onMeasured?: (key: keyof Measured, n: number) => void): ValidationRule[] {
  const accept = (key: keyof Measured) => (onMeasured ? [(_: unknown, details: { n: number }) => onMeasured(key, details.n)] : []);
  // Rejections are reported to the validation context (not thrown) so every exceeded limit is seen;
  // exposeLimits off: an attacker learns that a limit was hit, not where it lies.
  const common = { exposeLimits: false, propagateOnRejection: false, onReject: [reportLimitExceeded] };
  const config: GraphQLArmorConfig = {
    maxTokens: { enabled: false }, // graphql-js's own parse option does it while parsing, once
    blockFieldSuggestion: { enabled: false }, // a plugin, added separately below
    maxDepth: { ...common, n: limits.maxDepth, flattenFragments: true, errorMessage: "Operation too deep.", onAccept: accept("maxDepth") },
    maxAliases: { ...common, n: limits.maxAliases, errorMessage: "Too many aliases.", onAccept: accept("maxAliases") },
    maxDirectives: { ...common, n: limits.maxDirectives, errorMessage: "Too many directives.", onAccept: accept("maxDirectives") },
    costLimit: { ...common, maxCost: limits.maxCost, errorMessage: "Operation too costly.", onAccept: accept("maxCost") },
  };
  return [
    ...new ApolloArmor(config).protect().validationRules,
    maxSelectionsRule(limits.maxSelections, reportLimitExceeded, onMeasured && ((n) => onMeasured("maxSelections", n))),
  ];
}

/**
 * Operation limits, checked while parsing (tokens) and validating (the rest),
 * so before authorization filtering and planning. The token limit also bounds
 * what graphql-js's own validation can cost (some of its rules compare every
 * pair of same-named fields). Each of the other checks is one linear walk with
 * each fragment measured once. A refused document is HTTP 400,
 * GRAPHQL_PARSE_FAILED (tokens) or GRAPHQL_VALIDATION_FAILED, with reason
 * OPERATION_LIMIT_EXCEEDED and a message that names the limit, not its number.
 */
export function createOperationLimits(limits: OperationLimitNumbers = DEFAULT_OPERATION_LIMITS): OperationLimits {
  const blockFieldSuggestions = new ApolloArmor({
    maxTokens: { enabled: false },
    maxDepth: { enabled: false },
    maxAliases: { enabled: false },
    maxDirectives: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect().plugins;
  return {
    name: "operation limits",
    validationRules: armorRules(limits),
    plugins: blockFieldSuggestions,
    parseOptions: { maxTokens: limits.maxTokens },
    measure(schema, document) {
      const measured: Measured = { maxDepth: 0, maxAliases: 0, maxDirectives: 0, maxCost: 0, maxSelections: 0 };
      const record = (key: keyof Measured, n: number) => {
        measured[key] = Math.max(measured[key], n);
      };
      validate(
        schema,
        document,
        armorRules(
          { ...limits, maxDepth: Infinity, maxAliases: Infinity, maxDirectives: Infinity, maxCost: Infinity, maxSelections: Infinity },
          record,
        ),
      );
      return measured;
    },
  };
}
