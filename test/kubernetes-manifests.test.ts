import { readFileSync } from "node:fs";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { DEFAULT_SUBGRAPH_PORTS, SUBGRAPH_NAMES } from "../domain/topology";
import { BASE_DIR, renderBase } from "../dev/deploy/render";
import { repoPath } from "../platform/repo-root";
import { renderKustomization, type KubernetesObject } from "./support/kustomize";

const OVERLAYS = ["deploy/k8s/base", "deploy/k8s/overlays/production"];

/** The Kubernetes API schema of an object's kind, from kubernetes-models (generated from the official OpenAPI). */
function validateAgainstSchema(object: KubernetesObject): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the model module is chosen by the object's own apiVersion and kind
  const models = require(`kubernetes-models/${object.apiVersion}/${object.kind}`) as Record<
    string,
    new (data: unknown) => { validate(): void }
  >;
  new models[object.kind](object).validate();
}

interface PodTemplateSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: { runAsNonRoot?: boolean };
  volumes?: { name: string }[];
}
interface Container {
  name: string;
  image: string;
  command: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean; capabilities?: { drop?: string[] } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
}
const podSpecOf = (object: KubernetesObject) => (object.spec as { template: { spec: PodTemplateSpec } }).template.spec;
const byKind = (objects: KubernetesObject[], kind: string) => objects.filter((object) => object.kind === kind);
const named = (objects: KubernetesObject[], kind: string, name: string) => {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};

