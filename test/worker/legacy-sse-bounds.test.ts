import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MAX_QUEUED_BYTES } from "../../src/server/mcp/legacy-sse";
import { createAccount, createServer, ORIGIN } from "./helpers";

function post(endpoint: string, message: Record<string, unknown>) {
  return SELF.fetch(`${ORIGIN}${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", ...message }),
  });
}

/** A legacy SSE stream of a fresh server, initialised: what it has sent so far, and its messages path. */
async function openStream(clientName: string) {
  const server = await createServer(await createAccount());
  const stream = await SELF.fetch(`${server.url}/sse`, {
    headers: { accept: "text/event-stream" },
  });
  const reader = stream.body!.getReader();
  const decoder = new TextDecoder();
  const sse = {
    text: "",
    reader,
    endpoint: "",
    /** Reads until `needle` has arrived; false if the stream ended first. */
    async until(needle: string): Promise<boolean> {
      while (!sse.text.includes(needle)) {
        const chunk = await reader.read();
        if (chunk.value) sse.text += decoder.decode(chunk.value, { stream: true });
        if (chunk.done) return false;
      }
      return true;
    },
    /** Reads until the stream ends. */
    async toEnd(): Promise<void> {
      for (let chunk = await reader.read(); ; chunk = await reader.read()) {
        if (chunk.value) sse.text += decoder.decode(chunk.value, { stream: true });
        if (chunk.done) return;
      }
    },
  };
  await sse.until("\n\n");
  sse.endpoint = /event: endpoint\ndata: (\S+)\n/.exec(sse.text)![1]!;
  const init = await post(sse.endpoint, {
    id: 0,
    method: "initialize",
    params: {
      protocolVersion: "2024-11-05",
      capabilities: {},
      clientInfo: { name: clientName, version: "1" },
    },
  });
  expect(init.status).toBe(202);
  return sse;
}

describe("legacy HTTP+SSE stream of a client that does not read", () => {
  it("is closed with a reason once more than the bound waits, rather than growing", async () => {
    const sse = await openStream("slow-reader");
    const endpoint = sse.endpoint;
    await post(endpoint, { method: "notifications/initialized" });

    // Each tools/list answer is tens of KB; the client posts and never reads the stream.
    let refusedAt = 0;
    for (let id = 1; id <= 400 && !refusedAt; id++) {
      const res = await post(endpoint, { id, method: "tools/list" });
      if (res.status === 404) refusedAt = id;
      else expect(res.status).toBe(202);
    }
    expect(refusedAt).toBeGreaterThan(0);

    // What was queued, then the reason, then the end: nothing was dropped for a faster reader.
    await sse.toEnd();
    const text = sse.text;
    expect(text).toMatch(/: closed: more than \d+ bytes were waiting.*connect again/);
    const answered = text.match(/"id":\d+/g)?.length ?? 0;
    expect(answered).toBeGreaterThan(1);
    // The bound, the message that crossed it and the reason: not the 400 answers posted for.
    expect(text.length).toBeLessThan(2 * MAX_QUEUED_BYTES);
  }, 60_000);

  it("stays open for a client that reads as answers arrive, past the bound in total", async () => {
    const sse = await openStream("reader");
    const endpoint = sse.endpoint;
    const until = async (needle: string) => expect(await sse.until(needle)).toBe(true);
    await until('"id":0');
    for (let id = 1; id <= 20; id++) {
      expect((await post(endpoint, { id, method: "tools/list" })).status).toBe(202);
      await until(`"id":${id}}`);
    }
    expect(sse.text.length).toBeGreaterThan(2 * MAX_QUEUED_BYTES);
    expect(sse.text).not.toContain(": closed:");
    await sse.reader.cancel();
  }, 60_000);
});
