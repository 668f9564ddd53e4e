import { isDeepStrictEqual } from "node:util";
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import fc from "fast-check";
import { buildSchema, type GraphQLSchema } from "graphql";
import type { SubgraphName } from "../domain/topology";
import { AuthorizationPolicy } from "../gateway/authz/policy";
import type { GatewayContext } from "../gateway/context";
import { DEFAULT_SUBGRAPH_FETCH_CONFIG } from "../gateway/config";
import { SubgraphDataSource } from "../gateway/datasource";
import { createAssertionSigner } from "../platform/identity/assertion";
import { buildGateway, type BuiltGateway } from "../gateway/build";
import { gatewayWith } from "../gateway/concern";
import { createResponseCache } from "../gateway/cache";
import { composeSupergraph } from "../dev/schema/composition";
import { fixedClock } from "../platform/clock";
import { listen, type RunningHttpService } from "../platform/http";
import { repoPath } from "../platform/repo-root";
import { SEED_CASE_IDS, seedCasesChunk } from "../dev/dataset/seed-cases";
import { EVERY_SCOPE_NATIONAL, testKeys, tokenFor } from "./support/identity";
import { startAbstractSupergraph, type AbstractSupergraph } from "./support/abstract-supergraph";
import { operationArbitrary, type GeneratedOperation, type RootArguments } from "./support/operation-arbitrary";
import { startTestStack, type TestStack } from "./support/stack";
import { createAuditTrail } from "../gateway/audit";
import { openTestAuditDatabase, type TestAuditDatabase } from "./support/audit";

/**
 * Differential conformance: for a caller with every scope and national
 * jurisdiction, our gateway (authorization filter and projection, operation
 * resolution, input scalars, limits, subgraph fetch) must answer every
 * operation exactly as stock @apollo/gateway (behind the same audit trail)
 * over the same subgraphs does —
 * the same HTTP status, the same data, errors at the same paths. Any
 * difference is a bug in our layer. FC_RUNS raises the number of cases.
 */
const ROOT_ARGUMENTS: RootArguments = {
  forces: [""],
  courts: ["", '(force: "07")', '(force: "21")'],
  person: [`(id: "${SEED_CASE_IDS.cheshire.respondent}")`, "(id: $personId)", '(id: "nobody")'],
  searchPeople: ['(search: { familyName: "Fictionby", dateOfBirth: "1982-11-04" })', '(search: { familyName: "exampleton" })'],
  order: [`(id: "${SEED_CASE_IDS.cheshire.fullOrder}")`, `(id: "${SEED_CASE_IDS.staffordshire.interimOrder}")`, "(id: $orderId)"],
  orders: ["(first: 2)", "(first: $first)", "(first: 1, filter: { kinds: [FULL] })"],
  courtList: ['(courtCode: "B07ED", date: "2020-08-13")'],
  spoStatistics: ['(from: "2020-01-01", to: "2020-12-31", groupBy: NATIONAL)', '(from: "2020-01-01", to: "2020-12-31", groupBy: REGION)'],
};

interface Answer {
  status: number;
  data: unknown;
  errorPaths: string[];
}

const errorPaths = (errors: readonly { path?: readonly (string | number)[] }[] | undefined) =>
  (errors ?? []).map((error) => JSON.stringify(error.path ?? null)).sort();

const RUNS = Number(process.env.FC_RUNS ?? 250);

/** Stock @apollo/gateway's answer, through Apollo Server as a client would get it. */
async function stockAnswer(stock: ApolloServer<GatewayContext>, { query, variables }: GeneratedOperation): Promise<Answer> {
  const response = await stock.executeOperation(
    { query, variables },
    { contextValue: { requestId: "differential", principal: EVERY_SCOPE_NATIONAL } },
  );
  if (response.body.kind !== "single") throw new Error("expected a single result");
  const { data, errors } = response.body.singleResult;
  return { status: response.http.status ?? 200, data, errorPaths: errorPaths(errors) };
}

/** Our gateway's answer over HTTP. */
async function ourAnswer(url: string, { query, variables }: GeneratedOperation, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: { path?: (string | number)[] }[] };
  return { status: response.status, data: body.data, errorPaths: errorPaths(body.errors) };
}

/**
 * Both answers, asked again once when they differ: a semantic difference is deterministic and shows twice,
 * while a subgraph call that failed under a loaded machine (an error at path null on one side) does not.
 */
async function expectSameAnswers(ours: () => Promise<Answer>, stock: () => Promise<Answer>): Promise<void> {
  const normalised = (answer: Answer) => JSON.parse(JSON.stringify(answer)) as unknown;
  const [first, firstStock] = [await ours(), await stock()];
  if (isDeepStrictEqual(normalised(first), normalised(firstStock))) return;
  expect(await ours()).toEqual(await stock());
}

