import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, expect, it } from "vitest";
import { ROOMY_BUCKET } from "./global-setup";
import { planSessions, type SessionPlan } from "./load-plan";
import { connect, createAccount, createServer, simulatorUrl, type TransportKind } from "./stack";

// Many sessions of one MCP server at once: every session is served by the same Durable Object
// (docs/architecture.md §2), so a mix-up between sessions would show as an answer for another customer.

const SESSIONS = 50;
const LEGACY_SESSIONS = 10;
const CALLS_PER_SESSION = 20;

type Json = Record<string, any>;

interface Step {
  tool: string;
  args: Json;
  /** Returns what is wrong with the result, or nothing when it is exactly what was asked. */
  check(result: Json): string | undefined;
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);
const sameIds = (rows: Json[], ids: number[]) =>
  JSON.stringify(sorted(rows.map((row) => row.id))) === JSON.stringify(sorted(ids));

/** A session's calls: reads of its own records and lists filtered to its own customer. */
function stepsFor(plan: SessionPlan, marker: string): Step[] {
  const { contactId, ticketIds, orderIds, messageIds } = plan;
  const pick = (ids: number[], k: number) => ids[k % ids.length]!;
  let noteId: number | undefined;
  const reads = (k: number): Step[] => [
    {
      tool: "get_single_e_desk_ticket_by_id",
      args: { id: pick(ticketIds, k) },
      check: (r) =>
        r.id === pick(ticketIds, k) && r.contact_id === contactId ? undefined : "ticket",
    },
    {
      tool: "get_single_e_desk_message_by_id",
      args: { id: pick(messageIds, k) },
      check: (r) =>
        r.id === pick(messageIds, k) && ticketIds.includes(r.ticket_id) ? undefined : "message",
    },
    {
      tool: "get_single_e_desk_sales_order_by_id",
      args: { id: pick(orderIds, k) },
      check: (r) =>
        r.id === pick(orderIds, k) && r.contact_id === contactId ? undefined : "sales order",
    },
    {
      tool: "list_all_e_desk_tickets",
      args: { filter_contact_id_equals: contactId, limit: 100 },
      check: (r) => (sameIds(r.result, ticketIds) ? undefined : "ticket list"),
    },
    {
      tool: "list_all_e_desk_sales_orders",
      args: { filter_contact_id_equals: contactId, limit: 100 },
      check: (r) => (sameIds(r.result, orderIds) ? undefined : "sales order list"),
    },
  ];
  const steps = Array.from({ length: CALLS_PER_SESSION }, (_, k) => reads(k)[k % 5]!);
  // One write and its read-back, each carrying this session's own marker.
  steps[10] = {
    tool: "create_a_e_desk_message",
    args: { ticket_id: ticketIds[0], type: "Note", body: marker },
    check: (r) => {
      noteId = r.id;
      return r.ticket_id === ticketIds[0] && r.body === marker ? undefined : "created note";
    },
  };
  steps[CALLS_PER_SESSION - 1] = {
    tool: "get_single_e_desk_message_by_id",
    get args() {
      return { id: noteId };
    },
    check: (r) => (r.id === noteId && r.body === marker ? undefined : "note read back"),
  };
  return steps;
}

/** The session id the server gave: the header of Streamable HTTP, the endpoint's of legacy SSE. */
function sessionIdOf(client: Client): string | undefined {
  const transport = client.transport;
  if (transport instanceof StreamableHTTPClientTransport) return transport.sessionId;
  if (transport instanceof SSEClientTransport) {
    // The SDK keeps the `endpoint` event's URL private; its sessionId names the session.
    const endpoint = (transport as unknown as { _endpoint?: URL })._endpoint;
    return endpoint?.searchParams.get("sessionId") ?? undefined;
  }
  return undefined;
}

async function runSession(client: Client, plan: SessionPlan, index: number): Promise<string[]> {
  const problems: string[] = [];
  for (const step of stepsFor(plan, `load session ${index}, contact ${plan.contactId}`)) {
    try {
      const result = (await client.callTool({
        name: step.tool,
        arguments: step.args,
      })) as CallToolResult;
      if (result.isError) {
        problems.push(`${index} ${step.tool}: isError ${JSON.stringify(result.content)}`);
        continue;
      }
      const wrong = step.check(result.structuredContent as Json);
      if (wrong)
        problems.push(`${index} ${step.tool}: wrong ${wrong} for contact ${plan.contactId}`);
    } catch (error) {
      problems.push(`${index} ${step.tool}: ${String(error)}`);
    }
  }
  return problems;
}

let mcpUrl: string;
let plans: SessionPlan[];

beforeAll(async () => {
  const put = (path: string, body: unknown) =>
    fetch(`${simulatorUrl()}/__sim/${path}`, { method: "PUT", body: JSON.stringify(body) });
  // This test is about sessions, not eDesk's limits or faults.
  await put("bucket", ROOMY_BUCKET);
  await fetch(`${simulatorUrl()}/__sim/faults`, { method: "DELETE" });
  plans = await planSessions(SESSIONS);
  mcpUrl = (await createServer(await createAccount())).url;
});

it(`serves ${SESSIONS} concurrent sessions × ${CALLS_PER_SESSION} calls, each only its own data`, async () => {
  const kinds: TransportKind[] = plans.map((_, i) => (i < LEGACY_SESSIONS ? "sse" : "streamable"));
  const clients = await Promise.all(kinds.map((kind) => connect(mcpUrl, kind)));
  try {
    const ids = clients.map(sessionIdOf);
    expect(ids.every((id) => typeof id === "string" && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(SESSIONS);

    const problems = await Promise.all(clients.map((c, i) => runSession(c, plans[i]!, i)));
    expect(problems.flat()).toEqual([]);
  } finally {
    await Promise.all(
      clients.map(async (client) => {
        const transport = client.transport;
        if (transport instanceof StreamableHTTPClientTransport) {
          await transport.terminateSession().catch(() => {});
        }
        await client.close();
      }),
    );
  }
}, 120_000);
