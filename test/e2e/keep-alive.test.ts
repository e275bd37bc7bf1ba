import http from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAccount, createServer, workerUrl } from "./stack";

// Regression (found with mcp-remote): when the ServerObject answered an MCP request early
// (the 401 of require_api_token_auth, a 404, a 405) without reading the body the worker had
// forwarded to it, the client's keep-alive connection was left stuck under wrangler dev and
// the next request on it got no answer; mcp-remote without its header then hung for 60 s
// instead of failing at once. The endpoint now drains any unread body before answering.

const PADDED_BODY = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "keep-alive-e2e", version: "1.0.0" },
    _pad: "x".repeat(20_000),
  },
});

let agent: http.Agent;

beforeEach(() => {
  // One socket, kept alive: the second request must travel on the first one's connection.
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
});

afterEach(() => agent.destroy());

interface Answer {
  status: number | "no answer";
  reusedSocket: boolean;
}

function send(method: string, url: string, body?: string, timeoutMs = 5_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      accept: "application/json, text/event-stream",
    };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(body);
    }
    const request = http.request(url, { method, agent, headers }, (response) => {
      response.resume();
      response.on("end", () =>
        resolve({ status: response.statusCode!, reusedSocket: request.reusedSocket }),
      );
    });
    request.setTimeout(timeoutMs, () => {
      resolve({ status: "no answer", reusedSocket: request.reusedSocket });
      request.destroy();
    });
    request.on("error", (error) => {
      if (!request.destroyed) reject(error);
    });
    request.end(body);
  });
}

describe("keep-alive connections after an early MCP answer", () => {
  it("a POST refused with 401 (require_api_token_auth) leaves the connection usable", async () => {
    const server = await createServer(await createAccount(), { require_api_token_auth: true });
    expect((await send("POST", server.url, PADDED_BODY)).status).toBe(401);
    expect(await send("GET", `${workerUrl()}/health`)).toEqual({
      status: 200,
      reusedSocket: true,
    });
  }, 20_000);

  it("a POST to …/sse refused with 405 leaves the connection usable", async () => {
    const server = await createServer(await createAccount());
    expect((await send("POST", `${server.url}/sse`, PADDED_BODY)).status).toBe(405);
    expect(await send("GET", `${workerUrl()}/health`)).toEqual({
      status: 200,
      reusedSocket: true,
    });
  }, 20_000);

  it("control: a POST the worker itself refuses (unknown token) leaves it usable", async () => {
    const unknown = `${workerUrl()}/mcp/${"A".repeat(43)}`;
    expect((await send("POST", unknown, PADDED_BODY)).status).toBe(404);
    expect(await send("GET", `${workerUrl()}/health`)).toEqual({
      status: 200,
      reusedSocket: true,
    });
  }, 20_000);
});
