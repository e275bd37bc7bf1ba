import { orderTotal, round2 } from "../resources/sales-order-input";
import type { Contact, OrderItem, Product, SalesOrderRecord, TrackingCode } from "../types";
import { HOUR_MS, channelOf, dayMs, days, fmt, makeAddress, type SeedContext } from "./context";
import { CARRIERS } from "./places";
import type { Rng } from "./prng";

/** Sales orders (§2.3): generated ones, and `makeOrder` for the named demo records. */

const SHIPPED = ["OrderShipped", "InTransit", "Delivered", "Returned"];

/** The channel's listings of the profile products (`ProductChannel`, §2.3). */
export function makeListings(ctx: SeedContext, nextProductId: () => number): Product[] {
  const all: Product[] = [];
  const shop = ctx.profile.company.toLowerCase().replace(/[^a-z]/g, "");
  for (const channel of ctx.profile.channels) {
    const rate = ctx.profile.fx[channel.currency] ?? 1;
    const listings = ctx.profile.products.map((p) => {
      const link =
        channel.type === "Amazon"
          ? `https://www.amazon.${channel.country === "US" ? "com" : channel.country.toLowerCase()}/dp/B0${ctx.rng.chars(8, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")}`
          : channel.type === "eBay"
            ? `https://www.ebay.${channel.country === "GB" ? "co.uk" : "com"}/itm/${ctx.rng.digits(12)}`
            : `https://${shop}.example/products/${p.sku.toLowerCase()}`;
      return {
        id: nextProductId(),
        sku: p.sku,
        title: p.title,
        brand: p.brand,
        dimensions: p.dimensions,
        weight: p.weight,
        product_image_url: `https://cdn.${shop}.example/images/${p.sku.toLowerCase()}.jpg`,
        marketplace_link: link,
        price: round2(p.price * rate),
        currency: channel.currency,
      };
    });
    ctx.listings.set(channel.id, listings);
    all.push(...listings);
  }
  return all;
}

export function trackingFor(rng: Rng, country: string): TrackingCode {
  const carrier = rng.pick(CARRIERS[country] ?? CARRIERS.US!);
  const code = carrier.code(rng);
  return {
    tracking_code: code,
    tracking_link: carrier.link + code,
    tracking_carrier_name: carrier.name,
  };
}

function sellerOrderId(ctx: SeedContext, type: string, shopCounter: () => number): string {
  const { rng } = ctx;
  if (type === "Amazon") return `${rng.digits(3)}-${rng.digits(7)}-${rng.digits(7)}`;
  if (type === "eBay") return `${rng.digits(2)}-${rng.digits(5)}-${rng.digits(5)}`;
  return `#${shopCounter()}`;
}

export interface OrderSpec {
  id: number;
  contact: Contact;
  created: number;
  status: string;
  /** Indexes into the profile's products, with quantities. */
  lines: { product: number; quantity: number }[];
  sellerOrderId: string;
  /** `undefined`: generated when the status means shipped; `null`: none. */
  tracking?: TrackingCode | null;
}

