import { getAgentByName } from "agents";
import type { Env } from "./env";
import type { RunInput } from "./edge-agent";

export { EdgeAgent } from "./edge-agent";

/** Bounds of what a caller sends (a URL and a key; nothing else is read). */
const MAX_BODY_BYTES = 8 * 1024;
const MAX_URL_LENGTH = 2048;
const MAX_KEY_LENGTH = 512;

const json = (status: number, body: unknown) => Response.json(body, { status });
const fail = (status: number, code: string, message: string) =>
  json(status, { error: { code, message } });

/**
 * `POST /run` with `{"mcp_url", "api_key"?}` runs the workflow once on the agent instance and
 * answers with its summary. Without `api_key`, the `EDESK_MCP_API_KEY` secret is used, and only
 * for a URL on `EDESK_MCP_ORIGIN`: a request cannot send the secret to a host it picks.
 */
export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname !== "/run") return fail(404, "not_found", "POST /run is the only route.");
    if (request.method !== "POST") return fail(405, "method_not_allowed", "Use POST.");

    const parsed = await readInput(request, env);
    if ("error" in parsed) return fail(400, "invalid_request", parsed.error);

    const agent = await getAgentByName(env.EDGE_AGENT, "default");
    const result = await agent.run(parsed);
    return json(result.status, result.body);
  },
} satisfies ExportedHandler<Env>;

async function readInput(request: Request, env: Env): Promise<RunInput | { error: string }> {
  const tooLarge = { error: `The body is over ${MAX_BODY_BYTES} bytes.` };
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) return tooLarge;
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return tooLarge;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { error: 'The body must be JSON: {"mcp_url": "https://…/mcp/<token>"}.' };
  }
  const { mcp_url: mcpUrl, api_key: apiKey } = (body ?? {}) as Record<string, unknown>;
  if (typeof mcpUrl !== "string" || mcpUrl.length > MAX_URL_LENGTH || !URL.canParse(mcpUrl)) {
    return { error: `mcp_url must be a URL of at most ${MAX_URL_LENGTH} characters.` };
  }
  const url = new URL(mcpUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { error: "mcp_url must be an http(s) URL." };
  }
  if (apiKey !== undefined && (typeof apiKey !== "string" || apiKey.length > MAX_KEY_LENGTH)) {
    return { error: `api_key must be a string of at most ${MAX_KEY_LENGTH} characters.` };
  }
  const configured = env.EDESK_MCP_ORIGIN && url.origin === new URL(env.EDESK_MCP_ORIGIN).origin;
  return { mcpUrl, apiKey: apiKey ?? (configured ? env.EDESK_MCP_API_KEY : undefined) };
}
