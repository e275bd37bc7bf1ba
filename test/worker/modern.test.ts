import { SELF } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { adminApi, createAccount, createServer, initialize, listen, MODERN, rpc } from "./helpers";

const SERVER_INFO = "io.modelcontextprotocol/serverInfo";

/** The per-request envelope every 2026-07-28 request carries in `params._meta`. */
const envelope = (version = MODERN) => ({
  "io.modelcontextprotocol/protocolVersion": version,
  "io.modelcontextprotocol/clientCapabilities": {},
  "io.modelcontextprotocol/clientInfo": { name: "modern-test", version: "1.0.0" },
});

/** Sends one 2026-07-28 request with the standard headers that must match its body. */
async function modern(
  url: string,
  method: string,
  params: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) {
  const name: Record<string, string> =
    typeof params.name === "string" ? { "mcp-name": params.name } : {};
  return rpc(
    url,
    { id: 1, method, params: { ...params, _meta: envelope() } },
    { "mcp-protocol-version": MODERN, "mcp-method": method, ...name, ...headers },
  );
}

describe("MCP 2026-07-28 on the server's URL", () => {
  it("answers server/discover with 2026-07-28 among the supported versions", async () => {
    const server = await createServer(await createAccount());
    const res = await modern(server.url, "server/discover");
    expect(res.status).toBe(200);
    expect(res.body.result.supportedVersions).toContain(MODERN);
    expect(res.body.result.capabilities.tools).toBeDefined();
    expect(res.body.result._meta[SERVER_INFO].name).toBe("edesk-mcp");
    expect(res.headers.get("mcp-session-id")).toBeNull();
  });

  it("lists the config's tools with a private cache hint, the same list the 2025 era gets", async () => {
    const server = await createServer(await createAccount(), {
      methods: ["read"],
      tags: ["tickets"],
    });
    const res = await modern(server.url, "tools/list");
    expect(res.status).toBe(200);
    expect(res.body.result.cacheScope).toBe("private");
    expect(res.body.result.ttlMs).toBeGreaterThan(0);
    expect(res.body.result.resultType).toBe("complete");
    expect(res.body.result._meta[SERVER_INFO].name).toBe("edesk-mcp");
    const names = res.body.result.tools.map((t: { name: string }) => t.name);

    const { headers } = await initialize(server.url);
    const legacy = await rpc(server.url, { id: 2, method: "tools/list" }, headers);
    expect(names).toEqual(legacy.body.result.tools.map((t: { name: string }) => t.name));
  });

  it("calls a tool and puts eDesk's rate-limit figures on the JSON response", async () => {
    const server = await createServer(await createAccount());
    const res = await modern(server.url, "tools/call", {
      name: "get_single_e_desk_ticket_by_id",
      arguments: { id: 1409923 },
    });
    expect(res.status).toBe(200);
    expect(res.body.result.isError).not.toBe(true);
    expect(res.body.result.structuredContent).toBeDefined();
    expect(res.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
    expect(res.body.result._meta["ratelimit-limit"]).toBeDefined();
    expect(res.body.result.resultType).toBe("complete");
    expect(res.body.result._meta[SERVER_INFO].name).toBe("edesk-mcp");
  });

  it("answers an eDesk fault as an isError result", async () => {
    const server = await createServer(await createAccount());
    const res = await modern(server.url, "tools/call", {
      name: "get_single_e_desk_ticket_by_id",
      arguments: { id: 999999999 },
    });
    expect(res.body.result.isError).toBe(true);
    expect(res.body.result.content[0].text).toMatch(/not found|no ticket/i);
  });

  it("refuses a header that does not match the body with -32020", async () => {
    const server = await createServer(await createAccount());
    const res = await modern(server.url, "tools/list", {}, { "mcp-method": "tools/call" });
    expect(res.body.error.code).toBe(-32020);
  });

  it("refuses an unsupported protocol version with -32022 naming the supported ones", async () => {
    const server = await createServer(await createAccount());
    const res = await rpc(
      server.url,
      { id: 1, method: "tools/list", params: { _meta: envelope("2099-01-01") } },
      { "mcp-protocol-version": "2099-01-01", "mcp-method": "tools/list" },
    );
    expect(res.body.error.code).toBe(-32022);
    expect(JSON.stringify(res.body.error.data)).toContain(MODERN);
  });

  it("refuses a modern request that carries a session id", async () => {
    const server = await createServer(await createAccount());
    const res = await modern(server.url, "tools/list", {}, { "mcp-session-id": "abc" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(-32600);
  });

  it("refuses a JSON-RPC batch under a 2026-07-28 header with -32600, even of 2025-style requests", async () => {
    const server = await createServer(await createAccount());
    for (const batch of [
      [{ jsonrpc: "2.0", id: 1, method: "ping" }],
      [{ jsonrpc: "2.0", id: 1, method: "tools/list", params: { _meta: envelope() } }],
    ]) {
      const res = await SELF.fetch(server.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-protocol-version": MODERN,
          "mcp-method": "ping",
        },
        body: JSON.stringify(batch),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: number } }).error.code).toBe(-32600);
    }
  });

  it("refuses a posted JSON-RPC response under a 2026-07-28 header with -32600", async () => {
    const server = await createServer(await createAccount());
    const res = await rpc(server.url, { id: 1, result: {} }, { "mcp-protocol-version": MODERN });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(-32600);
  });

  it("keeps refused requests out of the error log", async () => {
    const server = await createServer(await createAccount());
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const refused = [
        await modern(server.url, "tools/list", {}, { "mcp-method": "tools/call" }),
        await modern(server.url, "tools/list", {}, { "mcp-protocol-version": "2099-01-01" }),
        await rpc(
          server.url,
          { id: 1, method: "tools/list", params: { _meta: envelope("2099-01-01") } },
          { "mcp-protocol-version": "2099-01-01", "mcp-method": "tools/list" },
        ),
        await rpc(server.url, { id: 1, result: {} }, { "mcp-protocol-version": MODERN }),
      ];
      expect(refused.map((r) => r.status)).toEqual([400, 400, 400, 400]);
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it("answers params of the wrong type with -32602, not an internal error", async () => {
    const server = await createServer(await createAccount());
    const res = await modern(server.url, "tools/list", { cursor: 5 });
    expect(res.body.error.code).toBe(-32602);
    expect(res.body.error.message).toContain("cursor");
  });

  it("refuses a _meta nested past the bound with -32602 rather than overflowing", async () => {
    const server = await createServer(await createAccount());
    let deep: unknown = {};
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const res = await rpc(
      server.url,
      {
        id: 1,
        method: "server/discover",
        params: {
          _meta: {
            ...envelope(),
            "io.modelcontextprotocol/clientCapabilities": { experimental: deep },
          },
        },
      },
      { "mcp-protocol-version": MODERN, "mcp-method": "server/discover" },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(-32602);
  });

  it("asks for the API key on a require_api_token_auth server, whatever the era", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    expect((await modern(server.url, "tools/list")).status).toBe(401);
    const ok = await modern(server.url, "tools/list", {}, { authorization: "Bearer test-api-key" });
    expect(ok.status).toBe(200);
  });

  it("refuses a revoked server on the next request", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId);
    expect((await modern(server.url, "tools/list")).status).toBe(200);
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    expect((await modern(server.url, "tools/list")).status).toBe(404);
  });

  it("tells a listening client that its tool list changed when the config is patched", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const response = await listen(server.url, 7);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const until = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    };
    await until("notifications/subscriptions/acknowledged");
    const patched = await adminApi(
      "PATCH",
      `/api/integrated-account/${accountId}/mcp/${server.id}`,
      {
        config: { methods: ["read", "write"] },
      },
    );
    expect(patched.status).toBe(200);
    await until("notifications/tools/list_changed");
    expect(text).toContain("notifications/tools/list_changed");

    // Revocation ends the stream.
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    for (;;) {
      const { done } = await reader.read().catch(() => ({ done: true }));
      if (done) break;
    }
  });
});
