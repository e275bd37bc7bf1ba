import { adminApi, MODERN, rpc, simulatorRequests } from "./helpers";

// Shared by the guard-*.test.ts files: raw requests of both eras with the capabilities a test
// chooses, and what eDesk (the simulator) and the audit trail saw.

export { MODERN };

export const REPLY_BODY = "Hello! Your parcel left our warehouse today. [guard test]";

/** The 2026-07-28 envelope, declaring `capabilities`. */
const envelope = (capabilities: Record<string, unknown>) => ({
  "io.modelcontextprotocol/protocolVersion": MODERN,
  "io.modelcontextprotocol/clientCapabilities": capabilities,
  "io.modelcontextprotocol/clientInfo": { name: "guard-test", version: "1.0.0" },
});

/** One 2026-07-28 tools/call; `retry` carries `inputResponses` and `requestState`. */
export async function modernCall(
  url: string,
  name: string,
  args: Record<string, unknown>,
  options: { capabilities?: Record<string, unknown>; retry?: Record<string, unknown> } = {},
) {
  return rpc(
    url,
    {
      id: 1,
      method: "tools/call",
      params: {
        name,
        arguments: args,
        ...options.retry,
        _meta: envelope(options.capabilities ?? { elicitation: { form: {} } }),
      },
    },
    { "mcp-protocol-version": MODERN, "mcp-method": "tools/call", "mcp-name": name },
  );
}

/** A 2025-11-25 session whose client declared `capabilities`. */
export async function session(url: string, capabilities: Record<string, unknown>) {
  const init = await rpc(url, {
    id: 0,
    method: "initialize",
    params: {
      protocolVersion: "2025-11-25",
      capabilities,
      clientInfo: { name: "guard-test", version: "1" },
    },
  });
  if (init.status !== 200) throw new Error(`initialize: ${init.status}`);
  const headers = {
    "mcp-session-id": init.headers.get("mcp-session-id")!,
    "mcp-protocol-version": "2025-11-25",
  };
  await rpc(url, { method: "notifications/initialized" }, headers);
  return headers;
}

/** A ticket of the tenant with its channel and customer, read from eDesk directly. */
export async function someTicket(token: string) {
  const res = await fetch("http://edesk.test/v1/tickets?itemsPerPage=1", {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await res.json()) as {
    data: { id: number; subject: string; channel_id: number; contact_id: number }[];
  };
  return body.data[0]!;
}

/** The reply that reaches a customer: a Message, Outgoing, send true. */
export const reply = (ticketId: number, extra: Record<string, unknown> = {}) => ({
  ticket_id: ticketId,
  type: "Message",
  direction: "Outgoing",
  send: true,
  body: REPLY_BODY,
  ...extra,
});

/** Every POST /messages the tenant's eDesk received, oldest first. */
export async function messagePosts(tenant: string) {
  return (await simulatorRequests(tenant)).filter(
    (r) => r.method === "POST" && r.path === "/v1/messages",
  );
}

/** The server's audit trail, newest first (the batch write is flushed by the read). */
export async function auditOf(accountId: string, serverId: string) {
  const res = await adminApi("GET", `/api/integrated-account/${accountId}/mcp/${serverId}/audit`);
  return res.body.result as { tool: string; guard: string; is_error: boolean }[];
}

export const textOf = (result: { content: { text?: string }[] }) =>
  result.content.map((part) => part.text ?? "").join("\n");
