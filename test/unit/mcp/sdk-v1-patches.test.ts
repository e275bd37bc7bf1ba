import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { describe, expect, it } from "vitest";
import sdkPackage from "../../../node_modules/@modelcontextprotocol/sdk/package.json";
import {
  PATCHED_SDK_VERSION,
  releaseSettledJsonStreams,
  reportInvalidParams,
  sendInStreamMode,
  setJsonResponse,
  UnpatchableSdkError,
} from "../../../src/server/mcp/sdk-v1-patches";

const transport = () =>
  new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: () => "s" });

describe("SDK v1 patches", () => {
  it("were written for the installed SDK release", () => {
    expect(sdkPackage.version).toBe(PATCHED_SDK_VERSION);
  });

  it("choose JSON or SSE per request on a real transport, and refuse one without the field", () => {
    const real = transport();
    setJsonResponse(real, true);
    expect((real as unknown as { _enableJsonResponse: boolean })._enableJsonResponse).toBe(true);
    const moved = transport();
    delete (moved as unknown as { _enableJsonResponse?: boolean })._enableJsonResponse;
    expect(() => setJsonResponse(moved, true)).toThrow(UnpatchableSdkError);
  });

  it("release settled JSON streams only, and refuse a transport whose maps moved", () => {
    const real = transport();
    const internals = real as unknown as {
      _streamMapping: Map<string, { resolveJson?: unknown }>;
      _requestToStreamMapping: Map<unknown, string>;
    };
    internals._streamMapping.set("done", { resolveJson: () => {} });
    internals._streamMapping.set("waiting", { resolveJson: () => {} });
    internals._requestToStreamMapping.set(1, "waiting");
    releaseSettledJsonStreams(real);
    expect([...internals._streamMapping.keys()]).toEqual(["waiting"]);

    const moved = transport();
    (moved as unknown as { _streamMapping: unknown })._streamMapping = {};
    expect(() => releaseSettledJsonStreams(moved)).toThrow(UnpatchableSdkError);
  });

  it("send each message in its own stream's mode, and refuse a transport whose maps moved", async () => {
    const real = transport();
    const internals = real as unknown as {
      _enableJsonResponse: boolean;
      _streamMapping: Map<string, { resolveJson?: unknown }>;
      _requestToStreamMapping: Map<unknown, string>;
    };
    const modes: boolean[] = [];
    real.send = async () => {
      modes.push(internals._enableJsonResponse);
    };
    sendInStreamMode(real);
    internals._streamMapping.set("sse", {});
    internals._streamMapping.set("json", { resolveJson: () => {} });
    internals._requestToStreamMapping.set(1, "sse");
    internals._requestToStreamMapping.set(2, "json");
    internals._enableJsonResponse = true; // the last POST asked for JSON
    await real.send({ jsonrpc: "2.0", id: 1, result: {} });
    await real.send(
      { jsonrpc: "2.0", id: 9, method: "elicitation/create" },
      { relatedRequestId: 1 },
    );
    await real.send({ jsonrpc: "2.0", id: 2, result: {} });
    expect(modes).toEqual([false, false, true]);

    const moved = transport();
    (moved as unknown as { _requestToStreamMapping: unknown })._requestToStreamMapping = [];
    expect(() => sendInStreamMode(moved)).toThrow(UnpatchableSdkError);
  });

  it("turn a params validation failure into -32602, and refuse a server without handlers", async () => {
    const server = new Server({ name: "t", version: "1" }, { capabilities: {} });
    reportInvalidParams(server);
    const ping = (
      server as unknown as { _requestHandlers: Map<string, Function> }
    )._requestHandlers.get("ping")!;
    await expect(
      ping({ jsonrpc: "2.0", id: 1, method: "ping", params: 5 }, {}),
    ).rejects.toMatchObject({ code: -32602 });

    const moved = new Server({ name: "t", version: "1" }, { capabilities: {} });
    (moved as unknown as { _requestHandlers: unknown })._requestHandlers = undefined;
    expect(() => reportInvalidParams(moved)).toThrow(UnpatchableSdkError);
  });
});
