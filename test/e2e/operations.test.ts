import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOMY_BUCKET } from "./global-setup";
import {
  connect,
  createAccount,
  createServer,
  DEMO_TOKEN,
  initialize,
  resetSimulator,
  rpc,
  simulatorRequests,
  simulatorUrl,
} from "./stack";

type Json = Record<string, any>;

let client: Client;
let mcpUrl: string;

async function call(name: string, args: Json = {}): Promise<Json> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  if (result.isError) throw new Error(`${name}: ${(result.content[0] as { text: string }).text}`);
  return result.structuredContent as Json;
}

async function callRaw(name: string, args: Json = {}): Promise<CallToolResult> {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

async function clearLog() {
  await fetch(`${simulatorUrl()}/__sim/requests?tenant=demo`, { method: "DELETE" });
}

async function setBucket(bucket: { capacity: number; refill_per_second: number }) {
  await fetch(`${simulatorUrl()}/__sim/bucket`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(bucket),
  });
}

/** The 40 documented operations (docs/edesk-api.md §2), as method + path pattern. */
const OPERATIONS = [
  "GET /tickets", "POST /tickets", "GET /tickets/:id", "PUT /tickets/:id", "PUT /tickets/:id/data",
  "DELETE /tickets/:id", "POST /messages", "GET /messages/:id", "PUT /messages/:id",
  "DELETE /messages/:id", "GET /sales-orders", "POST /sales-orders", "GET /sales-orders/:id",
  "PUT /sales-orders/:id", "DELETE /sales-orders/:id", "GET /sales-orders-tracking-links/:id",
  "POST /sales-orders-tracking-links/:id", "PUT /sales-orders-tracking-links/:id",
  "DELETE /sales-orders-tracking-links/:id", "GET /order-notes", "POST /order-notes",
  "GET /order-notes/:id", "PUT /order-notes/:id", "DELETE /order-notes/:id",
  "POST /order-notes/:id/attachments", "GET /templates", "POST /templates", "GET /templates/:id",
  "PUT /templates/:id", "DELETE /templates/:id", "GET /tags", "POST /tags", "GET /tags/:id",
  "PUT /tags/:id", "DELETE /tags/:id", "GET /tag-groups", "GET /contacts", "GET /channels",
  "GET /users", "GET /whoami",
]; // prettier-ignore

const pattern = (method: string, path: string) =>
  `${method} ${path.replace(/^\/v1/, "").replace(/\/\d+/g, "/:id")}`;

beforeAll(async () => {
  await resetSimulator("demo");
  const server = await createServer(await createAccount());
  mcpUrl = server.url;
  client = await connect(server.url);
});

afterAll(async () => {
  await client?.close();
});

describe("every documented eDesk operation through the MCP endpoint", () => {
  it("succeeds with valid input, and eDesk sees all 40 operations", async () => {
    await clearLog();
    await call("get_e_desk_whoami");
    const channelId = (await call("list_all_e_desk_channels")).result[0].id;
    await call("list_all_e_desk_users");
    await call("list_all_e_desk_contacts", { name: "a" });
    const tagGroupId = (await call("list_all_e_desk_tag_groups")).result[0].id;
    const tagId = (await call("list_all_e_desk_tags")).result[0].id;
    await call("get_single_e_desk_tag_by_id", { id: tagId });
    const templateId = (await call("list_all_e_desk_templates")).result[0].id;
    await call("get_single_e_desk_template_by_id", { id: templateId });
    await call("list_all_e_desk_tickets", { limit: 5 });
    const ticket = await call("get_single_e_desk_ticket_by_id", { id: 1409923 });
    await call("get_single_e_desk_message_by_id", { id: ticket.messages_ids[0] });
    await call("list_all_e_desk_sales_orders", { limit: 5 });
    await call("get_single_e_desk_sales_order_by_id", { id: 509211 });
    await call("get_single_e_desk_sales_order_tracking_link_by_id", { id: 509211 });
    const noteId = (await call("list_all_e_desk_order_notes")).result[0].id;
    await call("get_single_e_desk_order_note_by_id", { id: noteId });

    const created = await call("create_a_e_desk_ticket", {
      subject: "E2E ticket",
      channel_id: channelId,
      status: "Open",
      contact: { email: "e2e.customer@example.com", full_name: "E2E Customer" },
    });
    const updated = await call("update_a_e_desk_ticket_datum_by_id", {
      id: created.id,
      status: "Pending",
      custom_fields: [{ name: "Return Reason", value: "Damaged" }],
    });
    expect(updated.status).toBe("Pending");
    await call("add_e_desk_ticket_tags", { id: created.id, tag_ids: [tagId] });
    await call("remove_e_desk_ticket_tags", { id: created.id, tag_ids: [tagId] });

    const note = await call("create_a_e_desk_message", {
      ticket_id: created.id,
      type: "Note",
      body: "Internal note",
    });
    await call("update_a_e_desk_message_by_id", { id: note.id, type: "Note", body: "Edited" });
    await call("delete_a_e_desk_message_by_id", { id: note.id });

    const order = await call("create_a_e_desk_sales_order", {
      channel_id: channelId,
      seller_order_id: `E2E-${Date.now()}`,
      currency: "USD",
      status: "OrderReceived",
      shipping_amount: 4.99,
      order_items: [
        { sku: "E2E-1", title: "Test item", quantity: 1, item_amount: 10, shipping_amount: 0 },
      ],
      contact: { email: "e2e.buyer@example.com" },
      ship_to: {
        name: "E2E Buyer",
        line_1: "1 Test St",
        city: "London",
        country: "GB",
        postcode: "N1 1AA",
      },
    });
    await call("update_a_e_desk_sales_order_by_id", { id: order.id, status: "PaymentReceived" });
    const link = { tracking_link: "https://track.example/E2E1", tracking_carrier_name: "UPS" };
    await call("create_a_e_desk_sales_order_tracking_link", {
      sales_order_id: order.id,
      tracking_links: [link],
    });
    await call("update_a_e_desk_sales_order_tracking_link_by_id", {
      id: order.id,
      tracking_links: [{ ...link, tracking_link: "https://track.example/E2E2" }],
    });
    await call("delete_a_e_desk_sales_order_tracking_link_by_id", { id: order.id });

    const orderNote = await call("create_a_e_desk_order_note", {
      sales_order_id: order.id,
      text: "For the warehouse",
    });
    await call("update_a_e_desk_order_note_by_id", { id: orderNote.id, text: "Edited note" });
    await call("create_a_e_desk_order_note_attachment", {
      order_note_id: orderNote.id,
      attachments: [{ name: "label.txt", mime: "text/plain", content_base64: btoa("label") }],
      attachment_type: "Other",
    });
    await call("delete_a_e_desk_order_note_by_id", { id: orderNote.id });

    const template = {
      name: `E2E template ${Date.now()}`,
      body_text: "Hello {{customer}}",
      template_usage: "Manual",
      template_type: ["Consumer"],
      active: true,
    };
    const createdTemplate = await call("create_a_e_desk_template", template);
    await call("update_a_e_desk_template_by_id", {
      id: createdTemplate.id,
      ...template,
      body_text: "Hello again",
    });
    await call("delete_a_e_desk_template_by_id", { id: createdTemplate.id });

    const tag = await call("create_a_e_desk_tag", {
      name: `E2E tag ${Date.now()}`,
      tag_group_id: tagGroupId,
    });
    await call("update_a_e_desk_tag_by_id", { id: tag.id, color: "F44336" });
    await call("delete_a_e_desk_tag_by_id", { id: tag.id });
    await call("delete_a_e_desk_sales_order_by_id", { id: order.id });
    await call("delete_a_e_desk_ticket_by_id", { id: created.id });
    expect((await call("get_single_e_desk_ticket_by_id", { id: created.id })).status).toBe(
      "Archived",
    );

    const log = await simulatorRequests("demo");
    const seen = new Set(log.map((entry: Json) => pattern(entry.method, entry.path)));
    expect(OPERATIONS.filter((operation) => !seen.has(operation))).toEqual([]);
    expect(log.every((entry: Json) => entry.status < 400)).toBe(true);
  }, 60_000);
});

