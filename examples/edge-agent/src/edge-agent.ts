import { Agent } from "agents";
import type { Env } from "./env";
import { whereIsMyOrder, type ListedTool, type RunSummary } from "./where-is-my-order";

/** One run's target: an edesk-mcp server URL and, for `require_api_token_auth`, its API key. */
export interface RunInput {
  mcpUrl: string;
  apiKey?: string;
}

/** What a run answers over RPC, ready for HTTP (a thrown error would lose its kind crossing the stub). */
export interface RunResult {
  status: 200 | 409 | 502;
  body: RunSummary | { error: { code: "busy" | "run_failed"; message: string } };
}

/**
 * The support agent: a Durable Object that connects to one edesk-mcp server with the `agents`
 * MCP client, lists its tools and runs the "where is my order" plan through them.
 */
export class EdgeAgent extends Agent<Env> {
  private running = false;

  /** Called over RPC from the Worker (`getAgentByName` starts the lifecycle first). */
  async run(input: RunInput): Promise<RunResult> {
    if (this.running) {
      const message = "A run is already under way on this agent.";
      return { status: 409, body: { error: { code: "busy", message } } };
    }
    this.running = true;
    try {
      // A run cut short (eviction mid-run) may have left a server row behind; start clean.
      await this.forgetServers();
      const id = await this.connectEdesk(input);
      const tools = this.mcp.listTools({ serverId: id }) as ListedTool[];
      const summary = await whereIsMyOrder(tools, async (name, args) => {
        const result = await this.mcp.callTool({ serverId: id, name, arguments: args });
        if (result.isError) throw new Error(`${name} failed: ${textOf(result.content)}`);
        return result.structuredContent;
      });
      return { status: 200, body: summary };
    } catch (error) {
      const message = redact(explain(error), input);
      return { status: 502, body: { error: { code: "run_failed", message } } };
    } finally {
      // A failure to forget is retried at the start of the next run; it must not hide the result.
      await this.forgetServers().catch(() => undefined);
      this.running = false;
    }
  }

  /**
   * Header auth: the server checks `Authorization: Bearer <key>` on every request. The key goes
   * in through the transport's `fetch`, which the client keeps in memory only (headers given as
   * `headers` would be stored with the server row). With no OAuth callback URL the client never
   * starts an OAuth flow: a missing or wrong key fails the connect with the server's 401.
   */
  private async connectEdesk({ mcpUrl, apiKey }: RunInput): Promise<string> {
    const id = await this.mcp.registerServer("edesk", {
      url: mcpUrl,
      name: "edesk",
      transport: { type: "streamable-http", fetch: apiKey ? withBearer(apiKey) : undefined },
    });
    const connected = await this.mcp.connectToServer(id);
    if (connected.state !== "connected") {
      throw new Error(connected.state === "failed" ? connected.error : `state ${connected.state}`);
    }
    const discovered = await this.mcp.discoverIfConnected(id);
    if (!discovered?.success) throw new Error(`tools/list failed: ${discovered?.error}`);
    return id;
  }

  /**
   * The client keeps each server's row (its URL, which carries the server's token) in this
   * object's SQLite storage while it is registered; no run leaves one behind.
   */
  private async forgetServers() {
    for (const server of this.mcp.listServers()) await this.mcp.removeServer(server.id);
  }
}

/** `fetch` with the API key on every request of one connection. */
function withBearer(apiKey: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set("Authorization", `Bearer ${apiKey}`);
    return fetch(input, { ...init, headers });
  };
}

/** The client reports a refused credential as an OAuth problem; say what to fix instead. */
function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/OAuth|\b401\b|Unauthorized/i.test(message)) {
    return (
      "The MCP server refused the connection (401): it was created with " +
      "require_api_token_auth and needs a valid API key (api_key or EDESK_MCP_API_KEY). " +
      `Client said: ${message}`
    );
  }
  return message;
}

/** The MCP URL carries the server's token and the key is a credential: neither leaves in an answer. */
function redact(message: string, { mcpUrl, apiKey }: RunInput): string {
  // The client quotes the URL as it normalised it (`href`), which may differ from the input.
  const text = message
    .split(mcpUrl)
    .join("<mcp_url>")
    .split(new URL(mcpUrl).href)
    .join("<mcp_url>");
  return apiKey ? text.split(apiKey).join("<api_key>") : text;
}

function textOf(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return content
    .map((part: { type?: string; text?: string }) => (part.type === "text" ? part.text : ""))
    .join("\n");
}
