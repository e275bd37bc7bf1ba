import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OFFLINE_NPM_ENV, killChildren, run } from "./child";
import { shellSnippets } from "./snippets";
import { createAccount, createMcpKey, createServer } from "./stack";

// The MCP Inspector 2.12.0 CLI, run exactly as the README's docs/snippets/inspector.sh shows
// (through `npx` and a shell, with MCP_URL and MCP_KEY in the environment). Its stdout is the
// JSON-RPC result; its schema-portability notice goes to stderr.

const COMMANDS = shellSnippets("inspector.sh");
/** The snippet's commands by their comment line; each one has a test below. */
const TITLES = {
  list: "List the tools over Streamable HTTP",
  call: "Call a tool",
  sse: "The same server over legacy HTTP+SSE",
  apiKey: "A server created with require_api_token_auth",
};

function snippet(title: string) {
  const found = COMMANDS.find((command) => command.title === title);
  if (!found) throw new Error(`docs/snippets/inspector.sh has no command titled "${title}"`);
  return found.command;
}

async function inspector(title: string, env: { MCP_URL: string; MCP_KEY?: string }) {
  const result = await run("sh", ["-c", snippet(title)], {
    env: { ...OFFLINE_NPM_ENV, ...env },
    timeoutMs: 45_000,
  });
  if (result.code !== 0) {
    throw new Error(`inspector exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

let server: { url: string; tools: string[] };
let authServer: { url: string; tools: string[] };
let authKey: string;

beforeAll(async () => {
  const accountId = await createAccount();
  server = await createServer(accountId);
  authServer = await createServer(accountId, { require_api_token_auth: true });
  authKey = await createMcpKey(accountId);
});

afterAll(() => killChildren());

describe("MCP Inspector CLI (docs/snippets/inspector.sh)", () => {
  it("has a test for every command of the snippet", () => {
    expect(COMMANDS.map((command) => command.title).sort()).toEqual(Object.values(TITLES).sort());
    for (const { command } of COMMANDS) {
      expect(command).toMatch(/^npx @modelcontextprotocol\/inspector --cli "\$MCP_URL(\/sse)?" /);
    }
  });

  it("lists the tools over Streamable HTTP", async () => {
    const output = await inspector(TITLES.list, { MCP_URL: server.url });
    const names = output.tools.map((tool: { name: string }) => tool.name);
    expect(names.sort()).toEqual([...server.tools].sort());
    const getTicket = output.tools.find(
      (tool: { name: string }) => tool.name === "get_single_e_desk_ticket_by_id",
    );
    expect(getTicket.inputSchema).toMatchObject({
      type: "object",
      properties: { id: { type: "integer" } },
      required: ["id"],
    });
    expect(getTicket.annotations).toMatchObject({ readOnlyHint: true });
  }, 60_000);

  it("calls a tool with a typed argument", async () => {
    const output = await inspector(TITLES.call, { MCP_URL: server.url });
    expect(output.isError).toBeFalsy();
    expect(output.structuredContent).toMatchObject({
      id: 1409923,
      subject: "UPS tracking not updating",
      sales_order_id: 509211,
    });
    expect(JSON.parse(output.content[0].text).id).toBe(1409923);
    expect(output._meta).toMatchObject({ "ratelimit-limit": expect.any(Number) });
  }, 60_000);

  it("lists the tools over legacy HTTP+SSE at …/sse", async () => {
    const output = await inspector(TITLES.sse, {
      MCP_URL: server.url,
    });
    const names = output.tools.map((tool: { name: string }) => tool.name);
    expect(names.sort()).toEqual([...server.tools].sort());
  }, 60_000);

  it("sends an mcp-scoped key header to a require_api_token_auth server", async () => {
    const output = await inspector(TITLES.apiKey, {
      MCP_URL: authServer.url,
      MCP_KEY: authKey,
    });
    expect(output.tools.map((tool: { name: string }) => tool.name)).toContain(
      "get_single_e_desk_ticket_by_id",
    );
  }, 60_000);
});
