import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, startDevWorker, type DevWorker } from "../../scripts/dev-stack.mjs";
import { demoGet, demoWrites, expectRepliedAndClosed, freshDemoDesk } from "./demo-desk";
import { adminApi, createAccount, createServer, workerUrl } from "./stack";

// examples/edge-agent (an `agents` Agent in a Durable Object) under `wrangler dev` beside the
// stack's worker and simulator: each run is triggered over its HTTP entry and judged by the
// simulator's state (eDesk's own view), not by the agent's summary alone.

/** What "where is my order" needs, and no delete (as in workflows.test.ts). */
const WHERE_IS_MY_ORDER = {
  methods: ["list", "get", "create", "update"],
  tags: ["tickets", "messages", "sales_orders"],
};

/**
 * The key the agent presents to `require_api_token_auth` servers: an `mcp`-scoped key for every
 * account (the Worker-secret run gets it before its account exists), never an admin key.
 */
let mcpKey: Promise<string> | undefined;
const agentApiKey = (): Promise<string> =>
  (mcpKey ??= adminApi("POST", "/api/keys", { name: "edge agent", scope: "mcp" }).then((res) => {
    if (res.status !== 201) throw new Error(`key: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.key as string;
  }));

/** The seed's answer (see workflows.test.ts): the oldest open "Shipping update" ticket. */
const TICKET = 1203415;
const TRACKING = "FedEx 123456789";

const states: string[] = [];

async function startAgent(vars: Record<string, string> = {}) {
  const state = mkdtempSync(path.join(tmpdir(), "edesk-edge-agent-"));
  states.push(state);
  const worker = await startDevWorker({
    name: "edge-agent",
    configPath: "examples/edge-agent/wrangler.toml",
    vars,
    persistTo: state,
    log: process.env.E2E_LOG === "1",
  });
  return { ...worker, state };
}

/** Whether any file the agent's Durable Object storage wrote (SQLite, WAL) holds `secret`. */
function storageHolds(state: string, secret: string): boolean {
  const files = readdirSync(state, { recursive: true, withFileTypes: true });
  return files
    .filter((entry) => entry.isFile())
    .some((entry) => readFileSync(path.join(entry.parentPath, entry.name)).includes(secret));
}

afterAll(() => {
  for (const state of states) rmSync(state, { recursive: true, force: true });
});

/** A server for the workflow on a new account, then a freshly seeded desk and empty log. */
async function serverFor(config: Record<string, unknown> = {}) {
  const server = await createServer(await createAccount(), { ...WHERE_IS_MY_ORDER, ...config });
  await freshDemoDesk();
  return server;
}

async function run(agent: DevWorker, body: Record<string, unknown>) {
  const response = await fetch(`${agent.url}/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

function expectSummary(body: any) {
  expect(body).toMatchObject({
    ticket_id: TICKET,
    sales_order_id: 88310,
    tracking_code: TRACKING,
    final_status: "Closed",
    outcome: "replied_and_closed",
  });
  expect(body.tools_listed).toBeGreaterThanOrEqual(4);
  expect(body.calls.map((call: { tool: string }) => call.tool)).toEqual([
    "list_all_e_desk_tickets",
    "get_single_e_desk_sales_order_by_id",
    "create_a_e_desk_message",
    "update_a_e_desk_ticket_datum_by_id",
  ]);
  // The ids it sent came from results: the order id from the ticket, the ticket id from the list.
  expect(body.calls[1].arguments).toEqual({ id: 88310 });
  expect(body.calls[3].arguments).toEqual({ id: TICKET, status: "Closed" });
}

describe("edge agent with credentials in the request", () => {
  let agent: DevWorker & { state: string };
  beforeAll(async () => {
    agent = await startAgent();
  });
  afterAll(async () => {
    await agent?.stop();
  });

  it("runs where-is-my-order against a plain server", async () => {
    const server = await serverFor();
    const { status, body } = await run(agent, { mcp_url: server.url });
    expect(status, JSON.stringify(body)).toBe(200);
    expectSummary(body);
    await expectRepliedAndClosed(TICKET, TRACKING);
  });

  it("runs it against a require_api_token_auth server with the key in the request", async () => {
    const server = await serverFor({ require_api_token_auth: true });
    const { status, body } = await run(agent, {
      mcp_url: server.url,
      api_key: await agentApiKey(),
    });
    expect(status, JSON.stringify(body)).toBe(200);
    expectSummary(body);
    await expectRepliedAndClosed(TICKET, TRACKING);
    // The key reached the connection through its fetch only: no byte of it in the agent's storage
    // (the server row, URL included, is stored while connected and deleted after the run).
    expect(storageHolds(agent.state, await agentApiKey())).toBe(false);
  });

  it("stops before any write when the key is wrong, and never echoes the URL or key", async () => {
    const server = await serverFor({ require_api_token_auth: true });
    const wrongKey = "not-the-key-3f9c1d";
    const { status, body } = await run(agent, { mcp_url: server.url, api_key: wrongKey });
    expect(status).toBe(502);
    expect(body.error.code).toBe("run_failed");
    expect(body.error.message).toContain("needs a valid API key");
    const text = JSON.stringify(body);
    expect(text).not.toContain(new URL(server.url).pathname);
    expect(text).not.toContain(wrongKey);
    expect(await demoWrites()).toEqual([]);
    expect((await demoGet(`/tickets/${TICKET}`)).status).toBe("Open");
  });

  it("refuses a server without the workflow's tools before writing anything", async () => {
    const server = await createServer(await createAccount(), { methods: ["read"] });
    await freshDemoDesk();
    const { status, body } = await run(agent, { mcp_url: server.url });
    expect(status).toBe(502);
    expect(body.error.message).toContain("create_a_e_desk_message");
    expect(await demoWrites()).toEqual([]);
  });
});

describe("edge agent with the key as a Worker secret", () => {
  let agent: DevWorker;
  let seen: IncomingHttpHeaders[] = [];
  const elsewhere = createHttpServer((request, response) => {
    seen.push(request.headers);
    response.writeHead(404).end();
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    agent = await startAgent({
      EDESK_MCP_ORIGIN: workerUrl(),
      EDESK_MCP_API_KEY: await agentApiKey(),
    });
  });
  afterAll(async () => {
    await agent?.stop();
    await new Promise((resolve) => elsewhere.close(resolve));
  });

  it("runs where-is-my-order against a require_api_token_auth server on its origin", async () => {
    const server = await serverFor({ require_api_token_auth: true });
    const { status, body } = await run(agent, { mcp_url: server.url });
    expect(status, JSON.stringify(body)).toBe(200);
    expectSummary(body);
    await expectRepliedAndClosed(TICKET, TRACKING);
  });

  it("never sends the secret to a URL on another origin", async () => {
    seen = [];
    const { port } = elsewhere.address() as AddressInfo;
    const { status } = await run(agent, { mcp_url: `http://127.0.0.1:${port}/mcp/elsewhere` });
    expect(status).toBe(502);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((headers) => headers.authorization === undefined)).toBe(true);
  });
});

describe("README section on agent backends", () => {
  const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
  /** Lines without their indentation: the README quotes class members at the left margin. */
  const unindent = (text: string) =>
    text
      .split("\n")
      .map((line) => line.trim())
      .join("\n")
      .trim();

  it("quotes the example's code verbatim", () => {
    const readme = read("README.md");
    const start = readme.indexOf("## From an agent backend on Workers");
    expect(start).toBeGreaterThanOrEqual(0);
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    const blocks = [...section.matchAll(/```(?:ts|toml)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    const example = unindent(
      [
        "examples/edge-agent/wrangler.toml",
        "examples/edge-agent/src/edge-agent.ts",
        "examples/edge-agent/src/index.ts",
      ]
        .map(read)
        .join("\n"),
    );
    for (const block of blocks) expect(example).toContain(unindent(block));
  });
});
