// "Where is my order?" as a fixed plan instead of a model: every id it sends comes out of an
// earlier tool result, and every tool and argument name is checked against `tools/list` first,
// so a server without the needed tools stops the run before anything is written.

/** The part of a `tools/list` entry the plan reads. */
export interface ListedTool {
  name: string;
  inputSchema: { properties?: Record<string, unknown> };
}

/** Runs one tool call; resolves with its structured result, throws on an `isError` result. */
export type CallTool = (name: string, args: Args) => Promise<unknown>;

/** The plan sends flat arguments only; plain values also cross the Durable Object's RPC. */
export type Args = { [key: string]: string | number | boolean };

/** One call the plan made, in order. */
export interface CallRecord {
  tool: string;
  arguments: Args;
}

/** What one run did, as the HTTP entry returns it. */
export interface RunSummary {
  tools_listed: number;
  calls: CallRecord[];
  ticket_id: number | null;
  sales_order_id: number | null;
  tracking_code: string | null;
  final_status: string | null;
  outcome: "replied_and_closed" | "no_open_shipping_ticket" | "no_tracking_code";
}

/** A "shipping ticket" is one the customer opened with this subject (the desk's WISMO form). */
export const SHIPPING_SUBJECT = "Shipping update";

const LIST_TICKETS = "list_all_e_desk_tickets";
const GET_ORDER = "get_single_e_desk_sales_order_by_id";
const REPLY = "create_a_e_desk_message";
const UPDATE_TICKET = "update_a_e_desk_ticket_datum_by_id";

/** The arguments the plan sends to each tool; checked against the listed input schemas. */
const PLAN: Record<string, string[]> = {
  [LIST_TICKETS]: ["filter_status_equals", "order_by", "order_direction", "limit", "next_cursor"],
  [GET_ORDER]: ["id"],
  [REPLY]: ["ticket_id", "type", "direction", "send", "body"],
  [UPDATE_TICKET]: ["id", "status"],
};

/** Pages of 100 open tickets read at most before giving up (bounds one run's reads). */
const MAX_PAGES = 20;

type Row = Record<string, unknown>;

/** Throws naming every tool or argument the plan needs that the server does not list. */
export function checkTools(tools: ListedTool[]): void {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const missing: string[] = [];
  for (const [name, args] of Object.entries(PLAN)) {
    const tool = byName.get(name);
    if (!tool) {
      missing.push(name);
      continue;
    }
    const properties = tool.inputSchema.properties ?? {};
    for (const arg of args) if (!(arg in properties)) missing.push(`${name}.${arg}`);
  }
  if (missing.length > 0) {
    throw new Error(
      `The MCP server does not expose what this workflow needs: ${missing.join(", ")}. ` +
        'Create the server with config {"methods": ["list", "get", "create", "update"], ' +
        '"tags": ["tickets", "messages", "sales_orders"]}.',
    );
  }
}

/** Runs the workflow once through `call`; `tools` is the server's `tools/list` answer. */
export async function whereIsMyOrder(tools: ListedTool[], call: CallTool): Promise<RunSummary> {
  checkTools(tools);
  const summary: RunSummary = {
    tools_listed: tools.length,
    calls: [],
    ticket_id: null,
    sales_order_id: null,
    tracking_code: null,
    final_status: null,
    outcome: "no_open_shipping_ticket",
  };
  const run: CallTool = (tool, args) => {
    summary.calls.push({ tool, arguments: args });
    return call(tool, args);
  };

  const ticket = await oldestOpenShippingTicket(run);
  if (!ticket) return summary;
  const ticketId = ticket.id as number;
  summary.ticket_id = ticketId;
  summary.final_status = ticket.status as string;
  if (typeof ticket.sales_order_id !== "number") {
    summary.outcome = "no_tracking_code";
    return summary;
  }

  const order = (await run(GET_ORDER, { id: ticket.sales_order_id })) as Row;
  summary.sales_order_id = order.id as number;
  const trackingCodes = (order.tracking_codes ?? []) as Row[];
  const tracking = trackingCodes.find((code) => typeof code.tracking_code === "string");
  if (!tracking) {
    summary.outcome = "no_tracking_code";
    return summary;
  }
  summary.tracking_code = tracking.tracking_code as string;

  await run(REPLY, {
    ticket_id: ticketId,
    type: "Message",
    direction: "Outgoing",
    send: true,
    body: replyText(order, tracking),
  });
  const closed = (await run(UPDATE_TICKET, { id: ticketId, status: "Closed" })) as Row;
  summary.final_status = closed.status as string;
  summary.outcome = "replied_and_closed";
  return summary;
}

/** Open tickets oldest first, paged by the server's opaque cursor, until one is a shipping one. */
async function oldestOpenShippingTicket(run: CallTool): Promise<Row | undefined> {
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = (await run(LIST_TICKETS, {
      filter_status_equals: "Open",
      order_by: "created_at",
      order_direction: "asc",
      limit: 100,
      ...(cursor ? { next_cursor: cursor } : {}),
    })) as { result: Row[]; next_cursor: string | null };
    const found = result.result.find((row) => row.subject === SHIPPING_SUBJECT);
    if (found) return found;
    cursor = result.next_cursor;
    if (!cursor) return undefined;
  }
  return undefined;
}

function replyText(order: Row, tracking: Row): string {
  const shipTo = order.ship_to as { name?: unknown } | null | undefined;
  const firstName = String(shipTo?.name ?? "there").split(" ")[0];
  const carrier = tracking.tracking_carrier_name ? ` with ${tracking.tracking_carrier_name}` : "";
  const link = tracking.tracking_link ? ` You can follow it here: ${tracking.tracking_link}` : "";
  return (
    `Hi ${firstName}, thanks for your patience. Your order ${order.seller_order_id} is on its ` +
    `way${carrier}, tracking code ${tracking.tracking_code}.${link}`
  );
}
