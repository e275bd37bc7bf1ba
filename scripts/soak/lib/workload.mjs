// What each soak session does: a mix of the reads an agent makes most (a ticket, a page of a
// filtered ticket list, an order, a message) and a few writes (an internal note on a ticket).
// Every answer is checked against what was asked, so a mix-up shows as `wrong_result`.
import { REQUEST_TIMEOUT_MS } from "../../bench/lib/clients.mjs";
import { describe, thrownKind, toolErrorKind } from "./classify.mjs";

const STATUSES = ["Open", "Pending", "Closed", "Archived"];
const PAGE_SIZE = 5;
const MAX_PAGES = 4;

/** mulberry32: each session's choices are reproducible from its index. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every row of a list, read straight from the simulator (not through the worker). */
async function listAll(stack, apiToken, path) {
  const rows = [];
  for (let page = 1; ; page++) {
    const url = `${stack.simulatorUrl}/v1${path}?page=${page}&itemsPerPage=100`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${apiToken}` } });
    if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
    const body = await response.json();
    rows.push(...body.data);
    if (page * 100 >= body.paginator.totalItemsCount) return rows;
  }
}

/** The ids the sessions draw from, as the demo tenant holds them before the run. */
export async function loadPools(stack, apiToken) {
  const tickets = await listAll(stack, apiToken, "/tickets");
  const orders = await listAll(stack, apiToken, "/sales-orders");
  const channels = (await listAll(stack, apiToken, "/channels")).map((c) => c.id);
  return {
    tickets: tickets.map((t) => t.id),
    orders: orders.map((o) => o.id),
    messages: tickets.flatMap((t) => t.messages_ids.map((id) => ({ id, ticket: t.id }))),
    channels,
  };
}

const pickFrom = (rnd, items) => items[Math.floor(rnd() * items.length)];

/** The operations, by weight; each makes one tool call and says what its answer must hold. */
const OPERATIONS = [
  {
    name: "get_ticket",
    weight: 35,
    make(rnd, pools) {
      const id = pickFrom(rnd, pools.tickets);
      return {
        tool: "get_single_e_desk_ticket_by_id",
        args: { id },
        check: (r) => (r.id === id ? undefined : `asked ticket ${id}, got ${r.id}`),
      };
    },
  },
  {
    name: "list_tickets",
    weight: 25,
    make(rnd, pools, session) {
      // Page through one filtered list a few pages deep, then start another.
      if (!session.listing || !session.listing.cursor || session.listing.pages >= MAX_PAGES) {
        session.listing = {
          filters: {
            filter_status_equals: pickFrom(rnd, STATUSES),
            filter_channel_id_equals: pickFrom(rnd, pools.channels),
          },
          cursor: undefined,
          pages: 0,
        };
      }
      const listing = session.listing;
      const { filter_status_equals: status, filter_channel_id_equals: channel } = listing.filters;
      return {
        tool: "list_all_e_desk_tickets",
        args: {
          ...listing.filters,
          limit: PAGE_SIZE,
          ...(listing.cursor ? { next_cursor: listing.cursor } : {}),
        },
        check: (r) =>
          Array.isArray(r.result) &&
          r.result.length <= PAGE_SIZE &&
          r.result.every((t) => t.status === status && t.channel_id === channel)
            ? undefined
            : `a ticket outside ${status} / channel ${channel}`,
        after: (r) => {
          listing.cursor = r.next_cursor ?? undefined;
          listing.pages++;
        },
        failed: () => (session.listing = undefined),
      };
    },
  },
  {
    name: "get_sales_order",
    weight: 20,
    make(rnd, pools) {
      const id = pickFrom(rnd, pools.orders);
      return {
        tool: "get_single_e_desk_sales_order_by_id",
        args: { id },
        check: (r) => (r.id === id ? undefined : `asked order ${id}, got ${r.id}`),
      };
    },
  },
  {
    // eDesk has no endpoint that lists a ticket's messages (docs/edesk-api.md §2): a client reads
    // the ticket's messages_ids and gets each message.
    name: "get_message",
    weight: 17,
    make(rnd, pools) {
      const { id, ticket } = pickFrom(rnd, pools.messages);
      return {
        tool: "get_single_e_desk_message_by_id",
        args: { id },
        check: (r) =>
          r.id === id && r.ticket_id === ticket ? undefined : `asked message ${id}, got ${r.id}`,
      };
    },
  },
  {
    name: "create_note",
    weight: 3,
    write: true,
    make(rnd, pools, session) {
      const ticket = pickFrom(rnd, pools.tickets);
      const body = `soak note ${session.index}.${session.notes++}`;
      return {
        tool: "create_a_e_desk_message",
        args: { ticket_id: ticket, type: "Note", body },
        check: (r) =>
          r.ticket_id === ticket && r.body === body ? undefined : `note ${body} came back wrong`,
      };
    },
  },
];

const TOTAL_WEIGHT = OPERATIONS.reduce((sum, op) => sum + op.weight, 0);

export const operationMix = () =>
  Object.fromEntries(OPERATIONS.map((op) => [op.name, op.weight / TOTAL_WEIGHT]));

function pickOperation(rnd) {
  let roll = rnd() * TOTAL_WEIGHT;
  for (const op of OPERATIONS) {
    roll -= op.weight;
    if (roll < 0) return op;
  }
  return OPERATIONS[0];
}

/** One tool call: its outcome kind (`ok` or an error kind) and, for errors, a short detail. */
async function callOnce(client, call) {
  try {
    const result = await client.callTool({ name: call.tool, arguments: call.args }, undefined, {
      timeout: REQUEST_TIMEOUT_MS,
    });
    if (result.isError) {
      const text = result.content?.map((part) => part.text ?? "").join(" ") ?? "";
      return { kind: toolErrorKind(text), detail: text.slice(0, 240) };
    }
    const wrong = call.check(result.structuredContent ?? {});
    if (wrong) return { kind: "wrong_result", detail: wrong };
    call.after?.(result.structuredContent);
    return { kind: "ok" };
  } catch (error) {
    return { kind: thrownKind(error), detail: describe(error) };
  }
}

/**
 * Runs one session's calls until `deadline` (performance.now() ms), pausing `thinkMs` on
 * average between calls; hands every finished call to `record`.
 */
export async function runSession({ client, index, pools, deadline, thinkMs, record, stopped }) {
  const rnd = random(0x5eed + index);
  const session = { index, notes: 0, listing: undefined };
  while (performance.now() < deadline && !stopped()) {
    const op = pickOperation(rnd);
    const call = op.make(rnd, pools, session);
    const start = performance.now();
    const outcome = await callOnce(client, call);
    if (outcome.kind !== "ok") call.failed?.();
    record({ op: op.name, write: Boolean(op.write), start, end: performance.now(), ...outcome });
    if (thinkMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + rnd())));
    }
  }
}
