import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { composeServices } from "@apollo/composition";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse, printSchema } from "graphql";
import { createHttpService, listen, type RunningHttpService } from "../../platform/http";

/**
 * A small test-only supergraph with what ours lacks — an entity interface, a
 * union, an @interfaceObject, @requires and @provides — served by two
 * in-memory subgraphs over loopback HTTP, for the differential conformance test.
 */
const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5",
  import: ["@key", "@external", "@requires", "@provides", "@interfaceObject", "@shareable"])`;

const CATALOG_SDL = `${LINK}
  interface Item @key(fields: "id") { id: ID! title: String! }
  type Book implements Item @key(fields: "id") { id: ID! title: String! pages: Int! author: Author @provides(fields: "name") }
  type Film implements Item @key(fields: "id") { id: ID! title: String! minutes: Int! director: Author }
  type Author @key(fields: "id") { id: ID! name: String! @external }
  union Media = Book | Film
  type Query { items: [Item!]! item(id: ID!): Item media: [Media!]! }
`;

const REVIEWS_SDL = `${LINK}
  type Item @key(fields: "id") @interfaceObject { id: ID! reviews: [Review!]! rating: Float }
  type Review { stars: Int! text: String by: Author }
  type Author @key(fields: "id", resolvable: false) { id: ID! }
`;

const AUTHORS_SDL = `${LINK}
  type Author @key(fields: "id") { id: ID! name: String! @shareable born: Int }
  type Film @key(fields: "id") { id: ID! minutes: Int! @external long: Boolean! @requires(fields: "minutes") }
  type Query { topAuthor: Author }
`;

const AUTHORS = { a1: { id: "a1", name: "Ada", born: 1815 }, a2: { id: "a2", name: "Alan", born: null } } as const;
const ITEMS = [
  { __typename: "Book", id: "b1", title: "Notes", pages: 120, author: AUTHORS.a1 },
  { __typename: "Film", id: "f1", title: "Machine", minutes: 150, director: { id: "a2" } },
  { __typename: "Book", id: "b2", title: "Fragments", pages: 80, author: null },
  { __typename: "Film", id: "f2", title: "Short", minutes: 12, director: null },
];
const REVIEWS: Record<string, { stars: number; text: string | null; by: { id: string } | null }[]> = {
  b1: [{ stars: 5, text: "Clear", by: { id: "a2" } }],
  f1: [
    { stars: 3, text: null, by: null },
    { stars: 4, text: "Long", by: { id: "a1" } },
  ],
  b2: [],
  f2: [{ stars: 2, text: "Brief", by: { id: "a1" } }],
};

const catalogResolvers = {
  Query: {
    items: () => ITEMS,
    item: (_: unknown, { id }: { id: string }) => ITEMS.find((item) => item.id === id) ?? null,
    media: () => ITEMS,
  },
  Item: {
    __resolveType: (item: { __typename: string }) => item.__typename,
    __resolveReference: (ref: { id: string }) => ITEMS.find((item) => item.id === ref.id),
  },
  Book: { __resolveReference: (ref: { id: string }) => ITEMS.find((item) => item.id === ref.id) },
  Film: { __resolveReference: (ref: { id: string }) => ITEMS.find((item) => item.id === ref.id) },
  Media: { __resolveType: (item: { __typename: string }) => item.__typename },
};

const reviewsResolvers = {
  Item: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    reviews: (item: { id: string }) => REVIEWS[item.id] ?? [],
    rating: (item: { id: string }) => {
      const reviews = REVIEWS[item.id] ?? [];
      return reviews.length === 0 ? null : reviews.reduce((sum, review) => sum + review.stars, 0) / reviews.length;
    },
  },
};

const authorsResolvers = {
  Query: { topAuthor: () => AUTHORS.a1 },
  Author: { __resolveReference: (ref: { id: string }) => AUTHORS[ref.id as keyof typeof AUTHORS] ?? null },
  Film: {
    __resolveReference: (ref: { id: string; minutes?: number }) => ref,
    long: (film: { minutes: number }) => film.minutes > 100,
  },
};

export interface AbstractSupergraph {
  supergraphSdl: string;
  apiSchemaSdl: string;
  subgraphUrls: Record<string, string>;
  stop(): Promise<void>;
}

export async function startAbstractSupergraph(): Promise<AbstractSupergraph> {
  const definitions = [
    { name: "catalog", sdl: CATALOG_SDL, resolvers: catalogResolvers },
    { name: "reviews", sdl: REVIEWS_SDL, resolvers: reviewsResolvers },
    { name: "authors", sdl: AUTHORS_SDL, resolvers: authorsResolvers },
  ];
  const servers: ApolloServer[] = [];
  const running: RunningHttpService[] = [];
  const subgraphUrls: Record<string, string> = {};
  for (const { name, sdl, resolvers } of definitions) {
    // Inline tracing off: it is not under test, and Apollo announces it on the console for every subgraph.
    const apollo = new ApolloServer({
      schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolvers as never }),
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    servers.push(apollo);
    const service = await listen(createHttpService({ apollo, context: async () => ({}), ready: async () => true }), 0);
    running.push(service);
    subgraphUrls[name] = service.url;
  }
  const stop = async () => {
    for (const service of running) await service.close();
    for (const server of servers) await server.stop();
  };
  const composition = composeServices(definitions.map(({ name, sdl }) => ({ name, url: subgraphUrls[name], typeDefs: parse(sdl) })));
  if (composition.errors) {
    await stop();
    throw new Error(`Composition failed:\n${composition.errors.map((error) => error.message).join("\n")}`);
  }
  return {
    supergraphSdl: composition.supergraphSdl,
    apiSchemaSdl: printSchema(composition.schema.toAPISchema().toGraphQLJSSchema()),
    subgraphUrls,
    stop,
  };
}
