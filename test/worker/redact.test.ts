import { beforeAll, describe, expect, it } from "vitest";
import { seedTenant } from "../../simulator/src/seed/seed-tenant";
import { adminApi, createAccount, createServer, initialize, rpc } from "./helpers";

// config.redact on the simulator's data: every tool whose result carries personal data is called
// on a server with all four kinds set, and no email, phone number, street line or person name of
// the simulator's records (or of the values this test writes) may appear anywhere in the result.
// The `redact` tenant is this file's alone, so its writes and rate bucket touch no other test.

const TOKEN = "redact-edesk-token";
const data = seedTenant("redact");

const NEW_CONTACT = {
  email: "quentin.marlowe@example.org",
  full_name: "Quentin Marlowe",
  phone_number: "+44 20 7946 0958",
};
const ADDRESS = {
  name: "Quentin Marlowe",
  line_1: "17 Larkspur Mews",
  city: "Bristol",
  country: "GB",
  postcode: "BS1 4DJ",
};
const FREE_TEXT = "Call me on +44 20 7946 0958 or write to quentin.marlowe@example.org.";

/** Every personal value of the seed and of this test's writes, as patterns on word boundaries. */
function personalValues(): string[] {
  const values = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string" && value.trim().length >= 4) values.add(value.trim());
  };
  const addName = (name: unknown) => {
    add(name);
    if (typeof name === "string") for (const word of name.split(/\s+/)) add(word);
  };
  for (const contact of data.contacts) {
    addName(contact.full_name);
    add(contact.email);
    add(contact.phone_number);
  }
  for (const user of data.users) {
    addName(user.name);
    add(user.email);
    add(user.username);
  }
  for (const order of data.sales_orders) {
    for (const address of [order.ship_to, order.bill_to]) {
      if (!address) continue;
      addName(address.name);
      add(address.line_1);
      add(address.line_2);
      add(address.postcode);
    }
  }
  for (const value of [...Object.values(NEW_CONTACT), ...Object.values(ADDRESS)]) addName(value);
  // Cities and countries are kept on purpose.
  values.delete(ADDRESS.city);
  for (const order of data.sales_orders) {
    values.delete(order.ship_to?.city ?? "");
    values.delete(order.bill_to?.city ?? "");
  }
  return [...values];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The personal values found in a serialized result (whole words only). */
function leaks(result: unknown, values: readonly string[]): string[] {
  const text = JSON.stringify(result);
  return values.filter((value) => new RegExp(`(?<![\\w@.])${escape(value)}(?![\\w@])`).test(text));
}

const ticket = data.tickets.find(
  (t) =>
    t.sales_order_id !== null &&
    data.messages.some((m) => m.ticket_id === t.id && m.direction === "Outgoing") &&
    data.order_notes.some((n) => n.sales_order_id === t.sales_order_id),
)!;
const order = data.sales_orders.find((o) => o.id === ticket.sales_order_id)!;
const reply = data.messages.find((m) => m.ticket_id === ticket.id && m.direction === "Outgoing")!;
const agentNote = data.messages.find((m) => m.type === "Note")!;
const note = data.order_notes.find((n) => n.sales_order_id === order.id)!;
const contact = data.contacts.find((c) => c.id === ticket.contact_id)!;

let values: string[];
let masked: string;
let plain: string;
let maskedHeaders: Record<string, string>;
let plainHeaders: Record<string, string>;
let rpcId = 1;

async function call(url: string, headers: Record<string, string>, name: string, args: object) {
  const res = await rpc(
    url,
    { id: rpcId++, method: "tools/call", params: { name, arguments: args } },
    headers,
  );
  expect(res.status).toBe(200);
  const result = res.body.result;
  expect(result.isError, JSON.stringify(result)).toBeFalsy();
  return result;
}

beforeAll(async () => {
  values = personalValues();
  const account = await createAccount(TOKEN, "Redacted");
  const redacted = await createServer(account, { redact: ["email", "phone", "address", "name"] });
  const open = await createServer(account, {});
  masked = redacted.url;
  plain = open.url;
  maskedHeaders = (await initialize(masked)).headers;
  plainHeaders = (await initialize(plain)).headers;
});

