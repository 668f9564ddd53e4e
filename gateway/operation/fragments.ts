import { Kind, type DocumentNode, type FragmentDefinitionNode } from "graphql";

/** A document's fragment definitions by name (every reader of an operation that follows spreads needs them). */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}
