import type { Ctx } from "../context";
import { ORDER_STATUSES } from "../enums";
import { inRange, readOrdering, readRange, sortRows } from "../list-query";
import { paginate } from "../paging";
import { renderSalesOrder } from "../render";
import { Check } from "../validate";

/** GET /sales-orders with every documented filter (§2.3) and paging (§3). */
export function listSalesOrders(c: Ctx) {
  const q = new Check(c.query);
  const ordering = readOrdering(q);
  const contactId = q.int("filter_contact_id_equals");
  const channelId = q.int("filter_channel_id_equals");
  const sellerOrderId = q.string("filter_seller_order_id_equals");
  const status = q.enumOf("filter_status_equals", ORDER_STATUSES);
  const idGte = q.int("filter_id_gte");
  const idLte = q.int("filter_id_lte");
  // Unparsable dates answer 500 "Failed to parse time string", as observed live (§2.3).
  const created = readRange(q, "filter_created_at", true);
  const updated = readRange(q, "filter_last_updated_at", true);
  q.done();

  const rows = c.store.c.sales_orders.all().filter((o) => {
    if (contactId != null && o.contact_id !== contactId) return false;
    if (channelId != null && o.channel_id !== channelId) return false;
    if (sellerOrderId && o.seller_order_id !== sellerOrderId) return false;
    if (status && o.status !== status) return false;
    if (idGte != null && o.id < idGte) return false;
    if (idLte != null && o.id > idLte) return false;
    return inRange(o.created_at, created) && inRange(o.last_updated_at, updated);
  });
  // The live API's search index may lag behind new orders (§2.3); the simulator does not lag.
  return paginate(sortRows(rows, ordering), c.query, renderSalesOrder);
}
