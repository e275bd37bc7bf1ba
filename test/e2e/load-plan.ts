import { DEMO_TOKEN, simulatorUrl } from "./stack";

/** What one load session owns: a customer and that customer's tickets, orders and messages. */
export interface SessionPlan {
  contactId: number;
  ticketIds: number[];
  orderIds: number[];
  messageIds: number[];
}

type Row = { id: number; contact_id: number; messages_ids?: number[] };

/** Every row of a simulator list, read straight from eDesk's API (not through the worker). */
async function listAll(path: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (let page = 1; ; page++) {
    const response = await fetch(`${simulatorUrl()}/v1${path}?page=${page}&itemsPerPage=100`, {
      headers: { authorization: `Bearer ${DEMO_TOKEN}` },
    });
    const body = (await response.json()) as { data: Row[]; paginator: { totalItemsCount: number } };
    rows.push(...body.data);
    if (page * 100 >= body.paginator.totalItemsCount) return rows;
  }
}

const groupBy = (rows: Row[]) => {
  const groups = new Map<number, Row[]>();
  for (const row of rows) groups.set(row.contact_id, [...(groups.get(row.contact_id) ?? []), row]);
  return groups;
};

/**
 * `count` sessions, each with its own customer (contact) who has tickets and sales orders in
 * the demo tenant as it is now. Customers are distinct, so no two sessions share a ticket, an
 * order or a message, and each session knows exactly what every answer must hold.
 */
export async function planSessions(count: number): Promise<SessionPlan[]> {
  const tickets = groupBy(await listAll("/tickets"));
  const orders = groupBy(await listAll("/sales-orders"));
  const plans: SessionPlan[] = [];
  for (const [contactId, own] of tickets) {
    const ownOrders = orders.get(contactId);
    const messageIds = own.flatMap((ticket) => ticket.messages_ids ?? []);
    if (!ownOrders || messageIds.length === 0) continue;
    plans.push({
      contactId,
      ticketIds: own.map((ticket) => ticket.id),
      orderIds: ownOrders.map((order) => order.id),
      messageIds,
    });
    if (plans.length === count) return plans;
  }
  throw new Error(`the demo tenant has only ${plans.length} customers with tickets and orders`);
}
