import { runInDurableObject } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { seedTenant } from "../../simulator/src/seed/seed-tenant";
import { SqlDb } from "../../simulator/src/storage";
import { KINDS, type TenantData } from "../../simulator/src/types";
import { call, resetAll, simEnv } from "./helpers";

beforeEach(resetAll);

/** The tenant's data as a fresh object instance would load it from SQLite storage. */
async function stored(tenant: string): Promise<TenantData> {
  const namespace = simEnv().TENANTS;
  const stub = namespace.get(namespace.idFromName(tenant));
  const data = await runInDurableObject(stub, (_instance, state) =>
    new SqlDb(state.storage).load(),
  );
  return data!;
}

const byId = (data: TenantData) =>
  Object.fromEntries(KINDS.map((kind) => [kind, [...data[kind]].sort((a, b) => a.id - b.id)]));

describe("durable state", () => {
  it("stores exactly the deterministic seed after a reset", async () => {
    await call("GET", "/whoami");
    const data = await stored("demo");
    expect(byId(data)).toEqual(byId(seedTenant("demo")));
    expect(data.meta).toEqual(seedTenant("demo").meta);
  });

  it("writes every change through to storage, so an evicted object reloads it", async () => {
    await call("PUT", "/tickets/99421", {
      body: { subject: "Persisted subject", tag_ids: [12001] },
    });
    const note = (
      await call("POST", "/messages", { body: { ticket_id: 99421, body: "kept", type: "Note" } })
    ).body.data;
    await call("DELETE", "/tags/12015");
    const data = await stored("demo");
    const ticket = data.tickets.find((t) => t.id === 99421)!;
    expect(ticket).toMatchObject({ subject: "Persisted subject", tags_ids: [12001] });
    expect(ticket.messages_ids.at(-1)).toBe(note.id);
    expect(data.messages.find((m) => m.id === note.id)?.body).toBe("kept");
    expect(data.tags.some((t) => t.id === 12015)).toBe(false);
  });

  it("keeps each tenant in its own object", async () => {
    await call("PUT", "/tickets/99421", { body: { subject: "demo only" } });
    const acme = await stored("acme");
    expect(acme.meta.tenant).toBe("acme");
    expect(acme.tickets.some((t) => t.id === 99421 || t.subject === "demo only")).toBe(false);
  });
});
