import { describe, expect, it } from "vitest";
import { inputSchema } from "../../../src/catalog/input-schema";
import { tool } from "./helpers";

/** The validation messages for these arguments, empty when they are accepted. */
function problems(name: string, args: Record<string, unknown>): string[] {
  const result = inputSchema(tool(name).operation).safeParse(args);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

const message = (args: Record<string, unknown>) =>
  problems("create_a_e_desk_message", { ticket_id: 7, body: "Hello", ...args });

describe("create_a_e_desk_message rules", () => {
  it("accepts a customer reply that is sent", () => {
    expect(message({ type: "Message", direction: "Outgoing", send: true })).toEqual([]);
  });

  it("accepts a reply that is only recorded, and a plain internal note", () => {
    expect(message({ type: "Message", direction: "Outgoing", send: false })).toEqual([]);
    expect(message({ type: "Note" })).toEqual([]);
    expect(message({ type: "Note", send: false, direction: "Outgoing" })).toEqual([]);
  });

  it("reports a rule broken beside a type error in the same answer", () => {
    const found = message({ ticket_id: "seven", type: "Note", send: true });
    expect(found).toHaveLength(2);
    expect(found.join("\n")).toMatch(/internal note is never sent/);
  });

  it("rejects a note with send true and explains the right call", () => {
    const [problem] = message({ type: "Note", send: true });
    expect(problem).toMatch(/internal note is never sent/);
    expect(problem).toMatch(/type Message, direction Outgoing, send true/);
  });

  it("rejects an Incoming note", () => {
    expect(message({ type: "Note", direction: "Incoming" })).toEqual([
      expect.stringMatching(/never Incoming/),
    ]);
  });

  it("rejects a Message that does not say whether it is sent", () => {
    expect(message({ type: "Message", direction: "Outgoing" })).toEqual([
      expect.stringMatching(/type Message needs send/),
    ]);
  });

  it("rejects a Message without direction", () => {
    expect(message({ type: "Message", send: false })).toEqual([
      expect.stringMatching(/type Message needs direction/),
    ]);
  });

  it("rejects sending an Incoming message", () => {
    expect(message({ type: "Message", direction: "Incoming", send: true })).toEqual([
      expect.stringMatching(/cannot be sent/),
    ]);
  });

  it("rejects types other than Message and Note, and unknown keys", () => {
    expect(message({ type: "Status" })).not.toEqual([]);
    expect(message({ type: "Note", cc: "boss@example.com" })).not.toEqual([]);
  });

  it("rejects a malformed created_at", () => {
    expect(message({ type: "Note", created_at: "2024-01-01T10:00:00Z" })).not.toEqual([]);
    expect(message({ type: "Note", created_at: "2024-01-01 10:00:00" })).toEqual([]);
  });
});

describe("other argument rules", () => {
  it("update_a_e_desk_message_by_id accepts only type Note and needs a change", () => {
    expect(problems("update_a_e_desk_message_by_id", { id: 1, body: "x", type: "Note" })).toEqual(
      [],
    );
    expect(problems("update_a_e_desk_message_by_id", { id: 1, type: "Message" })).not.toEqual([]);
    expect(problems("update_a_e_desk_message_by_id", { id: 1 })).toEqual([
      expect.stringMatching(/Nothing to change/),
    ]);
  });

  it("update_a_e_desk_ticket_datum_by_id refuses an empty update", () => {
    expect(problems("update_a_e_desk_ticket_datum_by_id", { id: 5 })).toEqual([
      expect.stringMatching(/Nothing to change: give at least one of status/),
    ]);
    expect(problems("update_a_e_desk_ticket_datum_by_id", { id: 5, status: "Closed" })).toEqual([]);
  });

  it("ticket tags need a non-empty list of positive ids", () => {
    expect(problems("add_e_desk_ticket_tags", { id: 5, tag_ids: [] })).not.toEqual([]);
    expect(problems("add_e_desk_ticket_tags", { id: 5, tag_ids: [0] })).not.toEqual([]);
    expect(problems("add_e_desk_ticket_tags", { id: 5, tag_ids: [3] })).toEqual([]);
  });

  it("ticket create takes contact_id or contact, not both", () => {
    const ticket = { subject: "Where is my parcel", channel_id: 1, status: "Open" };
    expect(problems("create_a_e_desk_ticket", { ...ticket, contact_id: 3 })).toEqual([]);
    expect(
      problems("create_a_e_desk_ticket", {
        ...ticket,
        contact_id: 3,
        contact: { email: "a@b.co" },
      }),
    ).toEqual(["Give either contact_id or contact, not both."]);
  });

  it("sales order create needs a customer", () => {
    const order = {
      channel_id: 1,
      seller_order_id: "406-1",
      currency: "USD",
      status: "OrderReceived",
      shipping_amount: 0,
      order_items: [{ sku: "A", title: "Mug", quantity: 1, item_amount: 9.5, shipping_amount: 0 }],
      ship_to: { name: "Ann", line_1: "1 High St", city: "Leeds", country: "GB", postcode: "LS1" },
    };
    expect(problems("create_a_e_desk_sales_order", order)).toEqual([
      "Name the customer: give contact_id or contact.",
    ]);
    expect(problems("create_a_e_desk_sales_order", { ...order, contact_id: 9 })).toEqual([]);
  });

  it("list filters take YYYY-MM-DD dates and positive ids", () => {
    const list = "list_all_e_desk_tickets";
    expect(problems(list, { filter_created_at_gte: "2024-02-01" })).toEqual([]);
    expect(problems(list, { filter_created_at_gte: "1706745600" })).not.toEqual([]);
    expect(problems(list, { filter_channel_id_equals: -1 })).not.toEqual([]);
  });

  it("update_a_e_desk_tag_by_id needs a change", () => {
    expect(problems("update_a_e_desk_tag_by_id", { id: 2 })).not.toEqual([]);
    expect(problems("update_a_e_desk_tag_by_id", { id: 2, color: "F44336" })).toEqual([]);
  });
});

describe("descriptions state the traps", () => {
  const text = (name: string) => tool(name).operation.description ?? "";

  it("tag update says it edits the definition and points to the ticket tag tools", () => {
    expect(text("update_a_e_desk_tag_by_id")).toMatch(/definition \(name, colour, icon, active\)/);
    expect(text("update_a_e_desk_tag_by_id")).toMatch(
      /add_e_desk_ticket_tags \/ remove_e_desk_ticket_tags/,
    );
    expect(text("update_a_e_desk_tag_by_id")).toMatch(/4003/);
  });

  it("names the irreversible or surprising behaviours", () => {
    expect(text("create_a_e_desk_message")).toMatch(/cannot be recalled/);
    expect(text("delete_a_e_desk_ticket_by_id")).toMatch(/Archived/);
    expect(text("update_a_e_desk_template_by_id")).toMatch(/Full replace/);
    expect(text("delete_a_e_desk_sales_order_tracking_link_by_id")).toMatch(/ALL tracking links/);
    expect(text("list_all_e_desk_sales_orders")).toMatch(/lag/);
    expect(text("add_e_desk_ticket_tags")).toMatch(/replaces a ticket's whole tag list/);
    expect(text("update_a_e_desk_ticket_datum_by_id")).toMatch(/list_all_e_desk_users/);
  });
});

describe("order note attachment content", () => {
  const attach = (content: string) =>
    problems("create_a_e_desk_order_note_attachment", {
      order_note_id: 1,
      attachment_type: "Other",
      attachments: [{ name: "a.txt", mime: "text/plain", content_base64: content }],
    });

  it("accepts base64 that decodes, padded or not", () => {
    for (const content of [btoa("hi"), btoa("abc"), btoa("%PDF-1.4"), "AAA", "AA"]) {
      expect(attach(content), content).toEqual([]);
    }
  });

  it("refuses base64 that cannot decode, before anything is sent", () => {
    for (const content of ["A", "ABCDE", "AB=", "ABC==", "AB=C"]) {
      expect(attach(content), content).not.toEqual([]);
    }
  });
});