describe("lists", () => {
  it("walks every ticket with next_cursor, without repeats, to a null cursor", async () => {
    const direct = await fetch(`${simulatorUrl()}/v1/tickets?itemsPerPage=1`, {
      headers: { authorization: `Bearer ${DEMO_TOKEN}` },
    });
    const total = ((await direct.json()) as Json).paginator.totalItemsCount;
    expect(total).toBeGreaterThanOrEqual(250);
    const ids: number[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page = await call("list_all_e_desk_tickets", { limit: 100, next_cursor: cursor });
      ids.push(...page.result.map((ticket: Json) => ticket.id));
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 20);
    expect(cursor).toBeNull();
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });
});

describe("invalid input", () => {
  it("is refused before any request reaches eDesk, naming each bad field", async () => {
    await clearLog();
    const bad = await callRaw("create_a_e_desk_message", {
      ticket_id: "not a number",
      type: "Note",
      body: "x",
      send: true,
    });
    expect(bad.isError).toBe(true);
    expect(bad.structuredContent).toBeUndefined();
    const text = (bad.content[0] as { text: string }).text;
    expect(text).toContain("ticket_id");
    expect(text).toMatch(/note/i);
    const forged = await callRaw("list_all_e_desk_tickets", { next_cursor: "forged" });
    expect(forged.isError).toBe(true);
    expect(await simulatorRequests("demo")).toEqual([]);
  });
});

describe("rate limits", () => {
  it("return a 429 as an isError result with the three figures and when to retry", async () => {
    await setBucket({ capacity: 1, refill_per_second: 0.01 });
    try {
      let limited: CallToolResult | undefined;
      for (let i = 0; i < 3 && !limited; i++) {
        const result = await callRaw("get_single_e_desk_ticket_by_id", { id: 1409923 });
        if (result.isError) limited = result;
      }
      expect(limited).toBeDefined();
      const text = (limited!.content[0] as { text: string }).text;
      expect(text).toMatch(/rate limit|429|Out of quota/i);
      expect(text).toMatch(/retry|try again/i);
      expect(limited!._meta).toMatchObject({
        "ratelimit-limit": expect.any(Number),
        "ratelimit-remaining": 0,
        "ratelimit-reset": expect.any(Number),
      });
      expect(limited!.structuredContent).toBeUndefined();
    } finally {
      await setBucket(ROOMY_BUCKET);
    }
  });

  it("carries the figures as HTTP headers on a plain JSON response", async () => {
    const { headers } = await initialize(mcpUrl);
    const response = await rpc(
      mcpUrl,
      {
        id: 2,
        method: "tools/call",
        params: { name: "get_single_e_desk_ticket_by_id", arguments: { id: 1409923 } },
      },
      headers,
    );
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(Number(response.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
    expect(response.headers.get("ratelimit-remaining")).not.toBeNull();
    expect(response.headers.get("ratelimit-reset")).not.toBeNull();
  });
});
