import { describe, expect, it } from "vitest";
import { singularize, toolName } from "../../../src/catalog/naming";

describe("naming", () => {
  it("singularizes the catalog's resource names", () => {
    expect(singularize("ticket_data")).toBe("ticket_datum");
    expect(singularize("sales_orders")).toBe("sales_order");
    expect(singularize("sales_order_tracking_links")).toBe("sales_order_tracking_link");
    expect(singularize("order_notes")).toBe("order_note");
    expect(singularize("order_note_attachments")).toBe("order_note_attachment");
    expect(singularize("tag_groups")).toBe("tag_group");
    expect(singularize("contacts")).toBe("contact");
    expect(singularize("users")).toBe("user");
    expect(singularize("messages")).toBe("message");
    expect(singularize("whoami")).toBe("whoami");
  });

  it("handles the usual English plurals", () => {
    expect(singularize("categories")).toBe("category");
    expect(singularize("addresses")).toBe("address");
    expect(singularize("statuses")).toBe("status");
    expect(singularize("boxes")).toBe("box");
    expect(singularize("status")).toBe("status");
  });

  it("builds names by the Truto-style rule", () => {
    expect(toolName("tickets", "list")).toBe("list_all_e_desk_tickets");
    expect(toolName("tickets", "get")).toBe("get_single_e_desk_ticket_by_id");
    expect(toolName("messages", "create")).toBe("create_a_e_desk_message");
    expect(toolName("ticket_data", "update")).toBe("update_a_e_desk_ticket_datum_by_id");
    expect(toolName("tags", "delete")).toBe("delete_a_e_desk_tag_by_id");
    expect(toolName("ticket_tags", "custom", "add")).toBe("add_e_desk_ticket_tags");
  });

  it("refuses a custom method without a verb", () => {
    expect(() => toolName("ticket_tags", "custom")).toThrow(/no verb/);
  });
});
