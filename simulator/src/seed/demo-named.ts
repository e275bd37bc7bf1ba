import type { SeedContext } from "./context";
import { addShippingNeighbours } from "./demo-neighbours";
import { at, namedContact, namedTicket, productIndex } from "./named-ticket";
import { makeNote } from "./notes";
import { makeOrder } from "./orders";

/**
 * The exact records the product's examples and tests name (tenant `demo` only):
 * - ticket 1409923: UPS tracking question on sales order 509211 (OrderShipped, 1Z9999999999999999);
 * - ticket 1203415 "Shipping update": the oldest open ticket with that subject (order 88310,
 *   OrderShipped, FedEx tracking code "FedEx 123456789"); ticket 1201877 is an older, closed one;
 * - ticket 99421: a vase that arrived shattered (order 11092), already tagged "VIP Customer".
 */

export function addDemoNamedRecords(ctx: SeedContext, used: Set<string>): void {
  const marcus = namedContact(
    ctx,
    used,
    4410,
    "Marcus Delgado",
    "m4rcusd3lgado0x1@marketplace.amazon.com",
    "+1 555-0187",
  );
  const eleanor = namedContact(
    ctx,
    used,
    4412,
    "Eleanor Hartley",
    "eleanor.hartley@example.com",
    "+1 555-0142",
  );
  const priya = namedContact(ctx, used, 4412, "Priya Nair", "priya.nair@example.com", null);

  const fedex = {
    tracking_code: "FedEx 123456789",
    tracking_link: "https://www.fedex.com/fedextrack/?trknbr=123456789",
    tracking_carrier_name: "FedEx",
  };
  const ups = {
    tracking_code: "1Z9999999999999999",
    tracking_link: "https://www.ups.com/track?tracknum=1Z9999999999999999",
    tracking_carrier_name: "UPS",
  };
  const o88310 = makeOrder(ctx, {
    id: 88310,
    contact: marcus,
    created: at("2025-04-24 15:02:41"),
    status: "OrderShipped",
    lines: [{ product: productIndex(ctx, "BC-LMP-701"), quantity: 1 }],
    sellerOrderId: "113-4471902-5528113",
    tracking: fedex,
  });
  const o11092 = makeOrder(ctx, {
    id: 11092,
    contact: eleanor,
    created: at("2026-03-05 10:21:09"),
    status: "Delivered",
    lines: [
      { product: productIndex(ctx, "BC-VAS-014"), quantity: 1 },
      { product: productIndex(ctx, "BC-CND-501"), quantity: 1 },
    ],
    sellerOrderId: "#10871",
  });
  const o509211 = makeOrder(ctx, {
    id: 509211,
    contact: priya,
    created: at("2026-04-08 19:33:10"),
    status: "OrderShipped",
    lines: [
      { product: productIndex(ctx, "BC-MUG-207"), quantity: 1 },
      { product: productIndex(ctx, "BC-BWL-310"), quantity: 1 },
    ],
    sellerOrderId: "#10912",
    tracking: ups,
  });
  ctx.data.sales_orders.push(o88310, o11092, o509211);

  addShippingNeighbours(ctx);

  namedTicket(ctx, {
    id: 1203415,
    created: "2025-05-09 08:14:22",
    subject: "Shipping update",
    type: "OrderShippingInquiry",
    status: "Open",
    contact: marcus,
    order: o88310,
    owner: null,
    tags: [],
    ai: "WhereOrder",
    messages: [
      {
        kind: "incoming",
        at: "2025-05-09 08:14:22",
        subject: "Shipping update",
        body: "Hi, I ordered the Ceramic Table Lamp - Ivory on 24 April (order 113-4471902-5528113). The FedEx tracking (FedEx 123456789) hasn't changed for over a week. Where is my order? Could you give me a shipping update?",
      },
    ],
  });

  namedTicket(ctx, {
    id: 99421,
    created: "2026-03-12 18:47:05",
    subject: "Vase arrived shattered",
    type: "DefectiveItemReceived",
    status: "Open",
    contact: eleanor,
    order: o11092,
    owner: null,
    tags: [12006],
    ai: "Damaged",
    messages: [
      {
        kind: "incoming",
        at: "2026-03-12 18:47:05",
        subject: "Vase arrived shattered",
        files: ["vase-box.jpg", "vase-shattered.jpg"],
        body: "Hello, my order #10871 arrived this afternoon and the Hand-thrown Speckled Vase - Large was shattered inside the box, it's in pieces. The outer box looked fine. Photos attached. It was a gift for my mother's birthday on Saturday, what can you do?",
      },
    ],
  });
  const vase = ctx.data.tickets.find((t) => t.id === 99421)!;
  vase.priority = true;
  vase.custom_fields = [{ id: 9101, name: "Return Reason", value: "Damaged" }];

  namedTicket(ctx, {
    id: 1409923,
    created: "2026-04-14 09:12:44",
    subject: "UPS tracking not updating",
    type: "ShippingQuery",
    status: "Open",
    contact: priya,
    order: o509211,
    owner: 23,
    tags: [12011],
    ai: "TrackingCodeRequest",
    messages: [
      {
        kind: "incoming",
        at: "2026-04-14 09:12:44",
        subject: "UPS tracking not updating",
        body: "Hi, the UPS tracking number 1Z9999999999999999 for my order #10912 still says 'Label created'. Has it actually been sent?",
      },
      {
        kind: "reply",
        at: "2026-04-14 10:05:31",
        subject: "Re: UPS tracking not updating",
        userId: 23,
        body: "Hi Priya, thanks for your patience. Your parcel was handed to UPS on 9 April; sometimes the first scan only appears at the hub. I'll keep an eye on it. Best, Sam",
      },
      {
        kind: "incoming",
        at: "2026-04-17 16:48:02",
        body: "It's been three more days and still nothing on the UPS site. Can you check with them?",
      },
    ],
  });

  ctx.data.order_notes.push(
    makeNote(
      ctx,
      o11092,
      at("2026-03-13 09:05:40"),
      "Customer reports the vase arrived shattered; photos on ticket 99421. Check packaging batch.",
      23,
    ),
  );
}
