/**
 * Unless APOLLO_TELEMETRY_DISABLED is set when one is constructed, an @apollo/gateway sends usage metrics to
 * Apollo's servers (usage-reporting.api.apollographql.com) every hour, describing its host with resource detectors
 * that probe the AWS, GCP, Azure and Alibaba metadata endpoints. A police gateway talks to its subgraphs, its
 * identity provider, Redis, Postgres and the collector it is given, nothing else. That variable is Apollo's only
 * switch, read in the constructor, so it is set before every gateway is made.
 */
export function disableApolloDataCollection(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
}
