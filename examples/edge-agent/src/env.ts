import type { EdgeAgent } from "./edge-agent";

/**
 * Bindings and variables of the example Worker (its wrangler.toml). `Agent<Env>` wants an
 * extension of `Cloudflare.Env`, which `wrangler types` fills in a project of its own; here the
 * bindings are spelled out because this repository's `Cloudflare.Env` is the main worker's.
 */
export type Env = Cloudflare.Env & {
  EDGE_AGENT: DurableObjectNamespace<EdgeAgent>;
  /** Origin of the edesk-mcp deployment that `EDESK_MCP_API_KEY` belongs to. */
  EDESK_MCP_ORIGIN?: string;
  /** Secret (`wrangler secret put EDESK_MCP_API_KEY`): the API key for that origin's servers. */
  EDESK_MCP_API_KEY?: string;
};
