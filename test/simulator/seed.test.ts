import { describe, expect, it } from "vitest";
import { seedTenant } from "../../simulator/src/seed/seed-tenant";
import { ACME, call, listAll } from "./helpers";

describe("seed data", () => {
  it("is deterministic for a tenant and different between tenants", () => {
    expect(seedTenant("demo")).toEqual(seedTenant("demo"));
    const demo = seedTenant("demo");
    const acme = seedTenant("acme");
    expect(acme.channels.map((c) => c.name)).not.toEqual(demo.channels.map((c) => c.name));
    const demoIds = new Set(demo.tickets.map((t) => t.id));
    expect(acme.tickets.some((t) => demoIds.has(t.id))).toBe(false);
    expect(acme.tickets.length).toBeLessThan(demo.tickets.length);
  });

  it("keeps every ticket's messages_ids ascending and pointing at its own messages", () => {
    const demo = seedTenant("demo");
    const byId = new Map(demo.messages.map((m) => [m.id, m]));
    for (const t of demo.tickets) {
      expect([...t.messages_ids].sort((a, b) => a - b)).toEqual(t.messages_ids);
      for (const id of t.messages_ids) expect(byId.get(id)?.ticket_id).toBe(t.id);
      if (t.messages_ids.length) {
        expect(t.last_updated_at).toBe(byId.get(t.messages_ids.at(-1)!)!.created_at);
      }
    }
  });

  it("links tickets to existing contacts, channels, orders, owners and tags", () => {
    const demo = seedTenant("demo");
    const has = (list: { id: number }[]) => new Set(list.map((x) => x.id));
    const [contacts, channels, orders, users, tags] = [
      demo.contacts,
      demo.channels,
      demo.sales_orders,
      demo.users,
      demo.tags,
    ].map(has);
    for (const t of demo.tickets) {
      expect(contacts.has(t.contact_id!)).toBe(true);
      expect(channels.has(t.channel_id)).toBe(true);
      if (t.sales_order_id !== null) expect(orders.has(t.sales_order_id)).toBe(true);
      if (t.owner_user_id !== null) expect(users.has(t.owner_user_id)).toBe(true);
      for (const tag of t.tags_ids) expect(tags.has(tag)).toBe(true);
    }
    expect(demo.tickets.filter((t) => t.sales_order_id !== null).length).toBeGreaterThan(150);
    for (const n of demo.order_notes) expect(orders.has(n.sales_order_id)).toBe(true);
  });
});

describe("demo tenant (through the API)", () => {
  it("has at least 250 tickets with varied statuses and types", async () => {
    const { rows, total } = await listAll("/tickets");
    expect(total).toBeGreaterThanOrEqual(250);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((t) => t.status)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rows.map((t) => t.type)).size).toBeGreaterThanOrEqual(10);
  });

  it("has ticket 1409923 about sales order 509211 (UPS 1Z9999999999999999, shipped)", async () => {
    const { status, body } = await call("GET", "/tickets/1409923");
    expect(status).toBe(200);
    expect(body.data.sales_order_id).toBe(509211);
    const order = (await call("GET", "/sales-orders/509211")).body.data;
    expect(order.status).toBe("OrderShipped");
    expect(order.tracking_codes).toEqual([
      {
        tracking_code: "1Z9999999999999999",
        tracking_link: "https://www.ups.com/track?tracknum=1Z9999999999999999",
        tracking_carrier_name: "UPS",
      },
    ]);
  });

  it("has as oldest open 'Shipping update' ticket one about order 88310 (FedEx 123456789)", async () => {
    const { rows } = await listAll("/tickets", {
      filter_status_equals: "Open",
      order_by: "created_at",
      order_direction: "asc",
    });
    const shipping = rows.filter((t) => t.subject.includes("Shipping update"));
    expect(shipping.length).toBeGreaterThan(1);
    const oldest = shipping[0];
    expect(rows[0].id).not.toBe(oldest.id);
    expect(oldest).toMatchObject({
      sales_order_id: 88310,
      type: "OrderShippingInquiry",
      status: "Open",
    });
    expect(oldest.sales_order).toMatchObject({
      status: "OrderShipped",
      tracking_codes: [{ tracking_code: "FedEx 123456789", tracking_carrier_name: "FedEx" }],
    });
    expect(oldest.sales_order.tracking_codes[0].tracking_link).toMatch(
      /^https:\/\/www\.fedex\.com\//,
    );
    const message = (await call("GET", `/messages/${oldest.messages_ids[0]}`)).body.data;
    expect(message).toMatchObject({
      direction: "Incoming",
      type: "Message",
      from_consumer_id: oldest.contact_id,
    });
    expect(message.body).toMatch(/where is my order/i);
    // A closed ticket with the same subject is even older: the status filter matters.
    const all = (await listAll("/tickets", { order_by: "created_at" })).rows;
    const first = all.find((t) => t.subject.includes("Shipping update"));
    expect(first.status).toBe("Closed");
  });

  it("has ticket 99421 about a shattered vase on order 11092, already tagged", async () => {
    const ticket = (await call("GET", "/tickets/99421")).body.data;
    expect(ticket.sales_order_id).toBe(11092);
    expect(ticket.tags_ids.length).toBeGreaterThanOrEqual(1);
    const first = (await call("GET", `/messages/${ticket.messages_ids[0]}`)).body.data;
    expect(first.direction).toBe("Incoming");
    expect(first.body).toMatch(/vase/i);
    expect(first.body).toMatch(/shattered/i);
    expect(ticket.sales_order.order_items.some((i: any) => /vase/i.test(i.product.title))).toBe(
      true,
    );
  });

  it("has the template, tag and escalation lead the examples use", async () => {
    const templates = (await listAll("/templates")).rows;
    expect(templates.some((t) => t.name === "International Shipping Delay")).toBe(true);
    const tags = (await listAll("/tags")).rows;
    const damaged = tags.find((t) => t.name === "Damaged Goods");
    const groups = (await listAll("/tag-groups")).rows;
    expect(groups.some((g) => g.id === damaged.tag_group_id)).toBe(true);
    const users = (await listAll("/users")).rows;
    expect(users.find((u) => u.id === 42)).toMatchObject({ active: true });
  });

  it("gives acme a different, smaller account", async () => {
    const acme = await call("GET", "/tickets", { token: ACME });
    expect(acme.body.paginator.totalItemsCount).toBeLessThan(100);
    const channels = (await call("GET", "/channels", { token: ACME })).body.data;
    expect(channels.map((c: any) => c.id)).not.toContain(4410);
  });
});
