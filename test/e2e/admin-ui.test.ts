import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import {
  Client as ModernClient,
  StreamableHTTPClientTransport,
} from "@modelcontextprotocol/client";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "./browser/launch";
import {
  clipboardText,
  controlsIn,
  focusedControl,
  focusOutline,
  hasHorizontalScroll,
  localDateTime,
  signIn,
  storedState,
  watchPageFaults,
} from "./browser/page-checks";
import { screenshot } from "./browser/screenshots";
import { adminApi, connect, DEMO_TOKEN, simulatorUrl, workerUrl } from "./stack";

const ACCOUNT = "Acme support desk";
const SERVER = "Ticket triage (read-only)";
/** The ticket read tools of the catalog; `read` + `tickets` must expose these and no other. */
const TICKET_READ_TOOLS = [
  "get_e_desk_ticket_context",
  "get_single_e_desk_ticket_by_id",
  "list_all_e_desk_tickets",
];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let faults: string[];
/** Made by the keyboard test; the account tests check it survives a rotation, not a delete. */
let keyboardServerUrl = "";

const GET_TICKET = "get_single_e_desk_ticket_by_id";

/** Replaces the demo tenant's upstream fault rules in the simulator (none: `[]`). */
async function demoFaults(rules: object[]) {
  const response = await fetch(`${simulatorUrl()}/__sim/faults?tenant=demo`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ rules }),
  });
  expect(response.status).toBe(200);
}

/** The text of each cell of a table's body and foot rows. */
async function tableCells(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(selector)
    .evaluate((table) =>
      [...table.querySelectorAll("tbody tr, tfoot tr")].map((row) =>
        [...row.children].map((cell) => cell.textContent?.trim() ?? ""),
      ),
    );
}

/** The HTTP status of a JSON-RPC ping to an MCP URL (404: unknown, expired or revoked). */
async function mcpStatus(url: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
  });
  await response.body?.cancel();
  return response.status;
}

beforeAll(async () => {
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The Copy buttons use the Clipboard API; reading it back proves what was copied.
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: workerUrl() });
  page = await context.newPage();
  faults = watchPageFaults(page);
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  expect(faults).toEqual([]);
});

/** The tool names the preview lists, once it settled on `count` tools. */
async function previewNames(count: number): Promise<string[]> {
  await expect
    .poll(() => page.locator(".preview-summary").textContent())
    .toBe(`${count} tool${count === 1 ? "" : "s"} match this configuration.`);
  return (await page.locator(".tool-list .tool-name").allTextContents()).sort();
}

