import { describe, expect, it } from "vitest";
import type { UpstreamRequest } from "../../../src/edesk/client";
import { fakeEdesk, run } from "./helpers";

const ticket = (fields: Record<string, unknown>) => ({ data: { id: 5, ...fields } });

describe("update_a_e_desk_ticket_datum_by_id", () => {
  const update = (args: Record<string, unknown>) => {
    const fake = fakeEdesk((request) => ticket({ seen: request.path }));
    return {
      fake,
      result: run("update_a_e_desk_ticket_datum_by_id", { id: 5, ...args }, fake.ctx),
    };
  };

  it("sends ticket fields only to PUT /tickets/{id}", async () => {
    const { fake, result } = update({ status: "Closed", owner_user_id: 3 });
    expect(await result).toEqual({ id: 5, seen: "/tickets/5" });
    expect(fake.requests).toEqual([
      { method: "PUT", path: "/tickets/5", body: { status: "Closed", owner_user_id: 3 } },
    ]);
  });

  it("sends custom fields only to PUT /tickets/{id}/data", async () => {
    const custom_fields = [{ name: "RMA", value: "R-1" }];
    const { fake, result } = update({ custom_fields });
    expect(await result).toEqual({ id: 5, seen: "/tickets/5/data" });
    expect(fake.requests).toEqual([
      { method: "PUT", path: "/tickets/5/data", body: { custom_fields } },
    ]);
  });

  it("with both, sends the fields first, then custom fields, and returns the final ticket", async () => {
    const custom_fields = [{ name: "RMA", value: "R-1" }];
    const { fake, result } = update({ subject: "Refund", custom_fields });
    expect(await result).toEqual({ id: 5, seen: "/tickets/5/data" });
    expect(fake.requests).toEqual([
      { method: "PUT", path: "/tickets/5", body: { subject: "Refund" } },
      { method: "PUT", path: "/tickets/5/data", body: { custom_fields } },
    ]);
  });

  it("throws before any request when there is nothing to change", async () => {
    const { fake, result } = update({});
    await expect(result).rejects.toThrow(/Nothing to change/);
    expect(fake.requests).toEqual([]);
  });
});

describe("add_e_desk_ticket_tags and remove_e_desk_ticket_tags", () => {
  const tagged = (current: number[], name: string, tag_ids: number[]) => {
    const fake = fakeEdesk((request) =>
      request.method === "GET" ? ticket({ tags_ids: current }) : ticket({ tags_ids: "written" }),
    );
    return { fake, result: run(name, { id: 5, tag_ids }, fake.ctx) };
  };

  it("add writes back the union of current and new tags", async () => {
    const { fake, result } = tagged([1, 2], "add_e_desk_ticket_tags", [2, 3]);
    await result;
    expect(fake.requests).toEqual([
      { method: "GET", path: "/tickets/5" },
      { method: "PUT", path: "/tickets/5", body: { tag_ids: [1, 2, 3] } },
    ]);
  });

  it("remove writes back the current tags minus the given ones", async () => {
    const { fake, result } = tagged([1, 2, 3], "remove_e_desk_ticket_tags", [2, 9]);
    await result;
    expect(fake.requests[1]).toEqual({
      method: "PUT",
      path: "/tickets/5",
      body: { tag_ids: [1, 3] },
    });
  });

  it("remove of the last tag writes an empty list", async () => {
    const { fake, result } = tagged([4], "remove_e_desk_ticket_tags", [4]);
    await result;
    expect(fake.requests[1]?.body).toEqual({ tag_ids: [] });
  });

  it("is idempotent: no write when nothing changes, and the ticket's tags are returned", async () => {
    const add = tagged([1, 2], "add_e_desk_ticket_tags", [2]);
    expect(await add.result).toEqual({ id: 5, tags_ids: [1, 2] });
    expect(add.fake.requests).toHaveLength(1);
    const remove = tagged([1, 2], "remove_e_desk_ticket_tags", [7]);
    await remove.result;
    expect(remove.fake.requests).toHaveLength(1);
  });

  it("return the ticket id and its tags_ids only, never the rest of the ticket", async () => {
    // What a write-only, tags-only server must not read: subject, contact, messages, fields.
    const full = {
      subject: "Refund for order 77",
      contact_id: 9,
      messages_ids: [101, 102],
      custom_fields: [{ name: "RMA", value: "R-1" }],
    };
    for (const [current, name, given] of [
      [[1], "remove_e_desk_ticket_tags", [404]],
      [[1], "add_e_desk_ticket_tags", [1]],
      [[1], "add_e_desk_ticket_tags", [2]],
      [[1, 2], "remove_e_desk_ticket_tags", [2]],
    ] as const) {
      const fake = fakeEdesk((request) =>
        ticket({ ...full, tags_ids: request.method === "GET" ? current : [3, 4] }),
      );
      const result = await run(name, { id: 5, tag_ids: given }, fake.ctx);
      expect(Object.keys(result as object).sort()).toEqual(["id", "tags_ids"]);
      expect(JSON.stringify(result)).not.toMatch(/Refund|contact|messages|RMA/);
    }
  });
});

