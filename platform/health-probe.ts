/**
 * node dist/platform/health-probe.js [port]: exits 0 when the service on this
 * host answers GET /health/ready with 200, 1 otherwise (the container image's
 * HEALTHCHECK and docker-compose's). The port is the argument, else
 * GATEWAY_PORT, else 4000. Bounded: a service that accepts the connection and
 * never answers is unhealthy after 3 s, not a probe that hangs.
 */
const port = process.argv[2] ?? process.env.GATEWAY_PORT ?? "4000";
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
