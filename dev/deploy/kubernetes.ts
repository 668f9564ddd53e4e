import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import type { IPodSecurityContext } from "kubernetes-models/v1/PodSecurityContext";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { IResourceRequirements } from "kubernetes-models/v1/ResourceRequirements";
import type { ISecurityContext } from "kubernetes-models/v1/SecurityContext";
import type { IVolume } from "kubernetes-models/v1/Volume";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES, type SubgraphName } from "../../domain/topology";

/**
 * The Kubernetes base (deploy/k8s/base/), built from the topology so that a
 * subgraph added there is deployed, reachable and fenced off without a
 * hand-edited manifest. Every object is a kubernetes-models class: each is
 * checked against the Kubernetes API schema when written (validate()) and
 * again by test/kubernetes-manifests.test.ts, overlays applied.
 *
 * What the base leaves to the cluster, by name: the Secrets (database and
 * Redis URLs, the gateway's signing key, the audit hash keys, the metrics
 * token) and the ingress controller's namespace; docs/deploy.md says how to
 * make them.
 */

export const IMAGE = "spo-federation-gateway";
export const GATEWAY_PORT = 4000;
const PART_OF = "spo-federation";

/** The ingress controller's namespace: the only source of traffic the gateway accepts (the overlay may rename it). */
export const INGRESS_NAMESPACE = "ingress-nginx";
/** Where Prometheus scrapes from. */
export const MONITORING_NAMESPACE = "monitoring";

export interface ManifestFile {
  /** File name under deploy/k8s/base/. */
  file: string;
  objects: { toJSON(): unknown; validate(): void }[];
}

const labelsOf = (component: string) => ({
  "app.kubernetes.io/name": component,
  "app.kubernetes.io/part-of": PART_OF,
});
const selectorOf = (component: string) => ({ "app.kubernetes.io/name": component });

/**
 * Requests and limits from the measured figures (docs/performance.md): the gateway peaks at 170–280 MB
 * RSS under load (a ~40 MB live heap; the rest V8's reserve) and ~1.4 ms CPU a request; a subgraph
 * stays under half that. CPU is requested, not capped: a CPU limit throttles a latency-bound service
 * long before the node is busy, and the HorizontalPodAutoscaler scales on the request.
 */
const GATEWAY_RESOURCES: IResourceRequirements = {
  requests: { cpu: "500m", memory: "320Mi" },
  limits: { memory: "512Mi" },
};
const SUBGRAPH_RESOURCES: IResourceRequirements = {
  requests: { cpu: "250m", memory: "192Mi" },
  limits: { memory: "384Mi" },
};

/** Non-root (the image's `node` user), nothing writable but /tmp, no privilege to gain. */
const POD_SECURITY: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  fsGroup: 1000,
  seccompProfile: { type: "RuntimeDefault" },
};
const CONTAINER_SECURITY: ISecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
};
const TMP_VOLUME: IVolume = { name: "tmp", emptyDir: { sizeLimit: "64Mi" } };

const secretEnv = (name: string, secret: string, key: string): IEnvVar => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const configEnv = (configMap: string) => ({ configMapRef: { name: configMap } });

function container(component: string, command: string[], port: number, env: IEnvVar[], resources: IResourceRequirements): IContainer {
  return {
    name: component,
    image: IMAGE,
    imagePullPolicy: "IfNotPresent",
    command,
    ports: [{ name: "http", containerPort: port, protocol: "TCP" }],
    env,
    envFrom: [configEnv("spo-settings")],
    resources,
    securityContext: CONTAINER_SECURITY,
    // Live: the process answers at all (a hung event loop is restarted). Ready: its own dependencies
    // answer (the database, Redis; for the gateway, its subgraphs), so traffic goes only where it can be served.
    livenessProbe: { httpGet: { path: "/health/live", port: "http" }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
    readinessProbe: { httpGet: { path: "/health/ready", port: "http" }, periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 2 },
    startupProbe: { httpGet: { path: "/health/live", port: "http" }, periodSeconds: 2, failureThreshold: 60 },
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  };
}

function podSpec(component: string, main: IContainer, volumes: IVolume[] = []): IPodSpec {
  return {
    serviceAccountName: "spo-service",
    automountServiceAccountToken: false,
    securityContext: POD_SECURITY,
    // The grace outlasts the services' own drain (SHUTDOWN_GRACE_MS, 10 s by default).
    terminationGracePeriodSeconds: 30,
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: "kubernetes.io/hostname",
        whenUnsatisfiable: "ScheduleAnyway",
        labelSelector: { matchLabels: selectorOf(component) },
      },
    ],
    containers: [main],
    volumes: [TMP_VOLUME, ...volumes],
  };
}