// A ticket with 25 messages (ids 101..125, created in reverse id order to test sorting) and a
// sales order with 12 notes.
const MESSAGE_IDS = Array.from({ length: 25 }, (_, i) => 101 + i);
const NOTE_IDS = Array.from({ length: 12 }, (_, i) => 201 + i);

function shop(request: UpstreamRequest): unknown {
  const id = Number(request.path.split("/").pop());
  if (request.path.startsWith("/tickets/")) {
    return ticket({ messages_ids: MESSAGE_IDS, sales_order_id: 77 });
  }
  if (request.path.startsWith("/messages/")) {
    if (id === 110) throw new Error("eDesk answered 404");
    return { data: { id, created_at: `2024-01-01 00:00:${String(200 - id).padStart(2, "0")}` } };
  }
  if (request.path.startsWith("/sales-orders/")) {
    return {
      data: { id: 77, order_notes_id: NOTE_IDS, tracking_codes: [{ tracking_code: "1Z" }] },
    };
  }
  return { data: { id, created_at: `2024-02-01 00:00:${id - 200}` } };
}

const context = (allows?: (tool: string) => boolean) => {
  const fake = fakeEdesk(shop, allows);
  return { fake, result: run("get_e_desk_ticket_context", { id: 5 }, fake.ctx) as Promise<any> };
};

describe("get_e_desk_ticket_context", () => {
  it("reads ticket, the 20 newest messages, the order and 10 notes: 32 requests at most", async () => {
    const { fake, result } = context();
    const out = await result;
    expect(fake.requests).toHaveLength(32);
    expect(out.ticket).toMatchObject({ id: 5 });
    expect(out.messages_total).toBe(25);
    expect(out.messages_omitted).toBe(5);
    expect(out.sales_order).toMatchObject({ id: 77, tracking_codes: [{ tracking_code: "1Z" }] });
    expect(out.order_notes).toHaveLength(10);
    expect(out.order_notes_omitted).toBe(2);
    expect(out.notices).toEqual(
      expect.arrayContaining([
        "5 older messages omitted (limit 20).",
        "2 older order notes omitted (limit 10).",
      ]),
    );
  });

  it("returns messages sorted by created_at and reports one that failed instead of failing", async () => {
    const out = await context().result;
    const ids = out.messages.map((message: { id: number }) => message.id);
    // ids 106..125 were chosen; 110 failed; created_at runs backwards to the ids.
    expect(ids).toEqual(
      MESSAGE_IDS.slice(5)
        .filter((id) => id !== 110)
        .reverse(),
    );
    expect(out.notices).toContain("message 110 could not be read: eDesk answered 404");
  });

  it("omits the order and its notes when the config does not include sales orders", async () => {
    const { fake, result } = context((name) => name === "get_single_e_desk_message_by_id");
    const out = await result;
    expect(out.sales_order).toBeNull();
    expect(out.order_notes).toEqual([]);
    expect(out.notices).toContain(
      "Sales order 77 omitted: this server's config does not include sales orders.",
    );
    expect(fake.requests.some((request) => request.path.startsWith("/sales-orders"))).toBe(false);
    expect(fake.requests).toHaveLength(21);
  });

  it("omits the messages when the config does not include messages", async () => {
    const { fake, result } = context((name) => name !== "get_single_e_desk_message_by_id");
    const out = await result;
    expect(out.messages).toEqual([]);
    expect(out.messages_omitted).toBe(out.messages_total);
    expect(out.notices).toContain(
      "Messages omitted: this server's config does not include messages.",
    );
    expect(fake.requests.some((request) => request.path.startsWith("/messages"))).toBe(false);
  });

  it("omits only the notes when order notes are not allowed", async () => {
    const { fake, result } = context((name) => name !== "get_single_e_desk_order_note_by_id");
    const out = await result;
    expect(out.sales_order).toMatchObject({ id: 77 });
    expect(out.notices).toContain(
      "Order notes omitted: this server's config does not include sales orders.",
    );
    expect(fake.requests.some((request) => request.path.startsWith("/order-notes"))).toBe(false);
  });

  it("keeps at most 4 requests in flight", async () => {
    const { fake, result } = context();
    await result;
    expect(fake.maxInFlight()).toBeLessThanOrEqual(4);
    expect(fake.maxInFlight()).toBeGreaterThan(1);
  });

  it("says so when the ticket has no sales order", async () => {
    const fake = fakeEdesk(() => ticket({ messages_ids: [] }));
    const out = (await run("get_e_desk_ticket_context", { id: 5 }, fake.ctx)) as any;
    expect(out.sales_order).toBeNull();
    expect(out.notices).toEqual(["The ticket has no linked sales order."]);
    expect(fake.requests).toHaveLength(1);
  });
});
