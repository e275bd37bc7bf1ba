import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Child, OFFLINE_NPM_ENV, StdioJsonRpc, killChildren } from "./child";
import { claudeDesktopEntry, type ClaudeServerEntry } from "./snippets";
import { createAccount, createMcpKey, createServer } from "./stack";

// mcp-remote 0.15.1 as Claude Desktop runs it: the `command`/`args`/`env` of the README's
// claude_desktop_config.json snippets, spawned without a shell, spoken to over stdio with
// newline-delimited JSON-RPC.

const ANSWER_MS = 20_000;
let configDir: string;

beforeEach(() => {
  // mcp-remote keeps OAuth state and lock files here (default ~/.mcp-auth).
  configDir = mkdtempSync(path.join(tmpdir(), "edesk-mcp-remote-"));
});

afterEach(async () => {
  await killChildren();
  rmSync(configDir, { recursive: true, force: true });
});

/** Spawns a Claude Desktop server entry the way Claude Desktop does: no shell, env merged in. */
function spawnEntry(entry: ClaudeServerEntry) {
  const child = new Child(entry.command, entry.args, {
    env: { ...entry.env, ...OFFLINE_NPM_ENV, MCP_REMOTE_CONFIG_DIR: configDir },
  });
  return new StdioJsonRpc(child);
}

const INITIALIZE = {
  protocolVersion: "2025-06-18",
  capabilities: {},
  clientInfo: { name: "claude-desktop-e2e", version: "1.0.0" },
};

/** What Claude Desktop does on start and for one tool use. */
async function initializeListAndCall(rpc: StdioJsonRpc, expectedTools: string[]) {
  const init = await rpc.request("initialize", INITIALIZE, ANSWER_MS);
  expect(init.error).toBeUndefined();
  expect(init.result.serverInfo.name).toBe("edesk-mcp");
  expect(init.result.capabilities.tools).toBeDefined();
  rpc.notify("notifications/initialized");

  const list = await rpc.request("tools/list", {}, ANSWER_MS);
  const names = list.result.tools.map((tool: { name: string }) => tool.name);
  expect([...names].sort()).toEqual([...expectedTools].sort());

  const call = await rpc.request(
    "tools/call",
    { name: "get_single_e_desk_ticket_by_id", arguments: { id: 1409923 } },
    ANSWER_MS,
  );
  expect(call.result.isError).toBeFalsy();
  expect(call.result.structuredContent).toMatchObject({ id: 1409923, sales_order_id: 509211 });
  expect(call.result.content[0].text).toContain("1Z9999999999999999");
}

describe("mcp-remote (Claude Desktop's stdio bridge)", () => {
  it("claude_desktop_config.json: initializes, lists the tools and reads a ticket", async () => {
    const server = await createServer(await createAccount());
    const entry = claudeDesktopEntry("claude_desktop_config.json", server.url);
    expect(entry).toEqual({ command: "npx", args: ["-y", "mcp-remote", server.url] });

    const rpc = spawnEntry(entry);
    await initializeListAndCall(rpc, server.tools);
  }, 60_000);

  it("claude_desktop_config.api-key.json: mcp-remote expands ${AUTH_HEADER} from env itself", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { require_api_token_auth: true });
    const mcpKey = await createMcpKey(accountId);
    const entry = claudeDesktopEntry("claude_desktop_config.api-key.json", server.url, mcpKey);
    // Passed literally, as Claude Desktop passes args: no shell expands the placeholder ...
    expect(entry.args).toContain("Authorization:${AUTH_HEADER}");
    expect(entry.env).toEqual({ AUTH_HEADER: `Bearer ${mcpKey}` });

    const rpc = spawnEntry(entry);
    await initializeListAndCall(rpc, server.tools);
    // ... mcp-remote replaces ${VAR} in --header values from its own environment.
    expect(rpc.child.stderr).toContain(
      "Replacing ${AUTH_HEADER} with environment value in header 'Authorization'",
    );
  }, 60_000);

  it("accepts the header already expanded, for clients that expand ${VAR} in args", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { require_api_token_auth: true });
    const mcpKey = await createMcpKey(accountId);
    const entry = claudeDesktopEntry("claude_desktop_config.api-key.json", server.url, mcpKey);
    const expanded = entry.args.map((arg) =>
      arg.replace("${AUTH_HEADER}", entry.env!.AUTH_HEADER!),
    );
    const rpc = spawnEntry({ command: entry.command, args: expanded });
    await initializeListAndCall(rpc, server.tools);
  }, 60_000);

  it("without the header, a require_api_token_auth server makes the bridge exit with an error", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const rpc = spawnEntry(claudeDesktopEntry("claude_desktop_config.json", server.url));

    // The 401 sends mcp-remote into OAuth discovery; the server offers none (no dynamic client
    // registration), so it gives up at once: no answer, exit code 1, no hang.
    await expect(rpc.request("initialize", INITIALIZE, ANSWER_MS)).rejects.toThrow(
      /exited \(1\) before answering initialize/,
    );
    expect(rpc.messages.filter((message) => "result" in message)).toEqual([]);
    expect(rpc.child.stderr).toContain("Fatal error");
    expect(rpc.child.stderr).toMatch(/Dynamic Client Registration rejected \(HTTP 404\)/);
  }, 60_000);

  it("with a wrong API key in AUTH_HEADER, the bridge exits with an error", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const rpc = spawnEntry(
      claudeDesktopEntry("claude_desktop_config.api-key.json", server.url, "not-the-api-key"),
    );
    await expect(rpc.request("initialize", INITIALIZE, ANSWER_MS)).rejects.toThrow(
      /exited \(1\) before answering initialize/,
    );
    expect(rpc.child.stderr).toContain("Fatal error");
  }, 60_000);
});
