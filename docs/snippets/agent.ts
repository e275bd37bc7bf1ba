import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/**
 * Connects an agent to an edesk-mcp server over Streamable HTTP. Pass `mcpKey` (an mcp-scoped
 * key, never an admin key) only for a server created with `require_api_token_auth`. Give
 * `(await client.listTools()).tools` to your model and run each call it asks for with
 * `client.callTool({ name, arguments })`.
 */
export async function connectEdesk(url: string, mcpKey?: string): Promise<Client> {
  const client = new Client({ name: "support-agent", version: "1.0.0" });
  const headers: Record<string, string> = mcpKey ? { Authorization: `Bearer ${mcpKey}` } : {};
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
  );
  return client;
}

/** One tool call; a failed call (`isError`) carries an actionable text for the model. */
export async function callEdesk(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) {
    const content = result.content as { type: string; text?: string }[];
    throw new Error(content.map((part) => part.text ?? "").join("\n"));
  }
  return result.structuredContent;
}
