import { describe, expect, it } from "vitest";
import { MAX_LISTENERS } from "../../src/server/mcp/modern";
import { adminApi, createAccount, createServer, listen } from "./helpers";

/** Reads a listen stream until the server acknowledges it, so it is surely open. */
async function acknowledged(response: Response) {
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("notifications/subscriptions/acknowledged")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`listen stream ended early: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return reader;
}

async function ends(reader: ReadableStreamDefaultReader<Uint8Array>) {
  for (;;) {
    const { done } = await reader.read().catch(() => ({ done: true }));
    if (done) return true;
  }
}

describe("subscriptions/listen streams per server", () => {
  it("refuses a listen past the cap with a JSON-RPC error, keeps the open ones, and revocation ends them all", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, { methods: ["read"] });
    const readers = [];
    for (let i = 0; i < MAX_LISTENERS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) => listen(server.url, i + j).then(acknowledged)),
      );
      readers.push(...batch);
    }
    expect(readers).toHaveLength(MAX_LISTENERS);

    const refused = await listen(server.url, 999);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { id: number; error: { code: number; message: string } };
    expect(body.id).toBe(999);
    expect(body.error.message).toMatch(/Too many listeners.*Close a listener/);

    // The open listeners still hear the server.
    const patched = await adminApi(
      "PATCH",
      `/api/integrated-account/${accountId}/mcp/${server.id}`,
      {
        config: { methods: ["read", "write"] },
      },
    );
    expect(patched.status).toBe(200);
    const first = readers[0]!;
    let heard = "";
    while (!heard.includes("notifications/tools/list_changed")) {
      const { value } = await first.read();
      heard += new TextDecoder().decode(value);
    }

    // A listener that leaves frees its place.
    await readers.pop()!.cancel();
    await expect
      .poll(async () => {
        const again = await listen(server.url, 1000);
        if (again.status !== 200) return again.status;
        readers.push(await acknowledged(again));
        return 200;
      })
      .toBe(200);

    // Revocation still ends every stream.
    await adminApi("DELETE", `/api/integrated-account/${accountId}/mcp/${server.id}`);
    const ended = await Promise.all(readers.map(ends));
    expect(ended.every(Boolean)).toBe(true);
  });
});
