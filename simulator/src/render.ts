import type { Store } from "./store";
import type { SalesOrderRecord, TicketRecord } from "./types";

/** Response shapes built from stored records (field order as in the models of §2). */

/** `SalesOrder` (§2.3): stored as is; a copy so callers cannot mutate the store. */
export function renderSalesOrder(order: SalesOrderRecord): SalesOrderRecord {
  return structuredClone(order);
}

/** `Ticket` (§2.1) with the nested `sales_order`; internal flags are left out. */
export function renderTicket(store: Store, t: TicketRecord) {
  const order = t.sales_order_id === null ? undefined : store.c.sales_orders.get(t.sales_order_id);
  return {
    id: t.id,
    subject: t.subject,
    type: t.type,
    channel_id: t.channel_id,
    status: t.status,
    sales_order_id: t.sales_order_id,
    // GUESS: a ticket whose order was deleted keeps its sales_order_id; the nested order is null.
    sales_order: order ? renderSalesOrder(order) : null,
    external_order_id: t.external_order_id,
    created_at: t.created_at,
    last_updated_at: t.last_updated_at,
    owner_user_id: t.owner_user_id,
    custom_fields: t.custom_fields.map((f) => ({ ...f })),
    time_left_to_reply: t.time_left_to_reply,
    tags_ids: [...t.tags_ids],
    contact_id: t.contact_id,
    messages_ids: [...t.messages_ids],
    uri: t.uri,
    replies: t.replies,
    ai_classification: t.ai_classification,
  };
}

/** Plain copy for records whose stored shape is the response shape. */
export const copy = <T>(record: T): T => structuredClone(record);
