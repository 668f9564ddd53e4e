import { watch, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { SupergraphSdlHook } from "@apollo/gateway";
import type { Logger } from "../../platform/log";
import { summaryOf, supergraphRefusal } from "./check";

/** Where the served supergraph comes from, and what a new one is held to. */
export interface SupergraphReloadConfig {
  /** The supergraph file (SUPERGRAPH_PATH), read again on reload. */
  path: string;
  /** Reload when the file changes (SUPERGRAPH_WATCH); SIGHUP reloads either way. */
  watch: boolean;
  /** The public contract a new supergraph's API schema must not break (schema/contract.graphql). */
  contractSdl?: string;
}

export type ReloadOutcome = { kind: "loaded" } | { kind: "unchanged" } | { kind: "refused"; reason: string };

export interface SupergraphLoading {
  /** The supergraph as @apollo/gateway loads it, from the one given (the concerns' transforms); throws to refuse it. */
  prepare(supergraphSdl: string): string;
  /** The supergraph given to the last prepare() is now the one served (called in the same tick as the switch). */
  loaded(supergraphSdl: string): void;
}

/**
 * The served supergraph, reloaded from its file on SIGHUP or a change: a new one goes through the same
 * checks as `npm run compose` (a valid supergraph, the public contract unbroken) and the concerns' own
 * (authorization reads its directives) before @apollo/gateway's `update` switches to it; a refused one
 * leaves the old one serving, logged and reported by health until a reload succeeds. Requests in flight
 * finish on the plan they started with. Reloads run one at a time; between the checks and the switch
 * nothing else runs, so no request sees half a reload.
 */
export class SupergraphReloader {
  private update: ((supergraphSdl: string) => void) | undefined;
  private served: string;
  private loadedAt = new Date().toISOString();
  private refused: { at: string; reason: string } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;

  constructor(
    initialSdl: string,
    private readonly config: SupergraphReloadConfig | undefined,
    private readonly log: Logger,
  ) {
    this.served = initialSdl;
  }

  /** @apollo/gateway's `supergraphSdl` option: the initial supergraph, and the `update` callback kept for reloads. */
  hook(loading: SupergraphLoading): SupergraphSdlHook {
    return async ({ update }) => {
      this.update = update;
      const executable = loading.prepare(this.served);
      loading.loaded(this.served);
      this.loading = loading;
      if (this.config?.watch) this.startWatching(this.config.path);
      return { supergraphSdl: executable, cleanup: async () => this.stopWatching() };
    };
  }

  private loading: SupergraphLoading | undefined;

  /** Reads the file again and serves it if it passes; the outcome, also logged and kept for health. */
  reload(): Promise<ReloadOutcome> {
    const next = this.queue.then(() => this.reloadNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** "ready", or the refused reload and which supergraph is served instead. */
  health(): string {
    if (!this.refused) return "ready";
    return `reload refused at ${this.refused.at} (${this.refused.reason}); serving the supergraph loaded at ${this.loadedAt}`;
  }

  private async reloadNow(): Promise<ReloadOutcome> {
    if (!this.config || !this.update || !this.loading) return this.refuse("the gateway has not loaded a supergraph file yet");
    let candidate: string;
    try {
      candidate = await readFile(this.config.path, "utf8");
    } catch (error) {
      return this.refuse(`cannot read ${this.config.path} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    // From here to the switch, synchronous: no request runs between the checks and the update.
    if (candidate === this.served) {
      // The file is what is served again (a refused one put back): nothing refused stands.
      this.refused = undefined;
      return { kind: "unchanged" };
    }
    let executable: string;
    try {
      // The concerns' own reading first (authorization takes out the directives it enforces): what is checked
      // below is what @apollo/gateway would serve.
      executable = this.loading.prepare(candidate);
    } catch (error) {
      return this.refuse(`not a valid supergraph: ${summaryOf(error)}`);
    }
    const refusal = supergraphRefusal(executable, this.config.contractSdl);
    if (refusal) return this.refuse(refusal);
    try {
      this.update(executable);
    } catch (error) {
      return this.refuse(`refused by the gateway: ${summaryOf(error)}`);
    }
    this.loading.loaded(candidate);
    this.served = candidate;
    this.loadedAt = new Date().toISOString();
    this.refused = undefined;
    this.log.info(`supergraph reloaded from ${this.config.path}`);
    return { kind: "loaded" };
  }

  private refuse(reason: string): ReloadOutcome {
    this.refused = { at: new Date().toISOString(), reason };
    this.log.error(`supergraph reload refused, the previous one still served: ${reason}`);
    return { kind: "refused", reason };
  }

  private startWatching(file: string): void {
    // The folder, not the file: an editor or a deployment replaces the file by renaming a new one over it.
    this.watcher = watch(path.dirname(file), (_event, name) => {
      if (name !== null && name !== path.basename(file)) return;
      // One reload for the burst of events a single write makes.
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reload(), 100);
    });
    this.watcher.on("error", (error) =>
      this.log.error(`supergraph file watch failed (${(error as NodeJS.ErrnoException).code}); SIGHUP still reloads`),
    );
  }

  private stopWatching(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
