import { afterEach, describe, expect, it } from "vitest";
import { callEdesk, connectEdesk } from "../../docs/snippets/agent";
import { callEdesk2026, connectEdesk2026 } from "../../docs/snippets/agent-2026";
import {
  demoGet,
  demoMessages,
  demoWrites,
  expectRepliedAndClosed,
  freshDemoDesk,
} from "./demo-desk";
import { createAccount, createServer, simulatorRequests } from "./stack";

// The two support workflows of the product brief, scripted as an agent runs them: tool calls
// through the README's agent snippets, once per protocol era (SDK v1 client over Streamable
// HTTP 2025-11-25; SDK v2 client pinned to 2026-07-28), each against a server whose config
// allows what the workflow needs, then checked in eDesk's own state (the simulator, read with
// the demo token) and in its request log.

/** Tags are resource groups, so these expose more tools than the workflow calls (checked below). */
const WHERE_IS_MY_ORDER = {
  methods: ["list", "get", "create", "update"],
  tags: ["tickets", "messages", "sales_orders"],
};
const DAMAGED_GOODS = {
  methods: ["get", "list", "create", "add"],
  tags: ["tickets", "messages", "order_notes", "tags"],
};
const READ_ONLY = { methods: ["read"] };

type Row = Record<string, any>;
/** One tool call as the agent makes it: the structured result, or a throw on `isError`. */
type Agent = (tool: string, args: Record<string, unknown>) => Promise<unknown>;

interface Era {
  name: string;
  connect(url: string): Promise<{ agent: Agent; close(): Promise<void> }>;
}

const ERAS: Era[] = [
  {
    name: "2025-11-25",
    async connect(url) {
      const client = await connectEdesk(url);
      return { agent: (tool, args) => callEdesk(client, tool, args), close: () => client.close() };
    },
  },
  {
    name: "2026-07-28",
    async connect(url) {
      const client = await connectEdesk2026(url);
      return {
        agent: (tool, args) => callEdesk2026(client, tool, args),
        close: () => client.close(),
      };
    },
  },
];

let close: (() => Promise<void>) | undefined;

afterEach(async () => {
  await close?.();
  close = undefined;
});

async function agentFor(era: Era, config: Record<string, unknown>) {
  const server = await createServer(await createAccount(), config);
  // A freshly seeded demo desk and an empty request log (creating the account logged a
  // GET /whoami): everything the log shows from here on is the workflow's.
  await freshDemoDesk();
  const connection = await era.connect(server.url);
  close = connection.close;
  return { client: connection.agent, server };
}

/** Pages through a list tool until `match` finds a row (the cursor is opaque). */
async function findInList(
  agent: Agent,
  tool: string,
  args: Record<string, unknown>,
  match: (row: Row) => boolean,
): Promise<Row> {
  let cursor: string | null = null;
  do {
    const page = (await agent(tool, {
      ...args,
      limit: 100,
      ...(cursor ? { next_cursor: cursor } : {}),
    })) as { result: Row[]; next_cursor: string | null };
    const found = page.result.find(match);
    if (found) return found;
    cursor = page.next_cursor;
  } while (cursor);
  throw new Error(`${tool}: no match`);
}

/** "Where is my order?": answer the oldest open shipping question with its tracking, close it. */
async function whereIsMyOrder(agent: Agent) {
  const ticket = await findInList(
    agent,
    "list_all_e_desk_tickets",
    { filter_status_equals: "Open", order_by: "created_at", order_direction: "asc" },
    (row) => row.subject === "Shipping update",
  );
  const order = (await agent("get_single_e_desk_sales_order_by_id", {
    id: ticket.sales_order_id,
  })) as Row;
  const tracking = order.tracking_codes[0];
  const firstName = String(order.ship_to?.name ?? "there").split(" ")[0];
  const reply =
    `Hi ${firstName}, thanks for your patience. Your order ${order.seller_order_id} is on its way ` +
    `with ${tracking.tracking_carrier_name}, tracking code ${tracking.tracking_code}. You can ` +
    `follow it here: ${tracking.tracking_link}`;
  await agent("create_a_e_desk_message", {
    ticket_id: ticket.id,
    type: "Message",
    direction: "Outgoing",
    send: true,
    body: reply,
  });
  await agent("update_a_e_desk_ticket_datum_by_id", { id: ticket.id, status: "Closed" });
  return { ticketId: ticket.id as number, order, tracking, reply };
}

const WAREHOUSE_NOTE =
  "Warehouse: the Hand-thrown Speckled Vase - Large on this order arrived shattered (ticket " +
  "99421). Please check the packaging batch and ship a replacement today. [e2e-note-7f3a]";

