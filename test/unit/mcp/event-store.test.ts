import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it } from "vitest";
import { EventBuffer, MAX_EVENT_CHARS, MAX_EVENTS } from "../../../src/server/mcp/event-store";

const result = (id: number, text = ""): JSONRPCMessage => ({
  jsonrpc: "2.0",
  id,
  result: { text },
});

async function replayed(buffer: EventBuffer, session: string, after: string) {
  const sent: unknown[] = [];
  await buffer.storeFor(session).replayEventsAfter(after, {
    send: async (_id, message) => {
      sent.push(message);
    },
  });
  return sent;
}

describe("the resumption events of a server's sessions", () => {
  it("replays a stream's later events to its own session only", async () => {
    const buffer = new EventBuffer();
    const a = buffer.storeFor("a");
    const b = buffer.storeFor("b");
    const first = await a.storeEvent("s1", {} as JSONRPCMessage);
    await a.storeEvent("s1", result(1));
    await b.storeEvent("s2", result(2));
    expect(await replayed(buffer, "a", first)).toEqual([result(1)]);
    await expect(replayed(buffer, "b", first)).rejects.toThrow("Unknown Last-Event-ID");
    expect(await b.getStreamIdForEventId!(first)).toBeUndefined();
  });

  it("drops the oldest events past the bound in size, whichever session they belong to", async () => {
    const buffer = new EventBuffer();
    const big = "x".repeat(MAX_EVENT_CHARS / 4);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      ids.push(await buffer.storeFor(`s${i % 2}`).storeEvent(`stream${i % 2}`, result(i, big)));
    }
    expect(buffer.size.chars).toBeLessThanOrEqual(MAX_EVENT_CHARS);
    expect(buffer.size.events).toBe(3);
    await expect(replayed(buffer, "s0", ids[0]!)).rejects.toThrow();
  });

  it("keeps the newest event even when it alone is over the bound", async () => {
    const buffer = new EventBuffer();
    await buffer.storeFor("a").storeEvent("s", result(1));
    await buffer.storeFor("a").storeEvent("s", result(2, "x".repeat(MAX_EVENT_CHARS + 1)));
    expect(buffer.size.events).toBe(1);
  });

  it(`keeps at most ${MAX_EVENTS} events, and forgets a closed session's`, async () => {
    const buffer = new EventBuffer();
    for (let i = 0; i < MAX_EVENTS + 10; i++) {
      await buffer.storeFor(i % 2 ? "a" : "b").storeEvent("s", result(i));
    }
    expect(buffer.size.events).toBe(MAX_EVENTS);
    buffer.forget("a");
    expect(buffer.size.events).toBe(MAX_EVENTS / 2);
  });
});
