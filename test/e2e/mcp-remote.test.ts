import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "./browser/launch";
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
function spawnEntry(entry: ClaudeServerEntry, extraEnv: Record<string, string> = {}) {
  const child = new Child(entry.command, entry.args, {
    env: { ...entry.env, ...OFFLINE_NPM_ENV, MCP_REMOTE_CONFIG_DIR: configDir, ...extraEnv },
  });
  return new StdioJsonRpc(child);
}

/** Resolves with the first match of `pattern` in the child's stderr, as soon as it is written. */
function stderrMatch(child: Child, pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(child.stderr);
      if (!match) return;
      cleanup();
      resolve(match);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`stderr never matched ${pattern}:\n${child.stderr.slice(-4000)}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      child.proc.stderr!.off("data", check);
    };
    child.proc.stderr!.on("data", check);
    check();
  });
}

/** Whether any file under `dir` holds `secret`. */
function storedUnder(dir: string, secret: string): boolean {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .some((entry) =>
      readFileSync(path.join(entry.parentPath, entry.name), "utf8").includes(secret),
    );
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

  it("without the header, mcp-remote signs in with OAuth: a person approves in the browser", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { require_api_token_auth: true });
    const mcpKey = await createMcpKey(accountId);
    // BROWSER=true: mcp-remote's opener "opens" the URL by running `true`; Chromium visits it.
    const rpc = spawnEntry(claudeDesktopEntry("claude_desktop_config.json", server.url), {
      BROWSER: "true",
    });
    const initialized = rpc.request("initialize", INITIALIZE, 60_000);
    // The 401 sends mcp-remote into discovery and dynamic registration; it prints the URL.
    const printed = await stderrMatch(
      rpc.child,
      /Please authorize this client by visiting:\s+(\S+)/,
    );
    const authorizeUrl = new URL(printed[1]!);
    expect(authorizeUrl.pathname).toBe("/oauth/authorize");
    expect(authorizeUrl.searchParams.get("resource")).toBe(server.url);

    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(authorizeUrl.toString());
      await page.getByLabel("MCP key").fill(mcpKey);
      await page.getByRole("button", { name: "Allow" }).click();
      await page.waitForURL(/\/oauth\/callback/);
    } finally {
      await browser.close();
    }
    expect((await initialized).result.serverInfo.name).toBe("edesk-mcp");
    rpc.notify("notifications/initialized");
    const list = await rpc.request("tools/list", {}, ANSWER_MS);
    expect(list.result.tools.map((tool: { name: string }) => tool.name).sort()).toEqual(
      [...server.tools].sort(),
    );
    const call = await rpc.request(
      "tools/call",
      { name: "get_single_e_desk_ticket_by_id", arguments: { id: 1409923 } },
      ANSWER_MS,
    );
    expect(call.result.structuredContent).toMatchObject({ id: 1409923 });
    // Its tokens are kept in MCP_REMOTE_CONFIG_DIR; the MCP key is not.
    expect(storedUnder(configDir, mcpKey)).toBe(false);
  }, 90_000);

  it("with a wrong API key in AUTH_HEADER, nothing gets through: mcp-remote turns to sign-in", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    const rpc = spawnEntry(
      claudeDesktopEntry("claude_desktop_config.api-key.json", server.url, "not-the-api-key"),
      { BROWSER: "true" },
    );
    const initialized = rpc.request("initialize", INITIALIZE, ANSWER_MS).catch((error) => error);
    // The 401 points at the sign-in; no request is answered until a person approves there.
    await stderrMatch(rpc.child, /Please authorize this client by visiting:/);
    expect(rpc.messages.filter((message) => "result" in message)).toEqual([]);
    await rpc.child.kill();
    expect(await initialized).toBeInstanceOf(Error);
  }, 60_000);
});
