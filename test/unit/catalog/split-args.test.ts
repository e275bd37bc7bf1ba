import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildCatalog } from "../../../src/catalog/index";
import { splitArgs } from "../../../src/catalog/split-args";
import { tool } from "./helpers";

describe("splitArgs", () => {
  it("fills the path id and sends no body on GET", () => {
    expect(splitArgs(tool("get_single_e_desk_ticket_by_id"), { id: 701581498 })).toEqual({
      method: "GET",
      path: "/tickets/701581498",
    });
  });

  it("URL-encodes path values", () => {
    const [things] = buildCatalog([
      {
        name: "things",
        tags: [],
        operations: [
          {
            method: "get",
            http: "GET",
            path: "/things/{key}",
            source: "§test",
            description: "Get a thing.",
            annotations: {
              readOnlyHint: true,
              destructiveHint: false,
              idempotentHint: true,
              openWorldHint: true,
            },
            fields: { key: { in: "path", schema: z.string().describe("Key"), required: true } },
          },
        ],
      },
    ]);
    expect(splitArgs(things!, { key: "a/b c?" }).path).toBe("/things/a%2Fb%20c%3F");
  });

  it("stringifies query filters and leaves the engine's paging arguments out", () => {
    const request = splitArgs(tool("list_all_e_desk_tickets"), {
      filter_status_equals: "Open",
      filter_channel_id_equals: 12,
      order_by: "created_at",
      limit: 50,
      next_cursor: "abc",
    });
    expect(request).toEqual({
      method: "GET",
      path: "/tickets",
      query: {
        filter_status_equals: "Open",
        filter_channel_id_equals: "12",
        order_by: "created_at",
      },
    });
  });

  it("puts body fields in the JSON body and omits undefined ones", () => {
    const request = splitArgs(tool("create_a_e_desk_message"), {
      ticket_id: 7,
      type: "Message",
      direction: "Outgoing",
      send: true,
      body: "Your parcel left today.",
      subject: undefined,
    });
    expect(request).toEqual({
      method: "POST",
      path: "/messages",
      body: {
        ticket_id: 7,
        type: "Message",
        direction: "Outgoing",
        send: true,
        body: "Your parcel left today.",
      },
    });
  });

  it("splits path and body of an update and sends {} when no body field is given", () => {
    const tags = tool("update_a_e_desk_tag_by_id");
    expect(splitArgs(tags, { id: 4, active: false })).toEqual({
      method: "PUT",
      path: "/tags/4",
      body: { active: false },
    });
    expect(splitArgs(tags, { id: 4 }).body).toEqual({});
  });

  it("sends no body on DELETE", () => {
    expect(splitArgs(tool("delete_a_e_desk_sales_order_tracking_link_by_id"), { id: 9 })).toEqual({
      method: "DELETE",
      path: "/sales-orders-tracking-links/9",
    });
  });

  it("builds the multipart form of order-note attachments", async () => {
    const request = splitArgs(tool("create_a_e_desk_order_note_attachment"), {
      order_note_id: 31,
      attachment_type: "Invoice",
      attachments: [
        { name: "invoice.pdf", mime: "application/pdf", content_base64: btoa("%PDF-1.4") },
        { name: "label.txt", mime: "text/plain", content_base64: btoa("hi") },
      ],
    });
    expect(request.path).toBe("/order-notes/31/attachments");
    expect(request.body).toBeUndefined();
    const form = request.form!;
    expect(form.get("attachmentType")).toBe("Invoice");
    const files = form.getAll("attachments[]") as File[];
    expect(files.map((file) => [file.name, file.type])).toEqual([
      ["invoice.pdf", "application/pdf"],
      ["label.txt", "text/plain"],
    ]);
    expect(await files[0]!.text()).toBe("%PDF-1.4");
  });
});
