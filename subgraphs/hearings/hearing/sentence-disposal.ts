import { checkSentenceDisposal, type BreachDisposal, type DisposalParts, type Length } from "../../../domain/breach-disposals";
import { BadUserInputError } from "../../../platform/errors/errors";
import type { BreachDisposalInput, SentenceLengthInput } from "./hearing.input";

/** The disposal given with an outcome, as plain parts (what the idempotency fingerprint and the rules read); null when none is. */
export function disposalPartsOf(input: readonly BreachDisposalInput[] | null | undefined): DisposalParts[] | null {
  if (input == null) return null;
  const length = (given: SentenceLengthInput | null | undefined): Length | null =>
    given ? { value: given.value, unit: given.unit } : null;
  return input.map((part) => ({
    type: part.type,
    length: length(part.length),
    suspendedFor: length(part.suspendedFor),
    amountPence: part.amountPence ?? null,
  }));
}

/** The checked disposals of a sentencing hearing's conviction (null when none is given), or BAD_USER_INPUT naming input.disposal. */
export function checkedDisposal(
  hearingType: string,
  decision: string | null,
  parts: readonly DisposalParts[] | null,
): BreachDisposal[] | null {
  const check = checkSentenceDisposal(hearingType, decision, parts);
  if (!check.ok) throw new BadUserInputError("input.disposal", check.reason);
  return check.disposals;
}
