import {
  Client as V2Client,
  StreamableHTTPClientTransport as V2Transport,
} from "@modelcontextprotocol/client";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ElicitRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createAccount, createServer, simulatorRequests, simulatorUrl } from "./stack";

// config.confirm with real clients of both eras against `wrangler dev`: the official SDK v1
// client answering `elicitation/create`, the SDK v2 client fulfilling `input_required`, and
// clients that declared no elicitation. Judged by the `guard` tenant's request log: no reply
// reaches the simulator unless the person accepted it.

const TOKEN = "guard-edesk-token";
const SEND = "create_a_e_desk_message";
type Answer = {
  action: "accept" | "decline" | "cancel";
  content?: Record<string, string | number | boolean | string[]>;
};

let ticket: { id: number; subject: string };
let accountId: string;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  const response = await fetch(`${simulatorUrl()}/v1/tickets?itemsPerPage=1`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  ticket = ((await response.json()) as { data: { id: number; subject: string }[] }).data[0]!;
  accountId = await createAccount(TOKEN);
});

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close().catch(() => undefined)));
});

const reply = (marker: string, extra: Record<string, unknown> = {}) => ({
  ticket_id: ticket.id,
  type: "Message",
  direction: "Outgoing",
  send: true,
  body: `Your refund is on its way. ${marker}`,
  ...extra,
});

/** The replies carrying `marker` that reached eDesk. */
async function sent(marker: string) {
  const log: { method: string; path: string; body: unknown }[] = await simulatorRequests("guard");
  return log.filter(
    (r) =>
      r.method === "POST" && r.path === "/v1/messages" && JSON.stringify(r.body).includes(marker),
  );
}

const text = (result: unknown) =>
  ((result as CallToolResult).content as { text?: string }[]).map((p) => p.text ?? "").join("\n");

/** The SDK v1 client (2025 era); with `answer`, it declares elicitation and answers so. */
async function v1(url: string, answer?: Answer) {
  const questions: string[] = [];
  const client = new Client(
    { name: "guard-e2e", version: "1.0.0" },
    { capabilities: answer ? { elicitation: {} } : {} },
  );
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      questions.push(String(request.params.message));
      return answer;
    });
  }
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  closers.push(() => client.close());
  return { client, questions };
}

/** The SDK v2 client pinned to 2026-07-28; with `answer`, it declares elicitation and answers so. */
async function v2(url: string, answer?: Answer) {
  const questions: string[] = [];
  const client = new V2Client(
    { name: "guard-e2e", version: "1.0.0" },
    {
      versionNegotiation: { mode: { pin: "2026-07-28" } },
      capabilities: answer ? { elicitation: { form: {} } } : {},
    },
  );
  if (answer) {
    client.setRequestHandler("elicitation/create", async (request) => {
      questions.push(String((request.params as { message?: unknown }).message));
      return answer;
    });
  }
  await client.connect(new V2Transport(new URL(url)));
  closers.push(() => client.close());
  return { client, questions };
}

const YES: Answer = { action: "accept", content: { confirm: true } };

describe("confirm customer_visible, SDK v1 client (elicitation/create on the call's stream)", () => {
  it("sends the reply once after the person accepts, having shown ticket, recipient and text", async () => {
    const server = await createServer(accountId, { confirm: "customer_visible" });
    const { client, questions } = await v1(server.url, YES);
    const result = await client.callTool({ name: SEND, arguments: reply("[v1-accept]") });
    expect(result.isError).toBeUndefined();
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain(`Ticket: ${ticket.id} “${ticket.subject}”`);
    expect(questions[0]).toMatch(/To: .+@/);
    expect(questions[0]).toContain("Your refund is on its way. [v1-accept]");
    expect(await sent("[v1-accept]")).toHaveLength(1);
  });

  it("sends nothing when the person declines or cancels", async () => {
    const server = await createServer(accountId, { confirm: "customer_visible" });
    for (const action of ["decline", "cancel"] as const) {
      const { client, questions } = await v1(server.url, { action });
      const result = await client.callTool({ name: SEND, arguments: reply(`[v1-${action}]`) });
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/do not retry unless they ask/i);
      expect(questions).toHaveLength(1);
      expect(await sent(`[v1-${action}]`)).toEqual([]);
    }
  });

  it("neither asks again nor sends twice when a confirmed keyed reply is retried", async () => {
    const server = await createServer(accountId, { confirm: "customer_visible" });
    const { client, questions } = await v1(server.url, YES);
    const args = reply("[v1-key]", { idempotency_key: `e2e-${crypto.randomUUID()}` });
    const first = await client.callTool({ name: SEND, arguments: args });
    const again = await client.callTool({ name: SEND, arguments: args });
    expect(again.structuredContent).toEqual(first.structuredContent);
    expect(questions).toHaveLength(1);
    expect(await sent("[v1-key]")).toHaveLength(1);
  });
});

describe("confirm customer_visible, SDK v2 client (input_required, then the retry)", () => {
  it("sends the reply once after the person accepts", async () => {
    const server = await createServer(accountId, { confirm: "customer_visible" });
    const { client, questions } = await v2(server.url, YES);
    const result = await client.callTool({ name: SEND, arguments: reply("[v2-accept]") });
    expect(result.isError).toBeFalsy();
    expect(questions).toHaveLength(1);
    expect(questions[0]).toContain("Your refund is on its way. [v2-accept]");
    expect(await sent("[v2-accept]")).toHaveLength(1);
  });

  it("sends nothing when the person declines or cancels", async () => {
    const server = await createServer(accountId, { confirm: "customer_visible" });
    for (const action of ["decline", "cancel"] as const) {
      const { client } = await v2(server.url, { action });
      const result = await client.callTool({ name: SEND, arguments: reply(`[v2-${action}]`) });
      expect(result.isError).toBe(true);
      expect(await sent(`[v2-${action}]`)).toEqual([]);
    }
  });
});

describe("clients that cannot ask a person", () => {
  it("refuse the reply on both eras, name the setting, and send nothing", async () => {
    const server = await createServer(accountId, { confirm: "customer_visible" });
    const old = await v1(server.url);
    const modern = await v2(server.url);
    for (const [label, client] of [
      ["v1", old.client],
      ["v2", modern.client],
    ] as const) {
      const result = await client.callTool({ name: SEND, arguments: reply(`[none-${label}]`) });
      expect(result.isError, label).toBe(true);
      expect(text(result)).toContain('config.confirm "customer_visible"');
      expect(await sent(`[none-${label}]`)).toEqual([]);
    }
  });
});
