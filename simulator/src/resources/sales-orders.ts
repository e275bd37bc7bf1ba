import { data, deleted, jsonBody, type Ctx } from "../context";
import { DELIVERY_TYPES, ORDER_STATUSES } from "../enums";
import { renderSalesOrder } from "../render";
import type { Store } from "../store";
import type { SalesOrderRecord } from "../types";
import { Check } from "../validate";
import { readContactInput, resolveContact } from "./contact-input";
import { mergeCustomFields, readCustomFields } from "./custom-fields";
import {
  buildItem,
  orderTotal,
  readAddress,
  readDeliveryDates,
  readItems,
  readTrackingCodes,
  round2,
} from "./sales-order-input";

/** Sales orders: get, create, update, delete (§2.3). The list is in sales-orders-list.ts. */

export function getSalesOrder(c: Ctx) {
  return data(renderSalesOrder(c.store.c.sales_orders.require(c.id, "Sales order")));
}

/** `seller_order_id` is unique within the channel (§2.3): 4003 otherwise. */
function sellerIdTaken(store: Store, channelId: number, sellerId: string, self?: number): boolean {
  return store.c.sales_orders
    .all()
    .some((o) => o.channel_id === channelId && o.seller_order_id === sellerId && o.id !== self);
}

/** Fields shared by create and update; `required` switches the create-time requirements. */
function readCommon(c: Ctx, v: Check, required: boolean) {
  const { store } = c;
  let currency = v.string("currency", { required });
  if (currency && !/^[A-Z]{3}$/.test(currency)) currency = v.fail("currency", "4007");
  const contactId = v.ref("contact_id", (id) => store.c.contacts.has(id));
  const contactCheck = contactId == null ? v.object("contact") : undefined;
  const contact = contactCheck && readContactInput(contactCheck);
  // GUESS: with neither `contact_id` nor `contact`, the missing field is reported as contact_id.
  if (required && contactId == null && !v.has("contact")) v.fail("contact_id", "4001");
  return {
    status: v.enumOf("status", ORDER_STATUSES, { required }),
    shipping: v.number("shipping_amount", { required }),
    currency,
    contactId,
    contact,
    // `ship_to` is required in practice (observed, §2.3).
    shipTo: readAddress(v, "ship_to", { required }),
    billTo: readAddress(v, "bill_to"),
    tracking: readTrackingCodes(v),
    deliveryDates: readDeliveryDates(v),
    orderCreatedAt: v.datetime("order_created_at"),
    orderShippedAt: v.datetime("order_shipped_at"),
    deliveryType: v.enumOf("delivery_type", DELIVERY_TYPES),
    customFields: readCustomFields(v, "custom_fields", store),
  };
}

/** POST /sales-orders (§2.3). */
export function createSalesOrder(c: Ctx) {
  const { store } = c;
  const v = new Check(jsonBody(c));
  const channelId = v.ref("channel_id", (id) => store.c.channels.has(id), { required: true });
  const sellerId = v.string("seller_order_id", { required: true });
  const items = readItems(v, "create");
  const f = readCommon(c, v, true);
  if (channelId && sellerId && sellerIdTaken(store, channelId, sellerId)) {
    v.fail("seller_order_id", "4003");
  }
  v.done();

  const contactId = f.contactId ?? resolveContact(store, f.contact!, channelId!).id;
  const orderItems = items!.map((item) => buildItem(store, item, f.currency!));
  const order: SalesOrderRecord = {
    id: store.c.sales_orders.nextId(),
    channel_id: channelId!,
    seller_order_id: sellerId!,
    status: f.status!,
    order_items: orderItems,
    shipping_amount: round2(f.shipping!),
    total_amount: orderTotal(orderItems, f.shipping!),
    ship_to: f.shipTo ?? null,
    bill_to: f.billTo ?? null,
    contact_id: contactId,
    tracking_codes: f.tracking?.length ? f.tracking : null,
    created_at: c.now,
    last_updated_at: c.now,
    ticket_id: null,
    order_notes_id: [],
    sales_order_delivery_dates: f.deliveryDates ?? null,
    order_created_at: f.orderCreatedAt ?? c.now,
    order_shipped_at: f.orderShippedAt ?? null,
    delivery_type: f.deliveryType ?? null,
    custom_fields: f.customFields ?? [],
  };
  store.c.sales_orders.put(order);
  return data(renderSalesOrder(order));
}

/** PUT /sales-orders/{id}: sent fields change; items are addressed by their `id` (§2.3). */
export function updateSalesOrder(c: Ctx) {
  const { store } = c;
  const order = store.c.sales_orders.require(c.id, "Sales order");
  const v = new Check(jsonBody(c));
  const channelId = v.ref("channel_id", (id) => store.c.channels.has(id));
  // GUESS: an order cannot move to another channel; 4014 is "sales order/channel mismatch" (§3).
  if (channelId != null && channelId !== order.channel_id) v.fail("channel_id", "4014");
  const sellerId = v.string("seller_order_id");
  if (sellerId && sellerIdTaken(store, order.channel_id, sellerId, order.id)) {
    v.fail("seller_order_id", "4003");
  }
  const items = readItems(v, "update");
  items?.forEach((item, i) => {
    // 4017: the item does not belong to this order (§2.3, §3).
    if (item.id !== undefined && !order.order_items.some((o) => o.id === item.id)) {
      v.fail(`order_items.${i}.id`, "4017");
    }
  });
  const f = readCommon(c, v, false);
  v.done();

  const currency = f.currency ?? order.order_items[0]?.product.currency ?? "USD";
  const orderItems = order.order_items.map((existing) => {
    const input = items?.find((item) => item.id === existing.id);
    if (input) return buildItem(store, input, currency, existing.id);
    return f.currency ? { ...existing, product: { ...existing.product, currency } } : existing;
  });
  const contactId =
    f.contactId ?? (f.contact ? resolveContact(store, f.contact, order.channel_id).id : undefined);
  const shipping = f.shipping ?? order.shipping_amount;
  const next: SalesOrderRecord = {
    ...order,
    seller_order_id: sellerId ?? order.seller_order_id,
    status: f.status ?? order.status,
    order_items: orderItems,
    shipping_amount: round2(shipping),
    total_amount: orderTotal(orderItems, shipping),
    ship_to: f.shipTo ?? order.ship_to,
    bill_to: f.billTo ?? order.bill_to,
    contact_id: contactId ?? order.contact_id,
    tracking_codes: f.tracking ? (f.tracking.length ? f.tracking : null) : order.tracking_codes,
    last_updated_at: c.now,
    sales_order_delivery_dates: f.deliveryDates ?? order.sales_order_delivery_dates,
    order_created_at: f.orderCreatedAt ?? order.order_created_at,
    order_shipped_at: f.orderShippedAt ?? order.order_shipped_at,
    delivery_type: f.deliveryType ?? order.delivery_type,
    custom_fields: f.customFields
      ? mergeCustomFields(order.custom_fields, f.customFields)
      : order.custom_fields,
  };
  store.c.sales_orders.put(next);
  return data(renderSalesOrder(next));
}

/** DELETE /sales-orders/{id} → `{ok, message}` (§2.3). */
export function deleteSalesOrder(c: Ctx) {
  const order = c.store.c.sales_orders.require(c.id, "Sales order");
  c.store.c.sales_orders.remove(order.id);
  return deleted("Sales order deleted");
}
