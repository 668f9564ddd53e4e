import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from "graphql";

type FragmentLookup = (name: string) => FragmentDefinitionNode | null | undefined;

/**
 * Counts an operation's selections as execution would meet them: each field,
 * inline fragment and fragment spread once per place it ends up, a fragment's
 * selections once per spread. Each fragment's size is worked out once and
 * reused, so counting is linear in the document even when the count (the
 * work the document asks for) is exponential, as with fragments that spread
 * the one below twice.
 */
export function countExpandedSelections(
  selectionSet: SelectionSetNode,
  getFragment: FragmentLookup,
  sizes = new Map<string, number>(),
  spreading = new Set<string>(),
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    count += 1;
    if (selection.kind === Kind.FIELD) {
      if (selection.selectionSet) count += countExpandedSelections(selection.selectionSet, getFragment, sizes, spreading);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countExpandedSelections(selection.selectionSet, getFragment, sizes, spreading);
    } else {
      const name = selection.name.value;
      // A cycle is refused by validation later (these limits run first); here it only must not loop.
      if (spreading.has(name)) continue;
      let size = sizes.get(name);
      if (size === undefined) {
        const fragment = getFragment(name);
        spreading.add(name);
        size = fragment ? countExpandedSelections(fragment.selectionSet, getFragment, sizes, spreading) : 0;
        spreading.delete(name);
        sizes.set(name, size);
      }
      count += size;
    }
  }
  return count;
}

/** A validation rule refusing an operation of more than `max` selections once its fragments are expanded. */
export function maxSelectionsRule(
  max: number,
  onExceeded: (context: ValidationContext, error: GraphQLError) => void,
  onMeasured?: (count: number) => void,
) {
  return (context: ValidationContext): ASTVisitor => {
    const sizes = new Map<string, number>();
    return {
      OperationDefinition(operation) {
        const count = countExpandedSelections(operation.selectionSet, (name) => context.getFragment(name), sizes);
        onMeasured?.(count);
        if (count > max) onExceeded(context, new GraphQLError("Too many selections once fragments are expanded.", { nodes: operation }));
      },
    };
  };
}
