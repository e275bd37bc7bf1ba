import { beforeEach, describe, expect, it } from "vitest";
import { call, codes, listAll, resetAll } from "./helpers";

beforeEach(resetAll);

describe("GET /tickets: envelope and paging (§3)", () => {
  it("returns 20 tickets and a paginator by default", async () => {
    const { status, body } = await call("GET", "/tickets");
    expect(status).toBe(200);
    expect(body.data).toHaveLength(20);
    expect(body.paginator).toEqual({
      currentPage: 1,
      itemsPerPage: 20,
      totalItemsCount: expect.any(Number),
    });
    expect(body.data[0]).toHaveProperty("messages_ids");
    expect(body.data[0]).not.toHaveProperty("read");
  });

  it("caps itemsPerPage at 100 and ignores per_page and limit", async () => {
    expect(
      (await call("GET", "/tickets", { query: { itemsPerPage: 500 } })).body.data,
    ).toHaveLength(100);
    const ignored = await call("GET", "/tickets", { query: { per_page: 5, limit: 5 } });
    expect(ignored.body.paginator.itemsPerPage).toBe(20);
  });

  it("walks every page to the same total without repeats", async () => {
    const { rows, total } = await listAll("/tickets", {}, 37);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((t) => t.id)).size).toBe(total);
    expect(rows.map((t) => t.id)).toEqual([...rows.map((t) => t.id)].sort((a, b) => a - b));
  });

  it("answers a page past the end with empty data and the paginator", async () => {
    const { status, body } = await call("GET", "/tickets", { query: { page: 999 } });
    expect(status).toBe(200);
    expect(body.data).toEqual([]);
    expect(body.paginator.currentPage).toBe(999);
    expect(body.paginator.totalItemsCount).toBeGreaterThan(250);
  });
});

