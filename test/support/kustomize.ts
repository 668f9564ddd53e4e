import { readFileSync } from "node:fs";
import path from "node:path";
import { applyPatch, type Operation } from "fast-json-patch";
import { parse, parseAllDocuments } from "yaml";

/** A Kubernetes object as rendered: what `kubectl kustomize` would print, one per document. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass"]);

function withImages(object: KubernetesObject, images: NonNullable<Kustomization["images"]>): void {
  const podSpec = (object.spec as { template?: { spec?: Record<string, unknown> } } | undefined)?.template?.spec;
  if (!podSpec) return;
  for (const list of ["containers", "initContainers"]) {
    for (const container of (podSpec[list] as { image: string }[] | undefined) ?? []) {
      const [name, tag] = container.image.split(":");
      const image = images.find((candidate) => candidate.name === name);
      if (image) container.image = `${image.newName ?? name}:${image.newTag ?? tag ?? "latest"}`;
    }
  }
}

/**
 * The part of kustomize the deployment's overlays use — resources (files and
 * directories), namespace, images and JSON 6902 patches by kind and name — so the
 * test can render an overlay without the kustomize binary (not on this machine).
 * A patch whose target matches nothing, or whose path is missing, is an error,
 * as it is for kustomize.
 */
export function renderKustomization(dir: string): KubernetesObject[] {
  const kustomization = parse(readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as Kustomization;
  const objects: KubernetesObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const full = path.join(dir, resource);
    if (resource.endsWith(".yaml")) {
      for (const document of parseAllDocuments(readFileSync(full, "utf8"))) objects.push(document.toJS() as KubernetesObject);
    } else objects.push(...renderKustomization(full));
  }
  for (const { target, patch } of kustomization.patches ?? []) {
    const matches = objects.filter((object) => object.kind === target.kind && object.metadata.name === target.name);
    if (matches.length === 0) throw new Error(`A patch targets ${target.kind}/${target.name}, which is not among the resources`);
    for (const object of matches) applyPatch(object, parse(patch) as Operation[], true, true);
  }
  for (const object of objects) {
    if (kustomization.images) withImages(object, kustomization.images);
    if (kustomization.namespace && !CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = kustomization.namespace;
  }
  return objects;
}
