import { createAccount, createServer, initialize } from "../helpers";

/**
 * Each fuzz target has its own simulator tenant and token (vitest.config.ts), so its request
 * log holds exactly what that target sent upstream, while other test files run in parallel.
 */
export const FUZZ_TENANTS = {
  mcp: { token: "fuzz-mcp-edesk-token", tenant: "fuzz-mcp" },
  tools: { token: "fuzz-tools-edesk-token", tenant: "fuzz-tools" },
  admin: { token: "fuzz-admin-edesk-token", tenant: "fuzz-admin" },
  modern: { token: "fuzz-modern-edesk-token", tenant: "fuzz-modern" },
} as const;

export const FUZZ_EDESK_TOKENS = Object.values(FUZZ_TENANTS).map((t) => t.token);

const SIMULATOR = "http://edesk.test/__sim";

/** One line of the simulator's request log (simulator/src/storage.ts). */
export interface UpstreamRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/**
 * The tenant's upstream request log. The test's own fetches go to the simulator like the
 * worker's (vitest.config.ts `outboundService`); a failing fetch here fails the run.
 */
export async function upstreamLog(tenant: string): Promise<UpstreamRequest[]> {
  const response = await fetch(`${SIMULATOR}/requests?tenant=${tenant}`);
  if (!response.ok) throw new Error(`simulator log: ${response.status}`);
  return ((await response.json()) as { data: UpstreamRequest[] }).data;
}

export async function clearUpstreamLog(tenant: string): Promise<void> {
  const response = await fetch(`${SIMULATOR}/requests?tenant=${tenant}`, { method: "DELETE" });
  if (!response.ok) throw new Error(`simulator log clear: ${response.status}`);
  await response.body?.cancel();
}

/** The token of a server URL (`…/mcp/<token>`). */
export const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

export interface FuzzServer {
  id: string;
  url: string;
  token: string;
  /** Headers of an initialised Streamable HTTP session of this server. */
  session: Record<string, string>;
}

/** A server of the account with the given config, and an initialised session on it. */
export async function fuzzServer(
  accountId: string,
  config: Record<string, unknown> = {},
  auth: Record<string, string> = {},
): Promise<FuzzServer> {
  const server = await createServer(accountId, config);
  const { headers } = await initialize(server.url, auth);
  return { id: server.id, url: server.url, token: tokenOf(server.url), session: headers };
}

/**
 * An account on the target's tenant. Creating it checks the token with eDesk's GET /whoami,
 * which must show in the tenant's request log: proof that the log sees the worker's own
 * requests, without which every "nothing reached eDesk" check would pass blindly.
 */
export async function fuzzAccount(target: keyof typeof FUZZ_TENANTS): Promise<string> {
  const { token, tenant } = FUZZ_TENANTS[target];
  await clearUpstreamLog(tenant);
  const id = await createAccount(token, `fuzz ${target}`);
  const seen = await upstreamLog(tenant);
  if (!seen.some((r) => r.method === "GET" && r.path.endsWith("/whoami"))) {
    throw new Error(`the ${tenant} request log did not see the worker's GET /whoami`);
  }
  return id;
}
