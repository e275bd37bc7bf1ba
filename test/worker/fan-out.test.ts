import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seedTenant } from "../../simulator/src/seed/seed-tenant";
import { MAX_UPSTREAM_PER_REQUEST } from "../../src/engine/tools/upstream-budget";
import { adminApi, createServer, rpc, simulatorRequests } from "./helpers";

// What one HTTP request can make the server send to eDesk. The `fanout` tenant is this file's
// alone: its request log shows exactly what each POST caused.

const TENANT = "fanout";
const data = seedTenant(TENANT);
// A ticket whose context takes several eDesk requests: messages and a linked order.
const ticket = data.tickets.find((t) => t.messages_ids.length >= 2 && t.sales_order_id)!;
const CONTEXT = "get_e_desk_ticket_context";

let url: string;

beforeAll(async () => {
  // The loop guard and the account budget would stop a batch of identical calls first; this
  // file measures the bound of one HTTP request, so both are off.
  const account = await adminApi("POST", "/api/integrated-account", {
    integration: "edesk",
    name: "Fan-out",
    credentials: { api_token: `${TENANT}-edesk-token` },
    max_calls_per_minute: null,
  });
  expect(account.status).toBe(201);
  url = (await createServer(account.body.id, { loop_guard: false })).url;
});

/** A session of the given revision; returns the headers its requests carry. */
async function session(version: string): Promise<Record<string, string>> {
  const init = await rpc(url, {
    id: 0,
    method: "initialize",
    params: {
      protocolVersion: version,
      capabilities: {},
      clientInfo: { name: "fan", version: "1" },
    },
  });
  expect(init.status).toBe(200);
  const headers = {
    "mcp-session-id": init.headers.get("mcp-session-id")!,
    "mcp-protocol-version": version,
  };
  await rpc(url, { method: "notifications/initialized" }, headers);
  return headers;
}

const contextCall = (id: number) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name: CONTEXT, arguments: { id: ticket.id } },
});

async function post(body: unknown, headers: Record<string, string>) {
  const response = await SELF.fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** What one POST sent to eDesk, by the simulator's log. */
async function sentBy<T>(send: () => Promise<T>): Promise<{ answer: T; sent: number }> {
  const before = (await simulatorRequests(TENANT)).length;
  const answer = await send();
  return { answer, sent: (await simulatorRequests(TENANT)).length - before };
}

describe("JSON-RPC batches", () => {
  for (const version of ["2025-06-18", "2025-11-25"]) {
    it(`refuses a batch on a ${version} session with -32600, sending nothing`, async () => {
      const headers = await session(version);
      const { answer, sent } = await sentBy(() => post([contextCall(1), contextCall(2)], headers));
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe(-32600);
      expect(answer.body.error.message).toContain(`protocol ${version} has no JSON-RPC batches`);
      expect(sent).toBe(0);
    });
  }

  it("still serves a batch on a 2025-03-26 session, whose revision has batches", async () => {
    const headers = await session("2025-03-26");
    const ping = (id: number) => ({ jsonrpc: "2.0", id, method: "ping" });
    const answer = await post([ping(1), ping(2)], headers);
    expect(answer.status).toBe(200);
    expect(answer.body.map((m: { id: number }) => m.id).sort()).toEqual([1, 2]);
  });

  it("refuses an initialize inside a batch", async () => {
    const init = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: {
        protocolVersion: "2025-03-26",
        capabilities: {},
        clientInfo: { name: "x", version: "1" },
      },
    };
    const answer = await post([init], {});
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(-32600);
  });

  it("answers a batch under the 2026-07-28 protocol header with a clean -32600", async () => {
    const ping = (id: number) => ({ jsonrpc: "2.0", id, method: "ping" });
    for (const headers of [{}, await session("2025-11-25")]) {
      const answer = await post([ping(1), ping(2)], {
        ...headers,
        "mcp-protocol-version": "2026-07-28",
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe(-32600);
      expect(answer.body.error.message).toMatch(/batch/i);
    }
    const envelope = {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientCapabilities": {},
      "io.modelcontextprotocol/clientInfo": { name: "fan", version: "1" },
    };
    const modern = (id: number) => ({ ...ping(id), params: { _meta: envelope } });
    const answer = await post([modern(1), modern(2)], { "mcp-protocol-version": "2026-07-28" });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(-32600);
  });
});

describe("the eDesk requests of one HTTP request", () => {
  it(`stop at ${MAX_UPSTREAM_PER_REQUEST}, the calls past the bound told why in words`, async () => {
    const headers = await session("2025-03-26");
    const batch = Array.from({ length: 100 }, (_, i) => contextCall(i + 1));
    const { answer, sent } = await sentBy(() => post(batch, headers));
    expect(answer.status).toBe(200);
    expect(sent).toBe(MAX_UPSTREAM_PER_REQUEST);
    const results = (answer.body as { result: any }[]).map((m) => m.result);
    expect(results).toHaveLength(100);
    const stopped = results.filter((r) =>
      String(r.content?.[0]?.text).includes(`at most ${MAX_UPSTREAM_PER_REQUEST} eDesk requests`),
    );
    expect(stopped.length).toBeGreaterThan(0);
    for (const result of stopped) {
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toContain(`Call ${CONTEXT} again in a request of its own`);
    }
  });

  it("start afresh with the next HTTP request", async () => {
    const headers = await session("2025-11-25");
    const { answer, sent } = await sentBy(() => rpc(url, contextCall(1), headers));
    expect(sent).toBeGreaterThan(0);
    expect(String(answer.body.result.content[0].text)).not.toContain("one HTTP request to this");
  });
});
