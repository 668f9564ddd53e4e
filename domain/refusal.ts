/**
 * Why a lifecycle rule refuses an input: the argument at fault (named as the API names it, so the API layer
 * can turn it into BAD_USER_INPUT with that argument) and the reason, in words a clerk or an officer reads.
 */
export interface Refusal<Argument extends string = string> {
  ok: false;
  argument: Argument;
  reason: string;
}

export function refuse<Argument extends string>(argument: Argument, reason: string): Refusal<Argument> {
  return { ok: false, argument, reason };
}
