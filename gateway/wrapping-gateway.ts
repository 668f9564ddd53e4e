import type { GatewayExecutor, GatewayInterface } from "@apollo/server-gateway-interface";

/**
 * A gateway that is another gateway with its executor wrapped: how the
 * gateway's concerns (field authorization, the audit trail) stand around
 * @apollo/gateway's planner and executor without changing it.
 */
export abstract class WrappingGateway implements GatewayInterface {
  constructor(protected readonly inner: GatewayInterface) {}

  onSchemaLoadOrUpdate(callback: Parameters<GatewayInterface["onSchemaLoadOrUpdate"]>[0]) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  async load(options: Parameters<GatewayInterface["load"]>[0]) {
    const loaded = await this.inner.load(options);
    const executor = loaded.executor;
    if (!executor) throw new Error("The gateway loaded no executor");
    return { ...loaded, executor: this.wrapExecutor(executor) };
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  protected abstract wrapExecutor(execute: GatewayExecutor): GatewayExecutor;
}
