import { data, deleted, jsonBody, type Ctx } from "../context";
import { renderSalesOrder } from "../render";
import type { SalesOrderRecord, TrackingCode } from "../types";
import { Check } from "../validate";
import { isFileUrl } from "./mime";

/**
 * `/sales-orders-tracking-links/{salesOrderId}` (§2.4): a view of the order's tracking entries
 * as `{tracking_link, tracking_carrier_name}`. POST adds, PUT replaces all, DELETE removes all;
 * POST and PUT return the full sales order.
 */
// GUESS: links and `tracking_codes` (§2.3) are one list; an entry added here has no
// `tracking_code` (null) because the request carries only the link.

const linksOf = (order: SalesOrderRecord) =>
  (order.tracking_codes ?? [])
    .filter((t) => t.tracking_link !== null)
    .map((t) => ({
      tracking_link: t.tracking_link,
      tracking_carrier_name: t.tracking_carrier_name,
    }));

export function getTrackingLinks(c: Ctx) {
  const order = c.store.c.sales_orders.require(c.id, "Sales order");
  return data({ tracking_links: linksOf(order) });
}

/** `{tracking_links: [{tracking_link (full URL), tracking_carrier_name (≤ 64, optional)}]}`. */
function readLinks(c: Ctx): TrackingCode[] {
  const v = new Check(jsonBody(c));
  const items = v.items("tracking_links", { required: true }) ?? [];
  const links = items.flatMap((item) => {
    const link = item.string("tracking_link", { required: true });
    const carrier = item.string("tracking_carrier_name", { max: 64 });
    // "full URL, no placeholder" (§2.4); reported like other bad URLs (4011).
    if (link && !isFileUrl(link)) item.fail("tracking_link", "4011");
    return link
      ? [{ tracking_code: null, tracking_link: link, tracking_carrier_name: carrier ?? null }]
      : [];
  });
  v.done();
  return links;
}

export function addTrackingLinks(c: Ctx) {
  const order = c.store.c.sales_orders.require(c.id, "Sales order");
  const links = readLinks(c);
  const next = { ...order, tracking_codes: [...(order.tracking_codes ?? []), ...links] };
  c.store.c.sales_orders.put(next);
  return data(renderSalesOrder(next));
}

export function replaceTrackingLinks(c: Ctx) {
  const order = c.store.c.sales_orders.require(c.id, "Sales order");
  const links = readLinks(c);
  const next = { ...order, tracking_codes: links.length ? links : null };
  c.store.c.sales_orders.put(next);
  return data(renderSalesOrder(next));
}

export function deleteTrackingLinks(c: Ctx) {
  const order = c.store.c.sales_orders.require(c.id, "Sales order");
  c.store.c.sales_orders.put({ ...order, tracking_codes: null });
  return deleted("Tracking links deleted");
}
