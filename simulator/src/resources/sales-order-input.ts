import type { Store } from "../store";
import type { Address, DeliveryDates, OrderItem, Product, TrackingCode } from "../types";
import type { Check, FieldOptions } from "../validate";

/** Nested parts of `SalesOrderCreateRequest` / `SalesOrderUpdateRequest` (§2.3). */

const COUNTRY_NAMES: Record<string, string> = {
  US: "United States",
  GB: "United Kingdom",
  DE: "Germany",
  FR: "France",
  NL: "Netherlands",
  IE: "Ireland",
  ES: "Spain",
  IT: "Italy",
  AT: "Austria",
  BE: "Belgium",
  CA: "Canada",
  AU: "Australia",
  SE: "Sweden",
  DK: "Denmark",
  PL: "Poland",
};

export const countryName = (code: string) => COUNTRY_NAMES[code] ?? code;
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** AddressRequest: `name, line_1, city, country` (ISO-3166 alpha-2, else 4007), `postcode`. */
export function readAddress(v: Check, field: string, opts: FieldOptions = {}): Address | undefined {
  const a = v.object(field, opts);
  if (!a) return undefined;
  const name = a.string("name", { required: true });
  const line1 = a.string("line_1", { required: true });
  const line2 = a.string("line_2");
  const city = a.string("city", { required: true });
  const state = a.string("state");
  const county = a.string("county");
  let country = a.string("country", { required: true });
  const postcode = a.string("postcode", { required: true });
  if (country && !/^[A-Za-z]{2}$/.test(country)) country = a.fail("country", "4007");
  if (!name || !line1 || !city || !country || !postcode) return undefined;
  const code = country.toUpperCase();
  return {
    name,
    line_1: line1,
    line_2: line2 ?? null,
    city,
    state: state ?? null,
    county: county ?? null,
    country: code,
    postcode,
    country_name: countryName(code),
  };
}

/**
 * `tracking_codes`: `tracking_code` and `tracking_carrier_name` (≤ 64 chars, 4020) required; the
 * optional `tracking_carrier_link` holds a literal `(tracking_code)` placeholder (§2.3).
 */
export function readTrackingCodes(v: Check): TrackingCode[] | undefined {
  const items = v.items("tracking_codes");
  if (!items) return undefined;
  return items.flatMap((item) => {
    const code = item.string("tracking_code", { required: true });
    const carrier = item.string("tracking_carrier_name", { required: true, max: 64 });
    const link = item.string("tracking_carrier_link");
    if (!code || !carrier) return [];
    const trackingLink = link ? link.split("(tracking_code)").join(code) : null;
    return [{ tracking_code: code, tracking_link: trackingLink, tracking_carrier_name: carrier }];
  });
}

export function readDeliveryDates(v: Check): DeliveryDates | undefined {
  const d = v.object("sales_order_delivery_dates");
  if (!d) return undefined;
  const from = d.datetime("expected_delivery_from", { allowDay: true });
  const to = d.datetime("expected_delivery_to", { allowDay: true });
  return { expected_delivery_from: from ?? null, expected_delivery_to: to ?? null };
}

export interface ItemInput {
  id?: number;
  sku: string;
  title: string;
  quantity: number;
  item_amount: number;
  brand: string | null;
  dimensions: string | null;
  weight: number | null;
  product_image_url: string | null;
}

/**
 * `order_items`: `sku, title, quantity, item_amount, shipping_amount` required per item; on
 * update each item also needs its existing `id` (§2.3).
 */
export function readItems(v: Check, mode: "create" | "update"): ItemInput[] | undefined {
  const items = v.items("order_items", { required: mode === "create" });
  if (!items) return undefined;
  // GUESS: an order needs at least one item, so an empty list on create counts as missing.
  if (mode === "create" && items.length === 0) return v.fail("order_items", "4001");
  const parsed = items.map((item) => {
    const id = mode === "update" ? item.int("id", { required: true }) : undefined;
    const sku = item.string("sku", { required: true });
    const title = item.string("title", { required: true });
    const quantity = item.int("quantity", { required: true });
    const amount = item.number("item_amount", { required: true });
    item.number("shipping_amount", { required: true });
    const input: ItemInput = {
      id: id ?? undefined,
      sku: sku ?? "",
      title: title ?? "",
      quantity: quantity ?? 0,
      item_amount: amount ?? 0,
      brand: item.string("brand") ?? null,
      dimensions: item.string("dimensions") ?? null,
      weight: item.number("weight") ?? null,
      product_image_url: item.string("product_image_url") ?? null,
    };
    return input;
  });
  return parsed;
}

/** The catalogue product for a sku in a currency, created on first sight. */
function productFor(store: Store, input: ItemInput, currency: string): Product {
  const found = store.c.products.all().find((p) => p.sku === input.sku && p.currency === currency);
  if (found) return found;
  return store.c.products.put({
    id: store.c.products.nextId(),
    sku: input.sku,
    title: input.title,
    brand: input.brand,
    dimensions: input.dimensions,
    weight: input.weight,
    product_image_url: input.product_image_url,
    marketplace_link: null,
    price: input.item_amount,
    currency,
  });
}

/**
 * An order line from its input.
 * GUESS: `item_amount` is the unit price and `end_price` the line total (unit price × quantity).
 */
export function buildItem(
  store: Store,
  input: ItemInput,
  currency: string,
  id?: number,
): OrderItem {
  const product = productFor(store, input, currency);
  return {
    id: id ?? store.nextOrderItemId(),
    product: { ...product, title: input.title, price: input.item_amount },
    quantity: input.quantity,
    end_price: round2(input.item_amount * input.quantity),
  };
}

/** GUESS: `total_amount` is the sum of the line totals plus the order's `shipping_amount`. */
export function orderTotal(items: OrderItem[], shipping: number): number {
  return round2(items.reduce((sum, item) => sum + item.end_price, 0) + shipping);
}
