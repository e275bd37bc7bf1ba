import { beforeEach, describe, expect, it } from "vitest";
import { call, codes, listAll, resetAll } from "./helpers";

beforeEach(resetAll);

const newOrder = (extra: Record<string, unknown> = {}) => ({
  channel_id: 4410,
  seller_order_id: "114-0000000-0000001",
  currency: "USD",
  status: "PaymentAccepted",
  shipping_amount: 5.99,
  contact: { email: "fresh@example.com", full_name: "Fresh Buyer" },
  ship_to: {
    name: "Fresh Buyer",
    line_1: "1 Main St",
    city: "Austin",
    country: "us",
    postcode: "78701",
    state: "TX",
  },
  order_items: [
    {
      sku: "BC-MUG-201",
      title: "Stoneware Mug - Sage",
      quantity: 2,
      item_amount: 18,
      shipping_amount: 0,
    },
  ],
  tracking_codes: [
    {
      tracking_code: "9400111",
      tracking_carrier_name: "USPS",
      tracking_carrier_link: "https://tools.usps.com/go/TrackConfirmAction?tLabels=(tracking_code)",
    },
  ],
  ...extra,
});

describe("GET /sales-orders (§2.3)", () => {
  it("lists orders with a paginator", async () => {
    const { status, body } = await call("GET", "/sales-orders");
    expect(status).toBe(200);
    expect(body.data).toHaveLength(20);
    expect(body.paginator.totalItemsCount).toBeGreaterThan(150);
    expect(body.data[0]).toHaveProperty("order_items");
  });

  it("applies every filter and order", async () => {
    const { rows } = await listAll("/sales-orders");
    const o = rows.find((r) => r.id === 509211)!;
    const cases: [Record<string, string | number>, (r: any) => boolean][] = [
      [{ filter_status_equals: "OrderShipped" }, (r) => r.status === "OrderShipped"],
      [{ filter_channel_id_equals: 4411 }, (r) => r.channel_id === 4411],
      [{ filter_contact_id_equals: o.contact_id }, (r) => r.contact_id === o.contact_id],
      [
        { filter_seller_order_id_equals: o.seller_order_id },
        (r) => r.seller_order_id === o.seller_order_id,
      ],
      [{ filter_id_gte: 500000, filter_id_lte: 510000 }, (r) => r.id >= 500000 && r.id <= 510000],
      [
        { filter_created_at_gte: "2026-04-01", filter_created_at_lte: "2026-04-08" },
        (r) => r.created_at >= "2026-04-01" && r.created_at <= "2026-04-08 23:59:59",
      ],
      [{ filter_last_updated_at_gte: "2026-04-10" }, (r) => r.last_updated_at >= "2026-04-10"],
    ];
    for (const [query, predicate] of cases) {
      const expected = rows.filter(predicate).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(0);
      expect((await listAll("/sales-orders", query)).rows.map((r) => r.id)).toEqual(expected);
    }
    const desc = (
      await call("GET", "/sales-orders", { query: { order_by: "id", order_direction: "desc" } })
    ).body.data;
    expect(desc[0].id).toBe(Math.max(...rows.map((r) => r.id)));
  });

  it("rejects a bad status with 4007 and answers 500 to an epoch date, as observed live", async () => {
    expect(
      codes(
        (await call("GET", "/sales-orders", { query: { filter_status_equals: "Shipped" } })).body,
      ),
    ).toEqual({ filter_status_equals: "4007" });
    const epoch = await call("GET", "/sales-orders", {
      query: { filter_created_at_gte: 1700000000 },
    });
    expect(epoch.status).toBe(500);
    expect(epoch.body.error).toMatchObject({
      httpCode: 500,
      message: "Failed to parse time string",
    });
  });
});

