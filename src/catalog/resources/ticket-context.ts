import { z } from "zod";
import { defineResource, type OperationContext } from "../define";
import { isRecord } from "../../lib/encoding/json";
import { idList, unwrapData } from "../envelope";
import { READ, pathId } from "../fields";
import { Message, OrderNote, SalesOrder, Ticket } from "../models";
import { toolName } from "../naming";
import { fillPath } from "../fill-path";

// One read that follows the e-commerce graph of a ticket (docs/edesk-api.md §2.1–§2.5): the ticket
// holds only ids (messages_ids, sales_order_id), the order holds order_notes_id, and eDesk has no
// endpoint that lists a ticket's messages, so each item is fetched by id. Bounded to
// 1 + MAX_MESSAGES + 1 + MAX_NOTES = 32 upstream requests.

export const MAX_MESSAGES = 20;
export const MAX_NOTES = 10;
// An [OSS] client saw 429 "Out of quota" with 6 concurrent calls (docs/edesk-api.md §5), so fewer.
const CONCURRENCY = 4;

const GET_ORDER = toolName("sales_orders", "get");
const GET_NOTE = toolName("order_notes", "get");
const GET_MESSAGE = toolName("messages", "get");
const NOT_IN_CONFIG = "this server's config does not include sales orders";
const MESSAGES_NOT_IN_CONFIG = "this server's config does not include messages";

type Row = Record<string, unknown>;
type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** Runs at most `max` tasks at once; a finishing task hands its slot to the next waiter. */
function limiter(max: number): Limit {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}

interface Reader {
  ctx: OperationContext;
  limit: Limit;
  notices: string[];
}

/** GETs each id (bounded, in parallel); a failed item becomes a notice, not a failed tool. */
async function readEach(reader: Reader, what: string, base: string, ids: number[]) {
  const rows = await Promise.all(
    ids.map((id) =>
      reader.limit(async () => {
        try {
          const row = unwrapData(await reader.ctx.send({ method: "GET", path: `${base}/${id}` }));
          return isRecord(row) ? row : null;
        } catch (error) {
          reader.notices.push(`${what} ${id} could not be read: ${errorText(error)}`);
          return null;
        }
      }),
    ),
  );
  return rows.filter((row): row is Row => row !== null).sort(byCreatedAt);
}

// GUESS: the order of messages_ids / order_notes_id is undocumented (docs/edesk-api.md §2.1, §6);
// the array's tail is taken as the newest, and what is returned is re-sorted by created_at.
function newest(reader: Reader, what: string, ids: number[], max: number) {
  const omitted = Math.max(0, ids.length - max);
  if (omitted > 0) reader.notices.push(`${omitted} older ${what} omitted (limit ${max}).`);
  return { chosen: ids.slice(-max), omitted };
}

async function readOrder(reader: Reader, ticket: Row): Promise<Row | null> {
  const [orderId] = idList([ticket.sales_order_id]);
  if (orderId === undefined) {
    reader.notices.push("The ticket has no linked sales order.");
    return null;
  }
  if (!reader.ctx.allows(GET_ORDER)) {
    reader.notices.push(`Sales order ${orderId} omitted: ${NOT_IN_CONFIG}.`);
    return null;
  }
  const [order] = await readEach(reader, "sales order", "/sales-orders", [orderId]);
  return order ?? null;
}

export const ticketContext = defineResource({
  name: "ticket_context",
  tags: ["tickets"],
  operations: [
    {
      method: "custom",
      custom: "get",
      access: "read",
      http: "GET",
      path: "/tickets/{id}",
      source: "§2.1 GET /tickets/{ticketId}, §2.2 GET /messages/{id}, §2.3, §2.5",
      annotations: READ,
      description:
        `Read everything about one ticket in one call: the ticket, its messages with bodies (oldest ` +
        `first; at most the ${MAX_MESSAGES} newest, messages_omitted counts older ones left out), the ` +
        `linked sales order with items, amounts, addresses, tracking codes and delivery dates, and ` +
        `the order's notes (at most ${MAX_NOTES}). Use it before answering a customer: order, ` +
        `delivery and tracking facts are here, so never invent them; if something is missing, say ` +
        `it is unknown. notices says what was left out, e.g. what this server's config excludes.`,
      fields: { id: pathId() },
      output: z.looseObject({
        ticket: Ticket,
        messages: z.array(Message),
        messages_total: z.number(),
        messages_omitted: z.number(),
        sales_order: SalesOrder.nullable(),
        order_notes: z.array(OrderNote),
        order_notes_omitted: z.number(),
        notices: z.array(z.string()),
      }),
      async run(args, ctx) {
        const path = fillPath("/tickets/{id}", args);
        const found = unwrapData(await ctx.send({ method: "GET", path }));
        const ticket: Row = isRecord(found) ? found : {};
        const reader: Reader = { ctx, limit: limiter(CONCURRENCY), notices: [] };

        const messageIds = idList(ticket.messages_ids);
        const mayReadMessages = ctx.allows(GET_MESSAGE);
        if (!mayReadMessages && messageIds.length > 0) {
          reader.notices.push(`Messages omitted: ${MESSAGES_NOT_IN_CONFIG}.`);
        }
        const picked = mayReadMessages
          ? newest(reader, "messages", messageIds, MAX_MESSAGES)
          : { chosen: [], omitted: messageIds.length };
        const [messages, order] = await Promise.all([
          readEach(reader, "message", "/messages", picked.chosen),
          readOrder(reader, ticket),
        ]);

        let notes: Row[] = [];
        let notesOmitted = 0;
        if (order) {
          const noteIds = idList(order.order_notes_id);
          if (noteIds.length > 0 && !ctx.allows(GET_NOTE)) {
            reader.notices.push(`Order notes omitted: ${NOT_IN_CONFIG}.`);
          } else {
            const pickedNotes = newest(reader, "order notes", noteIds, MAX_NOTES);
            notes = await readEach(reader, "order note", "/order-notes", pickedNotes.chosen);
            notesOmitted = pickedNotes.omitted;
          }
        }
        return {
          ticket,
          messages,
          messages_total: messageIds.length,
          messages_omitted: picked.omitted,
          sales_order: order,
          order_notes: notes,
          order_notes_omitted: notesOmitted,
          notices: reader.notices,
        };
      },
    },
  ],
});

function byCreatedAt(a: Row, b: Row): number {
  const x = a.created_at;
  const y = b.created_at;
  if (typeof x === "number" && typeof y === "number") return x - y;
  // `YYYY-MM-DD HH:MM:SS` strings sort chronologically as text (docs/edesk-api.md §3).
  return String(x ?? "").localeCompare(String(y ?? ""));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