describe("the admin page, from sign-in to a revoked MCP server", () => {
  let accountId = "";
  let serverUrl = "";

  it("redirects / to the sign-in page and shows a refused API key inline", async () => {
    const response = await page.goto(`${workerUrl()}/`);
    expect(new URL(page.url()).pathname).toBe("/admin");
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    await expect.poll(() => focusedControl(page)).toBe("input#api-key");
    await screenshot(page, "01-sign-in");

    await page.getByLabel("API key").fill("not-a-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator("#sign-in-error").textContent())
      .toContain("This API key was refused (401)");
    expect(await page.getByLabel("API key").getAttribute("aria-invalid")).toBe("true");
    expect((await storedState(page)).session).toEqual([]);
  });

  it("signs in and keeps the key in this tab's sessionStorage only", async () => {
    await page.getByLabel("API key").fill(inject("apiKey"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "Integrated accounts" }).waitFor();
    const storage = await storedState(page);
    expect(storage).toEqual({ session: [inject("apiKey")], local: 0, cookies: "" });
  });

  it("shows eDesk's refusal of a bad token inline, then connects the demo token", async () => {
    await page.getByRole("button", { name: "Connect eDesk account" }).click();
    await page.getByLabel("Name (optional)").fill(ACCOUNT);
    await page.getByLabel("eDesk API token").fill("not-an-edesk-token");
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect
      .poll(() => page.locator("#connect-token-error").textContent())
      .toContain("eDesk rejected the API token");

    await page.getByLabel("eDesk API token").fill(DEMO_TOKEN);
    await page.getByRole("button", { name: "Connect", exact: true }).click();
    await expect
      .poll(() => page.locator(".notice.success").textContent())
      .toBe(`Connected “${ACCOUNT}”. Open it to create MCP servers.`);
    const link = page.getByRole("link", { name: ACCOUNT, exact: true });
    await link.waitFor();
    await screenshot(page, "02-accounts");
    accountId = decodeURIComponent((await link.getAttribute("href"))!.split("/").pop()!);
    expect(accountId).toMatch(/^acc_/);
  });

  it("previews only the ticket read tools for a read-only server tagged tickets", async () => {
    await page.getByRole("link", { name: ACCOUNT, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: ACCOUNT }).waitFor();
    await page.getByText("No MCP servers yet").waitFor();
    await page.getByRole("link", { name: "Create MCP Server" }).click();
    await page.getByRole("heading", { level: 1, name: "Create MCP Server" }).waitFor();
    // Nothing checked: the preview is the whole catalog, as the API lists it.
    const all = await adminApi("GET", `/api/integrated-account/${accountId}/tools`);
    expect(await previewNames(all.body.result.length)).toEqual(
      all.body.result.map((tool: { name: string }) => tool.name).sort(),
    );

    await page.getByLabel("Name", { exact: true }).fill(SERVER);
    await page.getByRole("checkbox", { name: /^Read/ }).check();
    await page.getByRole("checkbox", { name: "tickets", exact: true }).check();
    const names = await previewNames(TICKET_READ_TOOLS.length);
    expect(names).toEqual(TICKET_READ_TOOLS);
    expect(names.some((name) => /create|update|delete|sales_order/.test(name))).toBe(false);
  });

  it("shows the API's message when the config matches nothing", async () => {
    await page.getByRole("checkbox", { name: "delete", exact: true }).check();
    await page.getByRole("checkbox", { name: /^Read/ }).uncheck();
    await page.getByRole("checkbox", { name: "whoami", exact: true }).check();
    await page.getByRole("checkbox", { name: "tickets", exact: true }).uncheck();
    await expect
      .poll(() => page.locator(".preview-summary").textContent())
      .toContain("The config matches no tool.");
    await page.getByRole("checkbox", { name: "delete", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: /^Read/ }).check();
    await page.getByRole("checkbox", { name: "whoami", exact: true }).uncheck();
    await page.getByRole("checkbox", { name: "tickets", exact: true }).check();
    expect(await previewNames(TICKET_READ_TOOLS.length)).toEqual(TICKET_READ_TOOLS);
  });

  it("refuses an expiry less than a minute ahead before asking the API", async () => {
    await page.getByLabel(/^Expires/).fill(await localDateTime(page, 20_000));
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => page.locator("#server-expires-error").textContent())
      .toContain("at least 1 minute from now");
    await page.getByLabel(/^Expires/).fill(await localDateTime(page, 3 * 24 * 3600_000));
    await expect.poll(() => page.locator("#server-expires-error").isHidden()).toBe(true);
    await page.locator("h1").focus();
    await page.evaluate("window.scrollTo(0, 0)");
    await screenshot(page, "04-create-server");
  });

  it("shows the URL once, with a working Copy button and Claude Desktop config", async () => {
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByRole("heading", { level: 1, name: `MCP server “${SERVER}” created` }).waitFor();
    serverUrl = await page.getByLabel("MCP server URL").inputValue();
    expect(serverUrl).toMatch(new RegExp(`^${workerUrl()}/mcp/[A-Za-z0-9_-]{20,}$`));

    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect.poll(() => clipboardText(page)).toBe(serverUrl);
    expect(JSON.parse((await page.locator("pre.code").textContent()) ?? "")).toEqual({
      mcpServers: { edesk: { command: "npx", args: ["-y", "mcp-remote", serverUrl] } },
    });
    await screenshot(page, "05-server-created");

    await page.getByRole("link", { name: "Done: back to MCP Servers" }).click();
    const row = page.getByRole("row").filter({ hasText: SERVER });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/read.*tickets/);
    const token = serverUrl.split("/").pop()!;
    expect(await page.content()).not.toContain(token);
    await screenshot(page, "03-account-servers");
  });

  it("serves the same tools to the MCP SDK client at the saved URL", async () => {
    const client = await connect(serverUrl);
    try {
      const names = (await client.listTools()).tools.map((tool) => tool.name).sort();
      expect(names).toEqual(TICKET_READ_TOOLS);
      const result = await client.callTool({
        name: "list_all_e_desk_tickets",
        arguments: { limit: 2 },
      });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it("draws real calls, eDesk's errors and 429s included, as a usage chart and a per-tool table", async () => {
    // One call so far (the SDK client's list). Now an eDesk 404, a 429, a tool outside the
    // config, and a 2026-07-28 client's call.
    const client = await connect(serverUrl);
    const modern = new ModernClient(
      { name: "support-agent", version: "1.0.0" },
      { versionNegotiation: { mode: { pin: "2026-07-28" } } },
    );
    try {
      const list = await client.callTool({
        name: "list_all_e_desk_tickets",
        arguments: { limit: 1 },
      });
      const ticketId = (list.structuredContent as { result: { id: number }[] }).result[0]!.id;
      const missing = await client.callTool({ name: GET_TICKET, arguments: { id: 999999999 } });
      expect(missing.isError).toBe(true);
      await demoFaults([{ kind: "status", status: 429, path: "/tickets", times: 1 }]);
      try {
        const limited = await client.callTool({ name: GET_TICKET, arguments: { id: ticketId } });
        expect(limited.isError).toBe(true);
      } finally {
        await demoFaults([]);
      }
      await expect(
        client.callTool({ name: "delete_a_e_desk_ticket_by_id", arguments: { id: ticketId } }),
      ).rejects.toThrow(/Unknown tool/);
      await modern.connect(new StreamableHTTPClientTransport(new URL(serverUrl)));
      const modernList = await modern.callTool({
        name: "list_all_e_desk_tickets",
        arguments: { limit: 1 },
      });
      expect(modernList.isError).toBeFalsy();
    } finally {
      await client.close();
      await modern.close();
    }

    await page.getByRole("link", { name: `Audit of ${SERVER}` }).click();
    await page.getByRole("heading", { level: 1, name: `Audit: ${SERVER}` }).waitFor();
    const chart = page.getByRole("img", { name: "Tool calls per hour, last 24 hours" });
    await chart.waitFor();
    expect(await chart.locator("desc").textContent()).toMatch(
      /^6 calls in the last 24 hours: 3 succeeded, 1 eDesk error, 1 rate limited \(429\), 1 refused\. /,
    );
    // The calls took seconds: their bars are the current hour's, or two if the hour turned.
    const bars = await chart
      .locator("g.bar")
      .evaluateAll((groups) =>
        groups.map((g) => [g.querySelector("title")?.textContent ?? "", g.children.length - 1]),
      );
    expect(bars).toHaveLength(24);
    const drawn = bars.filter(([, segments]) => segments > 0);
    expect(drawn.length).toBeGreaterThanOrEqual(1);
    expect(drawn.length).toBeLessThanOrEqual(2);
    const callsDrawn = drawn.map(([title]) => Number(/: (\d+) calls?/.exec(String(title))![1]));
    expect(callsDrawn.reduce((a, b) => a + b, 0)).toBe(6);
    for (const [outcome, count] of [
      ["edesk", 1],
      ["rate", 1],
      ["refused", 1],
      ["other", 0],
    ] as const) {
      expect(await chart.locator(`rect.seg-${outcome}`).count(), outcome).toBe(count);
    }

    expect(await tableCells(page, "table.usage-table >> nth=0")).toEqual([
      ["list_all_e_desk_tickets", "3", "0", "0", "0", "0"],
      [GET_TICKET, "2", "1", "1", "0", "0"],
      ["delete_a_e_desk_ticket_by_id", "1", "0", "0", "1 (outside config: 1)", "0"],
      ["All tools", "6", "1", "1", "1 (outside config: 1)", "0"],
    ]);
    // The page shows what the API answers.
    const servers = await adminApi("GET", `/api/integrated-account/${accountId}/mcp`);
    const serverId = servers.body.result.find((s: { name: string }) => s.name === SERVER).id;
    const usage = await adminApi(
      "GET",
      `/api/integrated-account/${accountId}/mcp/${serverId}/usage`,
    );
    expect(usage.body.totals).toEqual({
      calls: 6,
      edesk_errors: 1,
      rate_limited: 1,
      other_errors: 0,
      refusals: { tool_not_allowed: 1 },
    });
    await screenshot(page, "10-usage", page.locator("section.usage"));
  });

  it("lists each call in the server's audit view with the client that made it", async () => {
    await page.getByRole("button", { name: "Refresh" }).click();
    await page.getByRole("heading", { level: 1, name: `Audit: ${SERVER}` }).waitFor();
    const trail = page.getByRole("table", { name: "Tool calls", exact: true });
    const rows = trail.getByRole("row").filter({ hasText: "list_all_e_desk_tickets" });
    await expect.poll(() => rows.count()).toBe(3);
    // Newest first: the 2026-07-28 client's call, then the SDK v1 client's.
    expect(await rows.nth(0).textContent()).toMatch(/support-agent 1\.0\.0.*limit.*200/);
    expect(await rows.nth(2).textContent()).toMatch(/e2e 1\.0\.0.*limit.*200/);
    const limited = trail.getByRole("row").filter({ hasText: "429" });
    expect(await limited.textContent()).toContain(GET_TICKET);
    await screenshot(page, "06-audit");
  });

  it("revokes the server after confirmation, and the client is refused with 404", async () => {
    const client = await connect(serverUrl);
    try {
      await page.getByRole("link", { name: ACCOUNT }).click();
      await page.getByRole("button", { name: `Revoke ${SERVER}` }).click();
      const dialog = page.getByRole("dialog", { name: `Revoke “${SERVER}”?` });
      await dialog.waitFor();
      // A destructive dialog starts on Cancel, so Enter alone never revokes.
      await expect.poll(() => focusedControl(page)).toBe("button#Cancel");
      await dialog.getByRole("button", { name: "Revoke server" }).click();
      await page.getByText("No MCP servers yet").waitFor();

      await expect(client.listTools()).rejects.toMatchObject({ code: 404 });
      expect(await mcpStatus(serverUrl)).toBe(404);
    } finally {
      await client.close().catch(() => undefined);
    }
  });
});

describe("the create form by keyboard alone", () => {
  it("reaches every control with Tab, toggles with Space and submits with Enter", async () => {
    await page.goto(`${workerUrl()}/admin#/`);
    await page.getByRole("link", { name: ACCOUNT, exact: true }).click();
    await page.getByRole("link", { name: "Create MCP Server" }).click();
    await page.getByRole("heading", { level: 1, name: "Create MCP Server" }).waitFor();
    await expect.poll(() => focusedControl(page)).toBe("input#server-name");

    const controls = await controlsIn(page, "form");
    const reached = new Set<string>([await focusedControl(page)]);
    for (let i = 0; i < 80 && !reached.has("a#Cancel"); i++) {
      await page.keyboard.press("Tab");
      const focused = await focusedControl(page);
      reached.add(focused);
      const outline = await focusOutline(page);
      expect(outline, `no visible focus on ${focused}`).not.toBe("none");
    }
    expect([...reached].filter((c) => controls.includes(c)).sort()).toEqual([...controls].sort());

    // Back to the top: name, Read, Enter.
    await page.getByLabel("Name", { exact: true }).focus();
    await page.keyboard.type("Keyboard server");
    await page.keyboard.press("Tab");
    expect(await focusedControl(page)).toBe("input#methods-read=read");
    await page.keyboard.press("Space");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Enter");
    await page
      .getByRole("heading", { level: 1, name: "MCP server “Keyboard server” created" })
      .waitFor();
    keyboardServerUrl = await page.getByLabel("MCP server URL").inputValue();
  });
});

describe("a narrow screen (375 px)", () => {
  it("never scrolls sideways on the main screens", async () => {
    const narrow = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const small = await narrow.newPage();
    const smallFaults = watchPageFaults(small);
    try {
      await signIn(small, workerUrl(), inject("apiKey"));
      expect(await hasHorizontalScroll(small)).toBe(false);
      await small.getByRole("link", { name: ACCOUNT, exact: true }).click();
      await small.locator("table.data, .empty").first().waitFor();
      expect(await hasHorizontalScroll(small)).toBe(false);
      await small.getByRole("link", { name: "Create MCP Server" }).click();
      await small.locator(".preview-summary").filter({ hasText: "match" }).waitFor();
      expect(await hasHorizontalScroll(small)).toBe(false);
      await screenshot(small, "07-create-server-narrow");
      await small.getByLabel("Name", { exact: true }).fill("Narrow");
      await small.getByRole("button", { name: "Save" }).click();
      await small.getByLabel("MCP server URL").waitFor();
      expect(await hasHorizontalScroll(small)).toBe(false);
      const narrowUrl = await small.getByLabel("MCP server URL").inputValue();
      await small.getByRole("link", { name: "Done: back to MCP Servers" }).click();
      await small.getByRole("row").filter({ hasText: "Narrow" }).waitFor();
      expect(await hasHorizontalScroll(small)).toBe(false);
      await small.getByRole("link", { name: "Audit of Narrow" }).click();
      await small.getByText("No tool calls yet").waitFor();
      expect(await hasHorizontalScroll(small)).toBe(false);
      // With a call, the usage chart and tables fit the narrow screen too.
      const client = await connect(narrowUrl);
      await client.callTool({ name: "list_all_e_desk_tickets", arguments: { limit: 1 } });
      await client.close();
      await small.getByRole("button", { name: "Refresh" }).click();
      await small.getByRole("img", { name: "Tool calls per hour, last 24 hours" }).waitFor();
      expect(await hasHorizontalScroll(small)).toBe(false);
      expect(smallFaults).toEqual([]);
    } finally {
      await narrow.close();
    }
  });
});

describe("API keys", () => {
  const KEY_NAME = "Claude Desktop for Acme";

  it("creates an mcp key for one account, shown once with a Copy button, that opens its server", async () => {
    const accounts = await adminApi("GET", "/api/integrated-account?limit=100");
    const accountId = accounts.body.result.find((a: { name: string }) => a.name === ACCOUNT).id;
    const server = await adminApi("POST", `/api/integrated-account/${accountId}/mcp`, {
      name: "Protected",
      config: { require_api_token_auth: true },
    });

    await page.goto(`${workerUrl()}/admin#/`);
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("heading", { level: 1, name: "API keys" }).waitFor();
    await page.getByRole("button", { name: "Create key" }).click();
    await page.getByLabel("Name", { exact: true }).fill(KEY_NAME);
    expect(await page.getByLabel("Scope").inputValue()).toBe("mcp");
    await page.getByLabel(ACCOUNT).check();
    await page.locator("#key-panel").getByRole("button", { name: "Create key" }).click();

    const shown = page.getByLabel("New mcp key");
    await shown.waitFor();
    const key = await shown.inputValue();
    expect(key).toMatch(/^emk_[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Copy", exact: true }).click();
    await expect.poll(() => clipboardText(page)).toBe(key);
    const row = page.getByRole("row").filter({ hasText: KEY_NAME });
    await row.waitFor();
    expect(await row.textContent()).toContain(ACCOUNT);
    await screenshot(page, "08-api-keys");

    const bearer = { authorization: `Bearer ${key}` };
    const client = await connect(server.body.url, "streamable", bearer);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    // Shown once: after a reload the page holds no trace of the key.
    await page.reload();
    await page.getByRole("row").filter({ hasText: KEY_NAME }).waitFor();
    expect(await page.content()).not.toContain(key);

    await page.getByRole("button", { name: `Revoke ${KEY_NAME}` }).click();
    const dialog = page.getByRole("dialog", { name: `Revoke the key “${KEY_NAME}”?` });
    await expect.poll(() => focusedControl(page)).toBe("button#Cancel");
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await page.getByRole("row").filter({ hasText: KEY_NAME }).waitFor({ state: "detached" });
    // Revoked: the open session's next request and a new connection are both refused.
    await expect(client.listTools()).rejects.toMatchObject({ code: 401 });
    await expect(connect(server.body.url, "streamable", bearer)).rejects.toMatchObject({
      code: 401,
    });
    await client.close();
  });
});

describe("guard rails", () => {
  const GUARDED = "Replies need a person";

  it("creates a server with confirmation, a budget and no loop guard, and shows them", async () => {
    await page.goto(`${workerUrl()}/admin#/`);
    await page.getByRole("link", { name: ACCOUNT, exact: true }).click();
    await page.getByRole("link", { name: "Create MCP Server" }).click();
    await page.getByLabel("Name", { exact: true }).fill(GUARDED);
    await page.getByLabel("Ask a person to confirm").selectOption("customer_visible");
    await page.getByLabel(/^Tool calls per minute/).fill("601");
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => page.locator("#max-calls-error").textContent())
      .toContain("from 1 to 600");
    await page.getByLabel(/^Tool calls per minute/).fill("30");
    await page.getByRole("switch", { name: "Loop guard" }).uncheck();
    await page.getByRole("button", { name: "Save" }).click();
    await page
      .getByRole("heading", { level: 1, name: `MCP server “${GUARDED}” created` })
      .waitFor();
    const url = await page.getByLabel("MCP server URL").inputValue();
    await page.getByRole("link", { name: "Done: back to MCP Servers" }).click();
    const row = page.getByRole("row").filter({ hasText: GUARDED });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/confirms replies.*30 calls\/min.*no loop guard/);

    // A client that cannot ask a person is refused the reply; the audit view says why.
    const client = await connect(url);
    try {
      const refused = await client.callTool({
        name: "create_a_e_desk_message",
        arguments: {
          ticket_id: 1409923,
          type: "Message",
          direction: "Outgoing",
          send: true,
          body: "Never sent",
        },
      });
      expect(refused.isError).toBe(true);
      const read = await client.callTool({
        name: "get_single_e_desk_ticket_by_id",
        arguments: { id: 1409923 },
      });
      expect(read.isError).toBeFalsy();
    } finally {
      await client.close();
    }
    await page.getByRole("link", { name: `Audit of ${GUARDED}` }).click();
    // The usage tables above name the tools too; the audit is the table of tool calls.
    const calls = page.getByRole("table", { name: "Tool calls", exact: true });
    const refusedRow = calls.getByRole("row").filter({ hasText: "create_a_e_desk_message" });
    await refusedRow.waitFor();
    expect(await refusedRow.textContent()).toContain("refused: no way to confirm");
    const plainRow = calls.getByRole("row").filter({ hasText: "get_single_e_desk_ticket_by_id" });
    expect(await plainRow.locator("[data-guard]").getAttribute("data-guard")).toBe("plain");
  });

  it("changes the account's budget from the accounts list", async () => {
    await page.goto(`${workerUrl()}/admin#/`);
    const row = page.getByRole("row").filter({ hasText: ACCOUNT });
    expect(await row.textContent()).toContain("110 requests/min");
    await page.getByRole("button", { name: `Budget of ${ACCOUNT}` }).click();
    const dialog = page.getByRole("dialog", { name: `Budget of “${ACCOUNT}”` });
    await dialog.getByLabel(/^eDesk requests per minute/).fill("5");
    await dialog.getByRole("button", { name: "Save budget" }).click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("from 10 to");
    await dialog.getByLabel(/^eDesk requests per minute/).fill("500");
    await dialog.getByRole("button", { name: "Save budget" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => row.textContent()).toContain("500 requests/min");
  });
});

describe("account actions", () => {
  it("rotates the API token: eDesk's refusal stays in the dialog, a good token keeps servers working", async () => {
    await page.goto(`${workerUrl()}/admin#/`);
    await page.getByRole("button", { name: `Rotate token of ${ACCOUNT}` }).click();
    const dialog = page.getByRole("dialog", { name: `Rotate the API token of “${ACCOUNT}”` });
    await dialog.getByLabel("New eDesk API token").fill("not-an-edesk-token");
    await dialog.getByRole("button", { name: "Rotate token" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").textContent())
      .toContain("eDesk rejected the API token");
    await dialog.getByLabel("New eDesk API token").fill(DEMO_TOKEN);
    await dialog.getByRole("button", { name: "Rotate token" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => page.locator("#status").textContent()).toContain("Rotated");
    const client = await connect(keyboardServerUrl);
    try {
      const result = await client.callTool({
        name: "list_all_e_desk_tickets",
        arguments: { limit: 1 },
      });
      expect(result.isError).toBeFalsy();
    } finally {
      await client.close();
    }
  });

  it("deletes the account after a confirmation that says its servers are revoked", async () => {
    await page.getByRole("button", { name: `Delete ${ACCOUNT}` }).click();
    const dialog = page.getByRole("dialog", { name: `Delete “${ACCOUNT}”?` });
    expect(await dialog.textContent()).toContain("revokes every MCP server of this account");
    await dialog.getByRole("button", { name: "Delete account and revoke its servers" }).click();
    await page.getByRole("link", { name: ACCOUNT, exact: true }).waitFor({ state: "detached" });
    expect(await mcpStatus(keyboardServerUrl)).toBe(404);
  });
});