describe("the Kubernetes manifests", () => {
  it("base files are what npm run manifests writes from the topology today", () => {
    for (const file of renderBase()) expect({ path: file.path, content: readFileSync(repoPath(file.path), "utf8") }).toEqual(file);
    expect(renderBase().map((file) => file.path)).toContain(`${BASE_DIR}/kustomization.yaml`);
  });

  it("the schema check refuses what the API server would (a Deployment without its selector, a port that is a word)", () => {
    expect(() => new Deployment({ metadata: { name: "x" }, spec: { template: {} } } as never).validate()).toThrow(/selector/);
    const objects = renderKustomization(repoPath("deploy/k8s/base"));
    const broken = structuredClone(named(objects, "Deployment", "gateway"));
    podSpecOf(broken).containers[0].ports = [{ name: "http", containerPort: "four thousand" as never }];
    expect(() => validateAgainstSchema(broken)).toThrow(/containerPort/);
  });

  describe.each(OVERLAYS)("%s", (dir) => {
    const objects = renderKustomization(repoPath(dir));
    const deployments = byKind(objects, "Deployment");

    it("every object is valid against the Kubernetes API schema of its kind", () => {
      expect(objects.length).toBeGreaterThan(10);
      for (const object of objects) validateAgainstSchema(object);
    });

    it("deploys the gateway and every subgraph of the topology, each behind a Service on its port", () => {
      expect(deployments.map((deployment) => deployment.metadata.name).sort()).toEqual(["gateway", ...SUBGRAPH_NAMES].sort());
      for (const name of SUBGRAPH_NAMES) {
        const [container] = podSpecOf(named(objects, "Deployment", name)).containers;
        expect(container.command).toEqual(["node", `dist/subgraphs/${name}/main.js`]);
        expect(container.ports).toEqual([{ name: "http", containerPort: DEFAULT_SUBGRAPH_PORTS[name], protocol: "TCP" }]);
        expect(named(objects, "Service", name).spec).toMatchObject({ ports: [{ port: DEFAULT_SUBGRAPH_PORTS[name], targetPort: "http" }] });
      }
    });

    it("every service is probed live and ready on its own port, runs as non-root on a read-only root with nothing to escalate, and states its resources", () => {
      for (const deployment of deployments) {
        const spec = podSpecOf(deployment);
        expect(spec.securityContext?.runAsNonRoot).toBe(true);
        for (const container of spec.containers) {
          expect(container.livenessProbe?.httpGet).toEqual({ path: "/health/live", port: "http" });
          expect(container.readinessProbe?.httpGet).toEqual({ path: "/health/ready", port: "http" });
          expect(container.securityContext).toMatchObject({
            readOnlyRootFilesystem: true,
            allowPrivilegeEscalation: false,
            capabilities: { drop: ["ALL"] },
          });
          expect(container.resources?.requests).toEqual(expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }));
          expect(container.resources?.limits?.memory).toEqual(expect.any(String));
        }
      }
    });

    it("keeps one replica of everything through a voluntary disruption, and scales the gateway on CPU", () => {
      for (const deployment of deployments) {
        expect(named(objects, "PodDisruptionBudget", deployment.metadata.name).spec).toMatchObject({
          minAvailable: 1,
          selector: { matchLabels: { "app.kubernetes.io/name": deployment.metadata.name } },
        });
      }
      expect(named(objects, "HorizontalPodAutoscaler", "gateway").spec).toMatchObject({
        scaleTargetRef: { kind: "Deployment", name: "gateway" },
        metrics: [{ resource: { name: "cpu" } }],
      });
    });

    it("lets a subgraph be reached only by the gateway (and the scraper), and the gateway only from the ingress (and the scraper)", () => {
      expect(named(objects, "NetworkPolicy", "default-deny-ingress").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
      for (const name of SUBGRAPH_NAMES) {
        const policy = named(objects, "NetworkPolicy", `${name}-from-gateway`).spec as {
          podSelector: unknown;
          ingress: { from: unknown[] }[];
        };
        expect(policy.podSelector).toEqual({ matchLabels: { "app.kubernetes.io/name": name } });
        expect(policy.ingress.flatMap((rule) => rule.from)).toEqual([
          { podSelector: { matchLabels: { "app.kubernetes.io/name": "gateway" } } },
          { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
        ]);
      }
      const gateway = named(objects, "NetworkPolicy", "gateway-from-ingress").spec as { ingress: { from: unknown[] }[] };
      expect(gateway.ingress.flatMap((rule) => rule.from)).toEqual([
        { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } },
        { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } },
      ]);
    });

    it("gives production its required settings, every secret from a Secret, none written in a manifest", () => {
      const settings = named(objects, "ConfigMap", "spo-settings").data as Record<string, string>;
      expect(settings).toMatchObject({
        NODE_ENV: "production",
        JWKS_URL: expect.any(String),
        JWT_ISSUER: expect.any(String),
        JWT_AUDIENCE: expect.any(String),
      });
      for (const name of SUBGRAPH_NAMES)
        expect(settings[`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${DEFAULT_SUBGRAPH_PORTS[name]}/graphql`);
      const secretNames = new Set(["DATABASE_URL", "AUDIT_DATABASE_URL", "REDIS_URL", "METRICS_TOKEN"]);
      for (const object of [...deployments, ...byKind(objects, "Job")]) {
        const spec = podSpecOf(object);
        for (const container of [...spec.containers, ...(spec.initContainers ?? [])]) {
          for (const variable of container.env ?? []) {
            if (secretNames.has(variable.name))
              expect(variable).toEqual({ name: variable.name, valueFrom: { secretKeyRef: expect.any(Object) } });
          }
        }
      }
      const gatewayEnv = podSpecOf(named(objects, "Deployment", "gateway")).containers[0].env?.map((variable) => variable.name);
      expect(gatewayEnv).toEqual(expect.arrayContaining(["AUDIT_DATABASE_URL", "GATEWAY_SIGNING_KEY_FILE", "AUDIT_HASH_KEYS_FILE"]));
    });

    it("migrates and grants the audit trail as its owner in a Job, in that order", () => {
      const spec = podSpecOf(named(objects, "Job", "audit-migration"));
      expect(spec.initContainers?.map((container) => container.command)).toEqual([["node", "dist/gateway/audit.cli.js", "migrate"]]);
      expect(spec.containers.map((container) => container.command)).toEqual([
        ["node", "dist/gateway/audit.cli.js", "grant", "--role", "spo_gateway"],
      ]);
    });
  });

  it("production runs in its own restricted namespace, on the registry's image, with more gateways spread over zones", () => {
    const objects = renderKustomization(repoPath("deploy/k8s/overlays/production"));
    expect(named(objects, "Namespace", "spo").metadata.labels).toMatchObject({ "pod-security.kubernetes.io/enforce": "restricted" });
    for (const object of objects.filter((candidate) => candidate.kind !== "Namespace")) expect(object.metadata.namespace).toBe("spo");
    for (const deployment of byKind(objects, "Deployment")) {
      expect(podSpecOf(deployment).containers[0].image).toBe("registry.example.invalid/spo/spo-federation-gateway:0.1.0");
    }
    expect(named(objects, "HorizontalPodAutoscaler", "gateway").spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(named(objects, "Deployment", "gateway").spec).toMatchObject({
      replicas: 3,
      template: { spec: { topologySpreadConstraints: [{ topologyKey: "topology.kubernetes.io/zone" }] } },
    });
  });
});
