import { GraphQLError } from "graphql";

/**
 * The errors a subgraph raises on purpose. Each carries a literal
 * `extensions.code`; anything else is an internal error and is masked.
 */
export class BadUserInputError extends GraphQLError {
  declare readonly extensions: { code: "BAD_USER_INPUT"; argument: string };

  /** @param argument the argument or input field at fault, e.g. "search.pncId". */
  constructor(argument: string, problem: string) {
    super(`Invalid ${argument}: ${problem}`, { extensions: { code: "BAD_USER_INPUT", argument } });
  }
}
