import { describe, expect, it } from "vitest";
import { checkCase, errorLines, type Expectation, type Observed } from "./oracle";

// The fuzzer passes only if its oracle can fail: each rule is shown to catch what it is for.

const SECRET = "s3cr3t-token-value";

function observed(overrides: Partial<Observed> = {}): Observed {
  return {
    status: 200,
    headers: [["content-type", "application/json"]],
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, result: {} }),
    contentType: "application/json",
    ms: 1,
    timedOut: false,
    ...overrides,
  };
}

const check = (o: Observed, expectation: Expectation = { kind: "any" }, logs: string[] = []) =>
  checkCase(o, expectation, [SECRET], logs);

const toolError = (text: string, extra: Record<string, unknown> = {}) =>
  observed({
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      result: { content: [{ type: "text", text }], isError: true, ...extra },
    }),
  });

describe("the fuzz oracle", () => {
  it("passes a clean answer", () => {
    expect(check(observed())).toEqual([]);
  });

  it("flags a 5xx, a timeout and a 4xx without a JSON error body", () => {
    expect(check(observed({ status: 500 })).join()).toMatch(/answered 500/);
    expect(check(observed({ timedOut: true, ms: 5000 })).join()).toMatch(/no answer/);
    expect(check(observed({ status: 400, body: "Bad" })).join()).toMatch(/without a JSON error/);
  });

  it("flags secrets and stack traces in the body, the headers and log lines", () => {
    expect(check(observed({ body: `{"x":"${SECRET}"}` })).join()).toMatch(/secret/);
    expect(check(observed({ headers: [["x-debug", SECRET]] })).join()).toMatch(/secret/);
    expect(check(observed(), { kind: "any" }, [`error: ${SECRET}`]).join()).toMatch(/secret/);
    const frame = '{"message":"boom\\n    at handler (src/index.ts:12:5)"}';
    expect(check(observed({ body: frame })).join()).toMatch(/stack frame/);
    expect(check(observed({ body: '{"m":"worker.js:3"}' })).join()).toMatch(/source position/);
    expect(check(observed(), { kind: "any" }, ["TypeError: x is undefined"]).join()).toMatch(
      /Error:/,
    );
    expect(check(observed({ headers: [["x-edesk-mcp-unknown", "1"]] })).join()).toMatch(
      /internal header/,
    );
  });

  it("does not mistake protocol messages for internal errors", () => {
    const parse = JSON.stringify({
      jsonrpc: "2.0",
      id: null,
      error: { code: -32700, message: "Parse error: invalid JSON" },
    });
    expect(check(observed({ status: 400, body: parse }), { kind: "jsonrpc-error" })).toEqual([]);
  });

  it("wants an isError result naming the offending argument for known-invalid calls", () => {
    const expectation: Expectation = { kind: "tool-error", tool: "get_x", mentions: ["id"] };
    expect(check(toolError("Invalid arguments for get_x.\n- id: required"), expectation)).toEqual(
      [],
    );
    expect(check(toolError("Invalid arguments for get_x."), expectation).join()).toMatch(
      /offending argument/,
    );
    expect(check(toolError("id: bad", { isError: false }), expectation).join()).toMatch(
      /did not answer isError/,
    );
    expect(check(toolError("id: bad", { structuredContent: {} }), expectation).join()).toMatch(
      /structuredContent/,
    );
    expect(check(observed(), expectation).join()).toMatch(/isError/);
  });

  it("wants a JSON-RPC error with the expected code and status", () => {
    const error = (code: number) =>
      JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code, message: "Invalid params: x" } });
    expect(
      check(observed({ body: error(-32602) }), { kind: "jsonrpc-error", codes: [-32602] }),
    ).toEqual([]);
    expect(
      check(observed({ body: error(-32603) }), { kind: "jsonrpc-error", codes: [-32602] }).join(),
    ).toMatch(/-32602/);
    expect(check(observed({ status: 202, body: "" }), { kind: "jsonrpc-error" }).join()).toMatch(
      /202/,
    );
    expect(
      check(observed({ body: error(-32600) }), { kind: "jsonrpc-error", status: 400 }).join(),
    ).toMatch(/400/);
  });

  it("takes OAuth errors and the sign-in page as well-formed, and wants what the case names", () => {
    const oauth = JSON.stringify({ error: "invalid_grant", error_description: "Invalid code" });
    const json = (status: number, body: string) => observed({ status, body });
    expect(check(json(400, oauth), { kind: "oauth-error" })).toEqual([]);
    expect(check(json(400, oauth), { kind: "oauth-error", statuses: [413] }).join()).toMatch(/413/);
    expect(check(json(400, '{"error":{"x":1}}'), { kind: "any" }).join()).toMatch(/JSON error/);
    const page = (status: number) =>
      observed({ status, body: "<!doctype html><h1>Stop</h1>", contentType: "text/html" });
    expect(check(page(400), { kind: "page-or-redirect" })).toEqual([]);
    expect(check(page(403), { kind: "oauth-error" }).join()).toMatch(/error_description/);
    const redirect = observed({ status: 302, headers: [["location", "https://c/cb?error=x"]] });
    expect(check(redirect, { kind: "page-or-redirect" })).toEqual([]);
    expect(check(observed({ status: 302, body: "" }), { kind: "page-or-redirect" }).join()).toMatch(
      /Location/,
    );
    expect(check(observed(), { kind: "page-or-redirect" }).join()).toMatch(/sign-in page/);
    expect(
      check(observed({ status: 400, body: "<html>", contentType: "text/html" })).join(),
    ).toMatch(/JSON error/);
  });

  it("lets a 401 name its own server's metadata URL, and no other token", () => {
    const token = "T".repeat(43);
    const other = "O".repeat(43);
    const challenge = (t: string) =>
      `Bearer resource_metadata="https://x/.well-known/oauth-protected-resource/mcp/${t}"`;
    const on = (t: string) =>
      observed({
        url: `https://x/mcp/${token}`,
        status: 401,
        headers: [["www-authenticate", challenge(t)]],
        body: JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32001, message: "No" } }),
      });
    expect(checkCase(on(token), { kind: "any" }, [token, other], [])).toEqual([]);
    expect(checkCase(on(other), { kind: "any" }, [token, other], []).join()).toMatch(/secret/);
  });

  it("wants the error's data to carry what the spec lists (the supported versions of a -32022)", () => {
    const unsupported = (data: unknown) =>
      observed({
        body: JSON.stringify({
          jsonrpc: "2.0",
          id: 1,
          error: { code: -32022, message: "Unsupported protocol version: x", data },
        }),
      });
    const want: Expectation = { kind: "jsonrpc-error", codes: [-32022], data: "2026-07-28" };
    expect(check(unsupported({ supported: ["2026-07-28"], requested: "x" }), want)).toEqual([]);
    expect(check(unsupported({ requested: "x" }), want).join()).toMatch(/data does not carry/);
    expect(check(unsupported(undefined), want).join()).toMatch(/data does not carry/);
  });

  it("finds error log lines for a target that must log none", () => {
    expect(errorLines(["warn: slow upstream", "log: audit written"])).toEqual([]);
    expect(errorLines(["error: mcp (2026-07-28): Rejected"]).join()).toMatch(/error log line/);
  });
});