function deployment(component: string, replicas: number, spec: IPodSpec): Deployment {
  return new Deployment({
    metadata: { name: component, labels: labelsOf(component) },
    spec: {
      replicas,
      selector: { matchLabels: selectorOf(component) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: { metadata: { labels: labelsOf(component) }, spec },
    },
  });
}

const service = (component: string, port: number) =>
  new Service({
    metadata: { name: component, labels: labelsOf(component) },
    spec: { selector: selectorOf(component), ports: [{ name: "http", port, targetPort: "http", protocol: "TCP" }] },
  });

const disruptionBudget = (component: string) =>
  new PodDisruptionBudget({
    metadata: { name: component, labels: labelsOf(component) },
    spec: { minAvailable: 1, selector: { matchLabels: selectorOf(component) } },
  });

const subgraphUrlVariable = (name: SubgraphName) => `${name.toUpperCase()}_URL`;

function subgraphFile(name: SubgraphName): ManifestFile {
  const port = DEFAULT_SUBGRAPH_PORTS[name];
  const main = container(
    name,
    ["node", `dist/subgraphs/${name}/main.js`],
    port,
    [
      secretEnv("DATABASE_URL", "spo-databases", name),
      secretEnv("REDIS_URL", "spo-redis", "url"),
      { name: "GATEWAY_JWKS_FILE", value: "/run/spo/gateway-jwks/jwks.json" },
    ],
    SUBGRAPH_RESOURCES,
  );
  main.volumeMounts?.push({ name: "gateway-jwks", mountPath: "/run/spo/gateway-jwks", readOnly: true });
  const spec = podSpec(name, main, [{ name: "gateway-jwks", configMap: { name: "spo-gateway-jwks" } }]);
  return {
    file: `${name}.yaml`,
    objects: [
      deployment(name, 2, spec),
      service(name, port),
      disruptionBudget(name),
      // A subgraph answers only the gateway (its signed assertion is the second fence), and Prometheus.
      new NetworkPolicy({
        metadata: { name: `${name}-from-gateway`, labels: labelsOf(name) },
        spec: {
          podSelector: { matchLabels: selectorOf(name) },
          policyTypes: ["Ingress"],
          ingress: [
            { from: [{ podSelector: { matchLabels: selectorOf("gateway") } }], ports: [{ port: "http", protocol: "TCP" }] },
            {
              from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": MONITORING_NAMESPACE } } }],
              ports: [{ port: "http", protocol: "TCP" }],
            },
          ],
        },
      }),
    ],
  };
}

function gatewayFile(): ManifestFile {
  const main = container(
    "gateway",
    ["node", "dist/gateway/main.js"],
    GATEWAY_PORT,
    [
      secretEnv("AUDIT_DATABASE_URL", "spo-databases", "audit"),
      secretEnv("REDIS_URL", "spo-redis", "url"),
      secretEnv("METRICS_TOKEN", "spo-gateway", "metrics-token"),
      { name: "GATEWAY_SIGNING_KEY_FILE", value: "/run/spo/gateway/signing-key.pem" },
      { name: "AUDIT_HASH_KEYS_FILE", value: "/run/spo/gateway/audit-hash-keys.json" },
    ],
    GATEWAY_RESOURCES,
  );
  main.volumeMounts?.push({ name: "gateway-keys", mountPath: "/run/spo/gateway", readOnly: true });
  const spec = podSpec("gateway", main, [
    {
      name: "gateway-keys",
      secret: {
        secretName: "spo-gateway",
        items: [
          { key: "signing-key.pem", path: "signing-key.pem" },
          { key: "audit-hash-keys.json", path: "audit-hash-keys.json" },
        ],
      },
    },
  ]);
  return {
    file: "gateway.yaml",
    objects: [
      deployment("gateway", 2, spec),
      service("gateway", GATEWAY_PORT),
      disruptionBudget("gateway"),
      // Stateless but for the audit chain's lock: replicas add throughput until commits queue on it (docs/deploy.md).
      new HorizontalPodAutoscaler({
        metadata: { name: "gateway", labels: labelsOf("gateway") },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "gateway" },
          minReplicas: 2,
          maxReplicas: 8,
          metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
          behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
        },
      }),
      new NetworkPolicy({
        metadata: { name: "gateway-from-ingress", labels: labelsOf("gateway") },
        spec: {
          podSelector: { matchLabels: selectorOf("gateway") },
          policyTypes: ["Ingress"],
          ingress: [INGRESS_NAMESPACE, MONITORING_NAMESPACE].map((namespace) => ({
            from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } }],
            ports: [{ port: "http", protocol: "TCP" }],
          })),
        },
      }),
    ],
  };
}