/** "Damaged goods": apologise, tell the warehouse on the order, tag the ticket. */
async function damagedGoods(agent: Agent) {
  const ticket = (await agent("get_single_e_desk_ticket_by_id", { id: 99421 })) as Row;
  await agent("create_a_e_desk_message", {
    ticket_id: ticket.id,
    type: "Message",
    direction: "Outgoing",
    send: true,
    body:
      "Hello Eleanor, I am so sorry your vase arrived broken. We are sending a replacement " +
      "today at no cost, in time for Saturday; no need to return the pieces.",
  });
  const note = (await agent("create_a_e_desk_order_note", {
    sales_order_id: ticket.sales_order_id,
    text: WAREHOUSE_NOTE,
  })) as Row;
  const tag = await findInList(
    agent,
    "list_all_e_desk_tags",
    {},
    (row) => row.name === "Damaged Goods",
  );
  const tagged = (await agent("add_e_desk_ticket_tags", {
    id: ticket.id,
    tag_ids: [tag.id],
  })) as Row;
  return { ticket, note, tag, tagged };
}

describe.each(ERAS)("workflow: where is my order? ($name)", (era) => {
  it("replies once with the tracking code and closes the oldest open shipping ticket", async () => {
    const { client: agent, server } = await agentFor(era, WHERE_IS_MY_ORDER);
    expect(server.tools.filter((name) => /^(delete|add|remove)_/.test(name))).toEqual([]);

    const { ticketId, order, tracking } = await whereIsMyOrder(agent);
    // The seed's answer: 1203415 is the oldest open "Shipping update" (1201877 is older but
    // closed; 1398817 is open but newer), on order 88310 shipped with FedEx.
    expect(ticketId).toBe(1203415);
    expect(order.id).toBe(88310);
    expect(tracking.tracking_code).toBe("FedEx 123456789");

    await expectRepliedAndClosed(ticketId, "FedEx 123456789");
  }, 30_000);
});

describe.each(ERAS)("workflow: damaged goods ($name)", (era) => {
  it("apologises, leaves an internal order note and adds the tag keeping the old ones", async () => {
    const { client: agent } = await agentFor(era, DAMAGED_GOODS);
    const before = await demoGet("/tickets/99421");
    expect(before.tags_ids.length).toBeGreaterThan(0);
    const notesBefore: number[] = (await demoGet(`/sales-orders/${before.sales_order_id}`))
      .order_notes_id;

    const { ticket, note, tag } = await damagedGoods(agent);
    expect(ticket.sales_order_id).toBe(11092);
    expect(tag.id).toBe(12001);

    // The note is on the order, for the warehouse ...
    const order = await demoGet("/sales-orders/11092");
    expect(order.order_notes_id).toEqual([...notesBefore, note.id]);
    expect(await demoGet(`/order-notes/${note.id}`)).toMatchObject({ text: WAREHOUSE_NOTE });
    // ... and nowhere on the customer's conversation.
    const messages = await demoMessages(99421);
    expect(messages.filter((m) => String(m.body).includes("e2e-note-7f3a"))).toEqual([]);
    const replies = messages.filter((m) => m.direction === "Outgoing" && /so sorry/.test(m.body));
    expect(replies).toHaveLength(1);

    // Tags: the old set plus "Damaged Goods", nothing lost.
    const after = await demoGet("/tickets/99421");
    expect([...after.tags_ids].sort()).toEqual([...new Set([...before.tags_ids, 12001])].sort());

    const writes = await demoWrites();
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /v1/messages",
      "POST /v1/order-notes",
      "PUT /v1/tickets/99421",
    ]);
    expect(writes[1]!.body).toMatchObject({ sales_order_id: 11092, text: WAREHOUSE_NOTE });
    expect([...writes[2]!.body.tag_ids].sort()).toEqual([...after.tags_ids].sort());
  }, 30_000);
});

describe.each(ERAS)("the same workflows on a read-only server (methods: read, $name)", (era) => {
  const notExposed = (tool: string) => (error: unknown) =>
    error instanceof Error &&
    (error as { code?: unknown }).code === -32602 &&
    error.message.includes(`Unknown tool: ${tool}`);

  it.each([
    ["where is my order?", whereIsMyOrder],
    ["damaged goods", damagedGoods],
  ])(
    "%s stops at the first write with -32602 and writes nothing",
    async (_, workflow) => {
      const { client: agent, server } = await agentFor(era, READ_ONLY);
      expect(server.tools).not.toContain("create_a_e_desk_message");

      const error = await workflow(agent).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(notExposed("create_a_e_desk_message")(error), String(error)).toBe(true);
      // It did run up to that point (its reads reached eDesk), and wrote nothing.
      const log = await simulatorRequests("demo");
      expect(log.some((entry) => entry.method === "GET")).toBe(true);
      expect(await demoWrites()).toEqual([]);
    },
    30_000,
  );
});
