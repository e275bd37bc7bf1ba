import type { TenantStore } from "./tenant-store";

/** Bindings and variables of the simulator Worker (simulator/wrangler.toml). */
export interface SimulatorEnv {
  TENANTS: DurableObjectNamespace<TenantStore>;
  /** Comma-separated `token:tenant[:ro]`; see config.ts. */
  SIM_TOKENS?: string;
  /** `"on"` enables the test-only control API under `/__sim/`. */
  SIM_CONTROL?: string;
}
