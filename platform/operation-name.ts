/** A GraphQL name of at most 64 characters: operation names are the client's choice and are not cut. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * An operation name as logs, metrics and spans write it: past a GraphQL
 * name's bound it is "(other)", so a client cannot write a line, a label or
 * an attribute of any length or content it likes.
 */
export function operationNameOf(name: string | undefined): string | null {
  if (name === undefined) return null;
  return OPERATION_NAME.test(name) ? name : "(other)";
}
