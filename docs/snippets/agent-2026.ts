import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

/**
 * Connects an agent to an edesk-mcp server with protocol 2026-07-28 (the official SDK v2
 * client): no session and no `initialize`; the client asks `server/discover` once, then every
 * request carries its own protocol version and client info. `mode: "auto"` instead of the pin
 * also works, and falls back to 2025-11-25 against a server that has no 2026 era. Pass `apiKey`
 * only for a server created with `require_api_token_auth`.
 */
export async function connectEdesk2026(url: string, apiKey?: string): Promise<Client> {
  const client = new Client(
    { name: "support-agent", version: "1.0.0" },
    { versionNegotiation: { mode: { pin: "2026-07-28" } } },
  );
  const headers: Record<string, string> = apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
  );
  return client;
}

/** One tool call; a failed call (`isError`) carries an actionable text for the model. */
export async function callEdesk2026(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) {
    const content = result.content as { type: string; text?: string }[];
    throw new Error(content.map((part) => part.text ?? "").join("\n"));
  }
  return result.structuredContent;
}
