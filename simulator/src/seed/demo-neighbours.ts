import { HOUR_MS, days, fmt, type SeedContext } from "./context";
import { at, namedTicket } from "./named-ticket";

/**
 * Tickets around the named "Shipping update" ticket 1203415 that make "the oldest open ticket
 * whose subject is Shipping update" a real query: 1201877 is older but closed, 1200874 is older
 * and open but about something else, 1398817 is open but newer.
 */
export function addShippingNeighbours(ctx: SeedContext): void {
  // An older "Shipping update" ticket that is already closed, so "oldest open" needs the filter.
  const early = ctx.data.sales_orders.find(
    (o) => o.status === "Delivered" && o.created_at < "2025-05-01" && o.ticket_id === null,
  );
  const earlyContact =
    ctx.data.contacts.find((c) => c.id === early?.contact_id) ?? ctx.data.contacts[0]!;
  namedTicket(ctx, {
    id: 1201877,
    created: "2025-05-03 09:40:12",
    subject: "Shipping update",
    type: "ShippingQuery",
    status: "Closed",
    contact: earlyContact,
    order: early ?? null,
    owner: 31,
    tags: [],
    ai: "WhereOrder",
    messages: [
      {
        kind: "incoming",
        at: "2025-05-03 09:40:12",
        subject: "Shipping update",
        body: "Hi, could I get a shipping update on my order please? Thanks.",
      },
      {
        kind: "reply",
        at: "2025-05-03 11:02:55",
        subject: "Re: Shipping update",
        userId: 31,
        body: "Hi, your order was delivered yesterday afternoon and signed for at the front door. Kind regards, Lucia",
      },
    ],
  });

  // An even older open ticket on another topic, so "oldest open" alone is not enough either.
  namedTicket(ctx, {
    id: 1200874,
    created: "2025-05-02 14:20:51",
    subject: "Is the terracotta planter frost proof?",
    type: "Presales",
    status: "Open",
    contact: ctx.data.contacts[5]!,
    order: null,
    owner: null,
    tags: [],
    ai: "ProductQuery",
    messages: [
      {
        kind: "incoming",
        at: "2025-05-02 14:20:51",
        subject: "Is the terracotta planter frost proof?",
        body: "Hi, can the Terracotta Planter 8 inch stay outside over winter, or will it crack in the frost?",
      },
    ],
  });

  // A newer open "Shipping update" ticket, so "oldest" is a real choice.
  const inFlight = [...ctx.data.sales_orders]
    .reverse()
    .find((o) => o.status === "InTransit" && o.tracking_codes && o.ticket_id === null);
  if (inFlight) {
    const asked = fmt(at(inFlight.created_at) + days(3) + 3 * HOUR_MS);
    const code = inFlight.tracking_codes![0]!;
    namedTicket(ctx, {
      id: 1398817,
      created: asked,
      subject: `Shipping update for order ${inFlight.seller_order_id}`,
      type: "OrderShippingInquiry",
      status: "Open",
      contact: ctx.data.contacts.find((c) => c.id === inFlight.contact_id)!,
      order: inFlight,
      owner: null,
      tags: [],
      ai: "WhereOrder",
      messages: [
        {
          kind: "incoming",
          at: asked,
          subject: `Shipping update for order ${inFlight.seller_order_id}`,
          body: `Hello, could you give me a shipping update? ${code.tracking_carrier_name} tracking ${code.tracking_code} shows no movement since it left your warehouse.`,
        },
      ],
    });
  }
}