/** A consistent order: prices from the channel listing, addresses, tracking and timeline. */
export function makeOrder(ctx: SeedContext, spec: OrderSpec): SalesOrderRecord {
  const { rng } = ctx;
  const channel = channelOf(ctx, spec.contact.channel_id!);
  const listings = ctx.listings.get(channel.id)!;
  const items: OrderItem[] = spec.lines.map(({ product, quantity }) => {
    const listing = listings[product]!;
    return {
      id: ctx.seq.item.next(),
      product: { ...listing },
      quantity,
      end_price: round2(listing.price * quantity),
    };
  });
  const subtotal = items.reduce((sum, i) => sum + i.end_price, 0);
  const freeFrom = 75 * (ctx.profile.fx[channel.currency] ?? 1);
  const shipping = subtotal >= freeFrom ? 0 : channel.currency === "USD" ? 5.99 : 3.95;
  const name = spec.contact.full_name ?? "Customer";
  const shipTo = makeAddress(rng, name, channel.country);
  const shipped = SHIPPED.includes(spec.status);
  const shippedAt = shipped ? spec.created + days(rng.int(1, 2)) + rng.int(1, 8) * HOUR_MS : null;
  const tracking =
    spec.tracking === undefined
      ? shipped
        ? trackingFor(rng, channel.country)
        : null
      : spec.tracking;
  const base = shippedAt ?? spec.created;
  const noDelivery = spec.status === "Canceled" || spec.status === "PaymentRejected";
  const last = Math.max(spec.created + rng.int(1, 6) * HOUR_MS, shippedAt ?? 0);
  return {
    id: spec.id,
    channel_id: channel.id,
    seller_order_id: spec.sellerOrderId,
    status: spec.status,
    order_items: items,
    shipping_amount: shipping,
    total_amount: orderTotal(items, shipping),
    ship_to: shipTo,
    bill_to: rng.chance(0.85) ? { ...shipTo } : makeAddress(rng, name, channel.country),
    contact_id: spec.contact.id,
    tracking_codes: tracking ? [tracking] : null,
    created_at: fmt(spec.created),
    last_updated_at: fmt(last),
    ticket_id: null,
    order_notes_id: [],
    sales_order_delivery_dates: noDelivery
      ? null
      : {
          expected_delivery_from: fmt(base + days(2)).slice(0, 10) + " 00:00:00",
          expected_delivery_to: fmt(base + days(5)).slice(0, 10) + " 23:59:59",
        },
    order_created_at: fmt(spec.created),
    order_shipped_at: shippedAt === null ? null : fmt(shippedAt),
    delivery_type: rng.weighted([
      ["Standard", 70],
      ["Expedited", 15],
      ["NextDay", 8],
      ["SecondDay", 7],
    ] as const),
    custom_fields: [],
  };
}

function statusFor(rng: Rng, ageDays: number): string {
  if (ageDays > 30) {
    return rng.weighted([
      ["Delivered", 78],
      ["Returned", 8],
      ["Canceled", 7],
      ["OrderShipped", 4],
      ["PaymentRejected", 3],
    ] as const);
  }
  return rng.weighted([
    ["OrderReceived", 8],
    ["PaymentAccepted", 10],
    ["OrderShipped", 24],
    ["InTransit", 20],
    ["Delivered", 28],
    ["Hold", 4],
    ["PaymentRejected", 3],
    ["Canceled", 3],
  ] as const);
}

/** Orders spread over the profile period (starting a little before it), in id order. */
export function generateOrders(ctx: SeedContext, contacts: Contact[]): SalesOrderRecord[] {
  const { rng, profile } = ctx;
  const start = dayMs(profile.period.start) - days(20);
  const end = dayMs(profile.period.end) - days(1);
  const times = Array.from(
    { length: profile.counts.orders },
    // Skewed toward recent dates, like a growing shop: more orders still in flight.
    () => start + Math.floor(rng.next() ** 0.6 * (end - start)),
  );
  times.sort((a, b) => a - b);
  let shop = profile.shopOrderStart;
  return times.map((created) => {
    const contact = rng.pick(contacts);
    const count = rng.weighted([
      [1, 70],
      [2, 22],
      [3, 8],
    ] as const);
    const lines = rng.sample([...profile.products.keys()], count).map((product) => ({
      product,
      quantity: rng.weighted([
        [1, 85],
        [2, 12],
        [4, 3],
      ] as const),
    }));
    const type = channelOf(ctx, contact.channel_id!).type;
    return makeOrder(ctx, {
      id: ctx.seq.order.next(),
      contact,
      created,
      status: statusFor(rng, (dayMs(profile.period.end) - created) / days(1)),
      lines,
      sellerOrderId: sellerOrderId(ctx, type, () => shop++),
    });
  });
}