/** Hundreds of operations through two gateways: a guard against a hang, not a speed check (a loaded machine takes minutes). */
const PROPERTY_TIMEOUT_MS = 600_000;

describe("differential conformance with stock @apollo/gateway", () => {
  let stack: TestStack;
  let stock: ApolloServer<GatewayContext>;
  let stockAudit: TestAuditDatabase;
  let apiSchema: GraphQLSchema;

  beforeAll(async () => {
    stack = await startTestStack({ chunks: [seedCasesChunk()], clock: fixedClock("2026-11-22") });
    stockAudit = await openTestAuditDatabase();
    apiSchema = buildSchema((await composeSupergraph()).apiSchemaSdl);
    // Stock @apollo/gateway cannot load the security directives; it gets the supergraph without them,
    // and the same transport (each subgraph call carries the gateway's signed identity assertion).
    const { executableSupergraphSdl } = AuthorizationPolicy.fromSupergraph(readFileSync(repoPath("schema", "supergraph.graphql"), "utf8"));
    const sign = createAssertionSigner((await testKeys()).gatewayPrivateKey);
    // Both behind the same audit trail: it adds id keys to every audited entity, which changes the plans
    // @apollo/gateway builds (and so which of its own bugs it meets, e.g. a selection whose every field is
    // skipped). With it on both sides, a difference is one of the layers under test here.
    stock = new ApolloServer<GatewayContext>({
      gateway: gatewayWith(
        new ApolloGateway({
          supergraphSdl: executableSupergraphSdl,
          buildService: ({ name }) => new SubgraphDataSource(stack.subgraphUrls[name as SubgraphName], name, sign),
        }),
        [createAuditTrail({ db: stockAudit.db })],
      ),
    });
    await stock.start();
  });
  afterAll(async () => {
    await stock?.stop();
    await stack?.stop();
    await stockAudit?.dispose();
  });

  it(
    "answers every generated operation exactly as stock @apollo/gateway",
    async () => {
      const authorization = `Bearer ${await tokenFor(EVERY_SCOPE_NATIONAL)}`;
      await fc.assert(
        fc.asyncProperty(operationArbitrary(apiSchema, ROOT_ARGUMENTS), async (operation) => {
          await expectSameAnswers(
            () => ourAnswer(stack.gatewayUrl, operation, { authorization }),
            () => stockAnswer(stock, operation),
          );
        }),
        { numRuns: RUNS, seed: 9 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("differential conformance on a supergraph with an entity interface, a union, @interfaceObject, @requires and @provides", () => {
  let supergraph: AbstractSupergraph;
  let ours: BuiltGateway;
  let oursRunning: RunningHttpService;
  let stock: ApolloServer<GatewayContext>;
  let audit: TestAuditDatabase;

  beforeAll(async () => {
    supergraph = await startAbstractSupergraph();
    audit = await openTestAuditDatabase();
    ours = await buildGateway(
      {
        supergraphSdl: supergraph.supergraphSdl,
        subgraphUrls: supergraph.subgraphUrls as Record<SubgraphName, string>,
        production: false,
        authorizationMode: "filter",
        subgraphFetch: DEFAULT_SUBGRAPH_FETCH_CONFIG,
      },
      // These subgraphs need no identity assertion; every caller is one with every scope.
      {
        authenticate: async () => EVERY_SCOPE_NATIONAL,
        signAssertion: async () => "not-checked",
        auditDb: audit.db,
        responseCache: createResponseCache({ store: { kind: "off" }, ttlSeconds: 1, persistedQueryTtlSeconds: 1 }),
      },
    );
    await ours.apollo.start();
    oursRunning = await listen(ours.createHttpService(), 0);
    stock = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: supergraph.supergraphSdl,
        buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
      }),
    });
    await stock.start();
  });
  afterAll(async () => {
    await stock?.stop();
    await oursRunning?.close();
    await ours?.apollo.stop();
    await supergraph?.stop();
    await audit?.dispose();
  });

  it(
    "answers every generated operation exactly as stock @apollo/gateway",
    async () => {
      const schema = buildSchema(supergraph.apiSchemaSdl);
      const roots: RootArguments = { items: [""], item: ['(id: "b1")', '(id: "f1")', '(id: "none")'], media: [""], topAuthor: [""] };
      await fc.assert(
        fc.asyncProperty(operationArbitrary(schema, roots, { depth: 3 }), async (operation) => {
          await expectSameAnswers(
            () => ourAnswer(oursRunning.url, operation),
            () => stockAnswer(stock, operation),
          );
        }),
        { numRuns: RUNS, seed: 9 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
