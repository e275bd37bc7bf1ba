import type { SimulatorEnv } from "./env";

/** One accepted API token and the eDesk account (tenant) it belongs to. */
export interface TokenGrant {
  token: string;
  tenant: string;
  /** Read-only token kind: GET only (docs/edesk-api.md §1, [SUP]). */
  readOnly: boolean;
  /** Stable label for per-token state (rate-limit bucket); never the token itself. */
  key: string;
}

const DEFAULT_TOKENS = "demo-edesk-token:demo";

/** Parses `SIM_TOKENS` (`token:tenant[:ro]`, comma-separated). Malformed entries are skipped. */
export function parseTokens(raw: string | undefined): TokenGrant[] {
  const grants: TokenGrant[] = [];
  const entries = (raw ?? DEFAULT_TOKENS).split(",");
  entries.forEach((entry, index) => {
    const [token, tenant, flag] = entry.trim().split(":");
    if (!token || !tenant) return;
    grants.push({ token, tenant, readOnly: flag === "ro", key: `token-${index}` });
  });
  return grants;
}

/** The distinct tenants named in `SIM_TOKENS`, in order of first appearance. */
export function tenantsOf(grants: TokenGrant[]): string[] {
  return [...new Set(grants.map((grant) => grant.tenant))];
}

/** The control API exists only when explicitly switched on; otherwise `/__sim/*` is a 404. */
export function controlEnabled(env: Pick<SimulatorEnv, "SIM_CONTROL">): boolean {
  return env.SIM_CONTROL === "on";
}