describe("GET /tickets: filters and order (§2.1)", () => {
  it("orders by created_at and last_updated_at in both directions", async () => {
    for (const by of ["created_at", "last_updated_at"]) {
      const desc = (
        await call("GET", "/tickets", {
          query: { order_by: by, order_direction: "desc", itemsPerPage: 100 },
        })
      ).body.data;
      const keys = desc.map((t: any) => t[by] ?? "");
      expect(keys).toEqual([...keys].sort().reverse());
    }
  });

  it("filters by status, type, channel, contact, order, owner and seller order id", async () => {
    const { rows } = await listAll("/tickets");
    const sample = rows.find((t) => t.sales_order_id && t.owner_user_id && t.contact_id)!;
    const cases: [Record<string, string | number>, (t: any) => boolean][] = [
      [{ filter_status_equals: "Open" }, (t) => t.status === "Open"],
      [{ filter_status_equals: "Archived" }, (t) => t.status === "Archived"],
      [{ filter_type_equals: sample.type }, (t) => t.type === sample.type],
      [{ filter_channel_id_equals: 4411 }, (t) => t.channel_id === 4411],
      [{ filter_contact_id_equals: sample.contact_id }, (t) => t.contact_id === sample.contact_id],
      [
        { filter_sales_order_id_equals: sample.sales_order_id },
        (t) => t.sales_order_id === sample.sales_order_id,
      ],
      [{ filter_owner_user_id_equals: 42 }, (t) => t.owner_user_id === 42],
      [
        { filter_seller_order_id_equals: sample.sales_order.seller_order_id },
        (t) => t.sales_order?.seller_order_id === sample.sales_order.seller_order_id,
      ],
    ];
    for (const [query, predicate] of cases) {
      const filtered = await listAll("/tickets", query);
      const expected = rows.filter(predicate).map((t) => t.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(filtered.rows.map((t) => t.id)).toEqual(expected);
      expect(filtered.total).toBe(expected.length);
    }
  });

  it("treats date filters as inclusive whole days", async () => {
    const ticket = (await call("GET", "/tickets/1409923")).body.data;
    const day = ticket.created_at.slice(0, 10);
    const same = await listAll("/tickets", {
      filter_created_at_gte: day,
      filter_created_at_lte: day,
    });
    expect(same.rows.map((t) => t.id)).toContain(1409923);
    expect(same.rows.every((t) => t.created_at.startsWith(day))).toBe(true);
    const updated = ticket.last_updated_at.slice(0, 10);
    const after = await listAll("/tickets", { filter_last_updated_at_gte: updated });
    expect(after.rows.map((t) => t.id)).toContain(1409923);
    expect(after.rows.every((t) => t.last_updated_at >= `${updated} 00:00:00`)).toBe(true);
    const before = await listAll("/tickets", { filter_last_updated_at_lte: "2025-05-31" });
    expect(before.rows.every((t) => t.last_updated_at <= "2025-05-31 23:59:59")).toBe(true);
    expect(before.total).toBeGreaterThan(0);
  });

  it("rejects bad enum, number and date filter values with 400 and their codes", async () => {
    const bad = await call("GET", "/tickets", {
      query: {
        order_by: "subject",
        order_direction: "up",
        filter_status_equals: "Solved",
        filter_type_equals: "Complaint",
        filter_channel_id_equals: "amazon",
        filter_created_at_gte: "1700000000",
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe("Validation failed");
    expect(codes(bad.body)).toEqual({
      order_by: "4007",
      order_direction: "4007",
      filter_status_equals: "4007",
      filter_type_equals: "4007",
      filter_channel_id_equals: "4005",
      filter_created_at_gte: "4010",
    });
  });

  it("accepts the extra filter statuses Unread, Read, Priority and Unpriority", async () => {
    const total = (await call("GET", "/tickets")).body.paginator.totalItemsCount;
    const count = async (s: string) =>
      (await call("GET", "/tickets", { query: { filter_status_equals: s } })).body.paginator
        .totalItemsCount;
    expect((await count("Unread")) + (await count("Read"))).toBe(total);
    expect((await count("Priority")) + (await count("Unpriority"))).toBe(total);
  });
});

describe("single tickets", () => {
  it("GET /tickets/{id} returns the ticket with its nested sales order", async () => {
    const { status, body } = await call("GET", "/tickets/99421");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      id: 99421,
      sales_order_id: 11092,
      sales_order: { id: 11092 },
    });
    expect(body.data.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it("POST /tickets creates a ticket (200 + data) with an inline contact", async () => {
    const { status, body } = await call("POST", "/tickets", {
      body: {
        subject: "Question about gift cards",
        channel_id: 4412,
        status: "Open",
        sales_order_id: 509211,
        contact: { email: "new.buyer@example.com", full_name: "New Buyer" },
        custom_fields: [{ name: "Follow-up Date", value: "2026-05-01" }],
      },
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      subject: "Question about gift cards",
      channel_id: 4412,
      status: "Open",
      sales_order_id: 509211,
      tags_ids: [],
      messages_ids: [],
    });
    expect(body.data.custom_fields).toEqual([
      { id: 9104, name: "Follow-up Date", value: "2026-05-01" },
    ]);
    const contact = (await call("GET", "/contacts", { query: { email: "new.buyer@example.com" } }))
      .body.data[0];
    expect(body.data.contact_id).toBe(contact.id);
    expect((await call("GET", `/tickets/${body.data.id}`)).body.data.subject).toBe(
      "Question about gift cards",
    );
  });

  it("POST /tickets with full_response false returns only the id", async () => {
    const { body } = await call("POST", "/tickets", {
      body: { subject: "s", channel_id: 4410, status: "Pending", full_response: false },
    });
    expect(Object.keys(body.data)).toEqual(["id"]);
  });

  it("POST /tickets reports missing, unknown, enum and email errors", async () => {
    const empty = await call("POST", "/tickets", { body: {} });
    expect(empty.status).toBe(400);
    expect(codes(empty.body)).toEqual({ subject: "4001", channel_id: "4001", status: "4001" });
    const bad = await call("POST", "/tickets", {
      body: {
        subject: 7,
        channel_id: 1,
        status: "Unread",
        contact: { email: "no-at-sign" },
        created_at: "today",
      },
    });
    expect(codes(bad.body)).toEqual({
      subject: "4008",
      channel_id: "4002",
      status: "4007",
      "contact.email": "4021",
      created_at: "4010",
    });
  });

  it("PUT /tickets/{id} changes only the fields sent", async () => {
    const before = (await call("GET", "/tickets/1409923")).body.data;
    const { status, body } = await call("PUT", "/tickets/1409923", {
      body: { subject: "Tracking stuck", owner_user_id: 42 },
    });
    expect(status).toBe(200);
    expect(body.data).toEqual({ ...before, subject: "Tracking stuck", owner_user_id: 42 });
  });

  it("PUT /tickets/{id} with tag_ids replaces tags_ids", async () => {
    const before = (await call("GET", "/tickets/99421")).body.data.tags_ids;
    expect(before).not.toContain(12001);
    const merged = [...before, 12001];
    expect(
      (await call("PUT", "/tickets/99421", { body: { tag_ids: merged } })).body.data.tags_ids,
    ).toEqual(merged);
    expect(
      (await call("PUT", "/tickets/99421", { body: { tag_ids: [12001] } })).body.data.tags_ids,
    ).toEqual([12001]);
    expect((await call("GET", "/tickets/99421")).body.data.tags_ids).toEqual([12001]);
  });

  it("PUT /tickets/{id} rejects unknown tags, users and statuses", async () => {
    const res = await call("PUT", "/tickets/99421", {
      body: { tag_ids: [12001, 999999], owner_user_id: 4242, status: "Solved" },
    });
    expect(res.status).toBe(400);
    expect(codes(res.body)).toEqual({ "tag_ids.1": "4002", owner_user_id: "4002", status: "4007" });
    const notArray = await call("PUT", "/tickets/99421", { body: { tag_ids: 12001 } });
    expect(codes(notArray.body)).toEqual({ tag_ids: "4006" });
  });

  it("PUT /tickets/{id} with status Read or Priority keeps the model status", async () => {
    const res = await call("PUT", "/tickets/99421", { body: { status: "Priority" } });
    expect(res.body.data.status).toBe("Open");
    const unpriority = await call("GET", "/tickets", {
      query: { filter_status_equals: "Unpriority", itemsPerPage: 100 },
    });
    expect(JSON.stringify(unpriority.body.data.map((t: any) => t.id))).not.toContain("99421");
  });

  it("PUT /tickets/{id}/data sets custom fields and checks their type (4018)", async () => {
    const ok = await call("PUT", "/tickets/99421/data", {
      body: { custom_fields: [{ name: "Refund Amount", value: "64.00" }] },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.data.custom_fields).toEqual([
      { id: 9101, name: "Return Reason", value: "Damaged" },
      { id: 9102, name: "Refund Amount", value: "64.00" },
    ]);
    const wrong = await call("PUT", "/tickets/99421/data", {
      body: {
        custom_fields: [
          { name: "Refund Amount", value: "lots" },
          { name: "Colour", value: "red" },
        ],
      },
    });
    expect(codes(wrong.body)).toEqual({
      "custom_fields.0.value": "4018",
      "custom_fields.1.name": "4002",
    });
    expect(codes((await call("PUT", "/tickets/99421/data", { body: {} })).body)).toEqual({
      custom_fields: "4001",
    });
  });

  it("DELETE /tickets/{id} archives the ticket and keeps it", async () => {
    const { status, body } = await call("DELETE", "/tickets/1409923");
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, message: expect.any(String) });
    const after = await call("GET", "/tickets/1409923");
    expect(after.status).toBe(200);
    expect(after.body.data.status).toBe("Archived");
    const archived = await listAll("/tickets", { filter_status_equals: "Archived" });
    expect(archived.rows.map((t) => t.id)).toContain(1409923);
  });
});
