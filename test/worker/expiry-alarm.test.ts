import { env, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serverObject, type ServerObject } from "../../src/server/server-object/server-object";
import { adminApi, createAccount, createServer, initialize, rpc } from "./helpers";

/** Runs the object's alarm handler as the runtime would deliver it, however often. */
const deliverAlarm = (id: string) =>
  runInDurableObject(serverObject(env, id), (instance: ServerObject) => instance.alarm());

const scheduled = (id: string) =>
  runInDurableObject(serverObject(env, id), (_instance: ServerObject, state) =>
    state.storage.getAlarm(),
  );

const at = (ms: number) => new Date(ms).toISOString();

afterEach(() => {
  vi.useRealTimers();
});

// Alarms are delivered at least once: a retry after a failure, or a delivery scheduled before a
// PATCH moved the expiry, must each do the right thing.
describe("expiry alarm delivered more than once or late", () => {
  it("purges once and then does nothing, however often it is delivered", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, {}, { expires_at: at(Date.now() + 120_000) });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 121_000);
    for (let i = 0; i < 3; i++) await deliverAlarm(server.id);
    const left = await runInDurableObject(
      serverObject(env, server.id),
      async (_i: ServerObject, state) => [...(await state.storage.list())],
    );
    expect(left).toEqual([]);
    expect(await scheduled(server.id)).toBeNull();
    expect((await rpc(server.url, { id: 1, method: "ping" })).status).toBe(404);
    const listed = await adminApi("GET", `/api/integrated-account/${accountId}/mcp`);
    expect(listed.body.result.map((s: { id: string }) => s.id)).not.toContain(server.id);
  });

  it("keeps the server and re-arms for the new time when a PATCH moved the expiry later", async () => {
    const accountId = await createAccount();
    const first = Date.now() + 120_000;
    const server = await createServer(accountId, {}, { expires_at: at(first) });
    const later = first + 3_600_000;
    const patched = await adminApi(
      "PATCH",
      `/api/integrated-account/${accountId}/mcp/${server.id}`,
      {
        expires_at: at(later),
      },
    );
    expect(patched.status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(first + 1_000);
    // The delivery planned for the old time arrives anyway.
    await deliverAlarm(server.id);
    const { headers } = await initialize(server.url);
    expect((await rpc(server.url, { id: 2, method: "ping" }, headers)).status).toBe(200);
    expect(await scheduled(server.id)).toBe(Date.parse(at(later)));
    vi.setSystemTime(later + 1_000);
    await deliverAlarm(server.id);
    expect((await rpc(server.url, { id: 3, method: "ping" }, headers)).status).toBe(404);
  });

  it("keeps the server and no alarm when a PATCH removed the expiry", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, {}, { expires_at: at(Date.now() + 120_000) });
    await adminApi("PATCH", `/api/integrated-account/${accountId}/mcp/${server.id}`, {
      expires_at: null,
    });
    expect(await scheduled(server.id)).toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 121_000);
    await deliverAlarm(server.id);
    expect((await rpc(server.url, { id: 1, method: "ping" })).status).not.toBe(404);
    expect(await scheduled(server.id)).toBeNull();
  });

  it("moves the alarm earlier when a PATCH brings the expiry forward", async () => {
    const accountId = await createAccount();
    const server = await createServer(accountId, {}, { expires_at: at(Date.now() + 7_200_000) });
    const sooner = Date.now() + 300_000;
    await adminApi("PATCH", `/api/integrated-account/${accountId}/mcp/${server.id}`, {
      expires_at: at(sooner),
    });
    expect(await scheduled(server.id)).toBe(Date.parse(at(sooner)));
  });
});