/** What every pod shares: the settings that are not secret, the service account, and a default deny. */
function commonFile(): ManifestFile {
  return {
    file: "common.yaml",
    objects: [
      new ServiceAccount({
        metadata: { name: "spo-service", labels: { "app.kubernetes.io/part-of": PART_OF } },
        automountServiceAccountToken: false,
      }),
      new ConfigMap({
        metadata: { name: "spo-settings", labels: { "app.kubernetes.io/part-of": PART_OF } },
        data: {
          NODE_ENV: "production",
          HOST: "0.0.0.0",
          LOG_FORMAT: "json",
          GATEWAY_PORT: String(GATEWAY_PORT),
          // The identity provider: the overlay names the real one.
          JWKS_URL: "https://idp.example.invalid/.well-known/jwks.json",
          JWT_ISSUER: "https://idp.example.invalid",
          JWT_AUDIENCE: "spo-api",
          ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_PORT`, String(DEFAULT_SUBGRAPH_PORTS[name])])),
          ...Object.fromEntries(
            SUBGRAPH_NAMES.map((name) => [subgraphUrlVariable(name), `http://${name}:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`]),
          ),
        },
      }),
      new NetworkPolicy({
        metadata: { name: "default-deny-ingress", labels: { "app.kubernetes.io/part-of": PART_OF } },
        spec: { podSelector: {}, policyTypes: ["Ingress"] },
      }),
    ],
  };
}

/**
 * The audit trail's tables are created and granted by the schema's owner, never by the gateway's
 * own role (which may only insert and read): a Job run before each rollout, with the owner's URL.
 * Subgraphs migrate their own schemas at start, serialised by a row lock across replicas.
 */
function migrationFile(): ManifestFile {
  const audit = (args: string[]): IContainer => ({
    name: `audit-${args[0]}`,
    image: IMAGE,
    imagePullPolicy: "IfNotPresent",
    command: ["node", "dist/gateway/audit.cli.js", ...args],
    env: [secretEnv("AUDIT_DATABASE_URL", "spo-databases", "audit-owner")],
    envFrom: [configEnv("spo-settings")],
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    securityContext: CONTAINER_SECURITY,
    volumeMounts: [{ name: "tmp", mountPath: "/tmp" }],
  });
  return {
    file: "audit-migration.yaml",
    objects: [
      new Job({
        metadata: { name: "audit-migration", labels: labelsOf("audit-migration") },
        spec: {
          backoffLimit: 3,
          ttlSecondsAfterFinished: 86_400,
          template: {
            metadata: { labels: labelsOf("audit-migration") },
            spec: {
              restartPolicy: "OnFailure",
              serviceAccountName: "spo-service",
              automountServiceAccountToken: false,
              securityContext: POD_SECURITY,
              // In order: the grant needs the tables.
              initContainers: [audit(["migrate"])],
              containers: [audit(["grant", "--role", "spo_gateway"])],
              volumes: [TMP_VOLUME],
            },
          },
        },
      }),
    ],
  };
}

/** The base, file by file, in the order kustomization.yaml lists them. */
export function kubernetesBase(): ManifestFile[] {
  return [commonFile(), gatewayFile(), ...SUBGRAPH_NAMES.map(subgraphFile), migrationFile()];
}
