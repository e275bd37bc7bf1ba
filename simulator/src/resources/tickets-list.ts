import type { Ctx } from "../context";
import { TICKET_STATUS_FILTERS, TICKET_TYPES } from "../enums";
import { inRange, readOrdering, readRange, sortRows } from "../list-query";
import { paginate } from "../paging";
import { renderTicket } from "../render";
import type { TicketRecord } from "../types";
import { Check } from "../validate";

type StatusFilter = (typeof TICKET_STATUS_FILTERS)[number];

/**
 * How a `filter_status_equals` value selects tickets. The model's statuses compare directly;
 * the extra filter values (§2.1) are not model statuses.
 * GUESS: `Unread`/`Read` and `Priority`/`Unpriority` are read and priority flags that eDesk
 * keeps beside the status (the Ticket model has no field for them).
 */
function statusMatches(t: TicketRecord, status: StatusFilter): boolean {
  switch (status) {
    case "Unread":
      return !t.read;
    case "Read":
      return t.read;
    case "Priority":
      return t.priority;
    case "Unpriority":
      return !t.priority;
    default:
      return t.status === status;
  }
}

/**
 * GET /tickets with every documented filter (§2.1) and paging (§3).
 * GUESS: bad query values get the body validation codes (4007 enum, 4005 number, 4010 date),
 * as a 400 like any validation error; eDesk documents no separate codes for query parameters.
 */
export function listTickets(c: Ctx) {
  const q = new Check(c.query);
  const ordering = readOrdering(q);
  const contactId = q.int("filter_contact_id_equals");
  const channelId = q.int("filter_channel_id_equals");
  const salesOrderId = q.int("filter_sales_order_id_equals");
  const ownerUserId = q.int("filter_owner_user_id_equals");
  const sellerOrderId = q.string("filter_seller_order_id_equals");
  const status = q.enumOf("filter_status_equals", TICKET_STATUS_FILTERS);
  const type = q.enumOf("filter_type_equals", TICKET_TYPES);
  const created = readRange(q, "filter_created_at");
  const updated = readRange(q, "filter_last_updated_at");
  q.done();

  const orders = c.store.c.sales_orders;
  const rows = c.store.c.tickets.all().filter((t) => {
    if (contactId != null && t.contact_id !== contactId) return false;
    if (channelId != null && t.channel_id !== channelId) return false;
    if (salesOrderId != null && t.sales_order_id !== salesOrderId) return false;
    if (ownerUserId != null && t.owner_user_id !== ownerUserId) return false;
    if (status && !statusMatches(t, status)) return false;
    if (type && t.type !== type) return false;
    if (sellerOrderId) {
      const order = t.sales_order_id === null ? undefined : orders.get(t.sales_order_id);
      if (order?.seller_order_id !== sellerOrderId) return false;
    }
    return inRange(t.created_at, created) && inRange(t.last_updated_at, updated);
  });
  return paginate(sortRows(rows, ordering), c.query, (t) => renderTicket(c.store, t));
}