/** Each tool whose result carries personal data, with arguments on the `redact` tenant's data. */
const CASES: [string, () => object][] = [
  ["list_all_e_desk_tickets", () => ({ filter_contact_id_equals: contact.id, limit: 5 })],
  ["get_single_e_desk_ticket_by_id", () => ({ id: ticket.id })],
  ["get_e_desk_ticket_context", () => ({ id: ticket.id })],
  ["update_a_e_desk_ticket_datum_by_id", () => ({ id: ticket.id, subject: "Where is it?" })],
  ["add_e_desk_ticket_tags", () => ({ id: ticket.id, tag_ids: [data.tags[0].id] })],
  ["remove_e_desk_ticket_tags", () => ({ id: ticket.id, tag_ids: [data.tags[0].id] })],
  [
    "create_a_e_desk_ticket",
    () => ({
      subject: "Question",
      channel_id: contact.channel_id,
      status: "Open",
      contact: NEW_CONTACT,
    }),
  ],
  ["get_single_e_desk_message_by_id", () => ({ id: reply.id })],
  [
    "create_a_e_desk_message",
    () => ({ ticket_id: ticket.id, type: "Note", body: FREE_TEXT, direction: "Outgoing" }),
  ],
  [
    "update_a_e_desk_message_by_id",
    () => ({ id: agentNote.id, body: `${agentNote.body} ${FREE_TEXT}` }),
  ],
  ["list_all_e_desk_sales_orders", () => ({ filter_contact_id_equals: contact.id })],
  ["get_single_e_desk_sales_order_by_id", () => ({ id: order.id })],
  ["update_a_e_desk_sales_order_by_id", () => ({ id: order.id, bill_to: ADDRESS })],
  ["list_all_e_desk_order_notes", () => ({ limit: 50 })],
  ["get_single_e_desk_order_note_by_id", () => ({ id: note.id })],
  ["create_a_e_desk_order_note", () => ({ sales_order_id: order.id, text: FREE_TEXT })],
  ["update_a_e_desk_order_note_by_id", () => ({ id: note.id, text: `${note.text} ${FREE_TEXT}` })],
  [
    "create_a_e_desk_order_note_attachment",
    () => ({
      order_note_id: note.id,
      attachment_type: "Other",
      attachments: [{ name: "a.txt", mime: "text/plain", content_base64: "aGk=" }],
    }),
  ],
  ["list_all_e_desk_contacts", () => ({ limit: 100 })],
  ["list_all_e_desk_users", () => ({})],
  ["get_e_desk_whoami", () => ({})],
];

describe("config.redact with email, phone, address and name", () => {
  it.each(CASES)("%s shows no personal value of the simulator's records", async (name, args) => {
    const result = await call(masked, maskedHeaders, name, args());
    expect(leaks(result, values)).toEqual([]);
    // The text content carries the same masked object as structuredContent.
    expect(JSON.parse(result.content[0].text)).toEqual(result.structuredContent);
  });

  it("masks by kind: email keeps its domain, phone its last 2 digits, address city and country", async () => {
    const result = await call(masked, maskedHeaders, "get_single_e_desk_sales_order_by_id", {
      id: order.id,
    });
    const { bill_to } = result.structuredContent;
    expect(bill_to).toMatchObject({
      city: "Bristol",
      country: "GB",
      line_1: "***",
      name: "Q*** M***",
    });
    expect(result.structuredContent.id).toBe(order.id);
    expect(result.structuredContent.seller_order_id).toBe(order.seller_order_id);
    const created = await call(masked, maskedHeaders, "create_a_e_desk_order_note", {
      sales_order_id: order.id,
      text: FREE_TEXT,
    });
    expect(created.structuredContent.text).toBe("Call me on ***58 or write to q***@example.org.");
  });

  it("never changes the arguments: eDesk stores what the model sent", async () => {
    const created = await call(masked, maskedHeaders, "create_a_e_desk_order_note", {
      sales_order_id: order.id,
      text: FREE_TEXT,
    });
    const stored = await call(plain, plainHeaders, "get_single_e_desk_order_note_by_id", {
      id: created.structuredContent.id,
    });
    expect(stored.structuredContent.text).toBe(FREE_TEXT);
  });

  it("leaves results whole on a server without redact (the check above can fail)", async () => {
    const result = await call(plain, plainHeaders, "get_e_desk_ticket_context", { id: ticket.id });
    expect(leaks(result, values).length).toBeGreaterThan(0);
  });

  it("masks the results of call_tool on a discovery server too", async () => {
    const account = await createAccount(TOKEN, "Discovery");
    const server = await createServer(account, { tool_exposure: "discovery", redact: ["email"] });
    const { headers } = await initialize(server.url);
    const result = await call(server.url, headers, "call_tool", {
      name: "list_all_e_desk_contacts",
      arguments: { filter_contact_id_equals: undefined, limit: 10 },
    });
    expect(JSON.stringify(result)).not.toContain(data.contacts[0].email);
    expect(JSON.stringify(result)).toContain("***@");
  });
});

describe("config.redact on the admin API", () => {
  it("refuses an unknown kind or a repeated one with 400 field details", async () => {
    const account = await createAccount(TOKEN, "Admin");
    for (const redact of [["email", "passport"], ["email", "email"], "email"]) {
      const res = await adminApi("POST", `/api/integrated-account/${account}/mcp`, {
        name: "Bad",
        config: { redact },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].field).toMatch(/^config\.redact/);
    }
  });

  it("stores and returns the kinds, and PATCH changes them", async () => {
    const account = await createAccount(TOKEN, "Admin");
    const server = await createServer(account, { redact: ["phone"] });
    const path = `/api/integrated-account/${account}/mcp/${server.id}`;
    expect((await adminApi("GET", path)).body.config.redact).toEqual(["phone"]);
    const res = await adminApi("PATCH", path, { config: { redact: ["name", "email"] } });
    expect(res.status).toBe(200);
    expect(res.body.config.redact).toEqual(["name", "email"]);
  });

  it("is described in the OpenAPI document", async () => {
    const res = await adminApi("GET", "/api/openapi.json", undefined, { authorization: "" });
    const body = res.body.paths["/api/integrated-account/{id}/mcp"].post.requestBody;
    const config = body.content["application/json"].schema.properties.config;
    expect(config.properties.redact.items.enum).toEqual(["email", "phone", "address", "name"]);
  });
});