describe("sales order CRUD (§2.3)", () => {
  it("GET /sales-orders/{id} returns the order", async () => {
    const { status, body } = await call("GET", "/sales-orders/88310");
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      id: 88310,
      status: "OrderShipped",
      ticket_id: expect.any(Number),
    });
    expect(body.data.order_items[0].product).toHaveProperty("sku");
  });

  it("POST /sales-orders creates an order, its contact and tracking link", async () => {
    const { status, body } = await call("POST", "/sales-orders", { body: newOrder() });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({
      channel_id: 4410,
      status: "PaymentAccepted",
      total_amount: 41.99,
      ship_to: { country: "US", country_name: "United States" },
      tracking_codes: [
        {
          tracking_code: "9400111",
          tracking_carrier_name: "USPS",
          tracking_link: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111",
        },
      ],
    });
    expect(body.data.order_items[0]).toMatchObject({
      quantity: 2,
      end_price: 36,
      product: { sku: "BC-MUG-201", currency: "USD" },
    });
    expect((await call("GET", `/sales-orders/${body.data.id}`)).body.data).toEqual(body.data);
    const contact = (await call("GET", "/contacts", { query: { email: "fresh@example.com" } })).body
      .data[0];
    expect(body.data.contact_id).toBe(contact.id);
  });

  it("POST /sales-orders validates required fields, uniqueness and lengths", async () => {
    expect(codes((await call("POST", "/sales-orders", { body: {} })).body)).toEqual({
      channel_id: "4001",
      seller_order_id: "4001",
      currency: "4001",
      status: "4001",
      shipping_amount: "4001",
      order_items: "4001",
      contact_id: "4001",
      ship_to: "4001",
    });
    const existing = (await call("GET", "/sales-orders/88310")).body.data;
    const bad = await call("POST", "/sales-orders", {
      body: newOrder({
        seller_order_id: existing.seller_order_id,
        status: "Lost",
        shipping_amount: "free",
        delivery_type: "Overnight",
        order_shipped_at: "soon",
        order_items: [{ sku: "X", title: "Y", quantity: 1, item_amount: 1 }],
        tracking_codes: [{ tracking_code: "1", tracking_carrier_name: "C".repeat(65) }],
      }),
    });
    expect(codes(bad.body)).toEqual({
      seller_order_id: "4003",
      status: "4007",
      shipping_amount: "4005",
      delivery_type: "4007",
      order_shipped_at: "4010",
      "order_items.0.shipping_amount": "4001",
      "tracking_codes.0.tracking_carrier_name": "4020",
    });
  });

  it("PUT /sales-orders/{id} updates sent fields and items by id", async () => {
    const order = (await call("GET", "/sales-orders/509211")).body.data;
    const item = order.order_items[0];
    const { status, body } = await call("PUT", "/sales-orders/509211", {
      body: {
        status: "Delivered",
        order_items: [
          {
            id: item.id,
            sku: item.product.sku,
            title: item.product.title,
            quantity: 3,
            item_amount: 10,
            shipping_amount: 0,
          },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.data.status).toBe("Delivered");
    expect(body.data.order_items[0]).toMatchObject({ id: item.id, quantity: 3, end_price: 30 });
    expect(body.data.order_items[1]).toEqual(order.order_items[1]);
    expect(body.data.tracking_codes).toEqual(order.tracking_codes);
  });

  it("PUT /sales-orders/{id} rejects foreign items (4017) and a channel change (4014)", async () => {
    const other = (await call("GET", "/sales-orders/88310")).body.data.order_items[0];
    const res = await call("PUT", "/sales-orders/509211", {
      body: {
        channel_id: 4410,
        order_items: [
          { id: other.id, sku: "a", title: "b", quantity: 1, item_amount: 1, shipping_amount: 0 },
          { sku: "a" },
        ],
      },
    });
    expect(codes(res.body)).toMatchObject({
      channel_id: "4014",
      "order_items.0.id": "4017",
      "order_items.1.id": "4001",
    });
  });

  it("DELETE /sales-orders/{id} removes the order", async () => {
    const { status, body } = await call("DELETE", "/sales-orders/509211");
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, message: expect.any(String) });
    expect((await call("GET", "/sales-orders/509211")).status).toBe(404);
    expect((await call("GET", "/tickets/1409923")).body.data).toMatchObject({
      sales_order_id: 509211,
      sales_order: null,
    });
  });
});

describe("tracking links (§2.4)", () => {
  const path = "/sales-orders-tracking-links/509211";

  it("GET lists the order's links", async () => {
    const { status, body } = await call("GET", path);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      tracking_links: [
        {
          tracking_link: "https://www.ups.com/track?tracknum=1Z9999999999999999",
          tracking_carrier_name: "UPS",
        },
      ],
    });
  });

  it("POST adds links and returns the sales order", async () => {
    const { status, body } = await call("POST", path, {
      body: {
        tracking_links: [
          { tracking_link: "https://carrier.example/t/42", tracking_carrier_name: "Local Courier" },
        ],
      },
    });
    expect(status).toBe(200);
    expect(body.data.id).toBe(509211);
    expect((await call("GET", path)).body.data.tracking_links).toHaveLength(2);
  });

  it("PUT replaces all links", async () => {
    const { body } = await call("PUT", path, {
      body: { tracking_links: [{ tracking_link: "https://carrier.example/t/43" }] },
    });
    expect(body.data.tracking_codes).toEqual([
      {
        tracking_code: null,
        tracking_link: "https://carrier.example/t/43",
        tracking_carrier_name: null,
      },
    ]);
    expect((await call("GET", path)).body.data.tracking_links).toEqual([
      { tracking_link: "https://carrier.example/t/43", tracking_carrier_name: null },
    ]);
  });

  it("DELETE removes every link", async () => {
    const { status, body } = await call("DELETE", path);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect((await call("GET", path)).body.data.tracking_links).toEqual([]);
  });

  it("validates the links", async () => {
    expect(codes((await call("POST", path, { body: {} })).body)).toEqual({
      tracking_links: "4001",
    });
    const bad = await call("PUT", path, {
      body: {
        tracking_links: [{ tracking_link: "not a url", tracking_carrier_name: "x".repeat(65) }],
      },
    });
    expect(codes(bad.body)).toEqual({
      "tracking_links.0.tracking_link": "4011",
      "tracking_links.0.tracking_carrier_name": "4020",
    });
  });
});
