import { describe, expect, it } from "vitest";
import { catalogTools } from "../../../src/catalog/index";
import {
  describeConfigOptions,
  selectTools,
  validateToolConfig,
} from "../../../src/catalog/select";

const names = (config: Parameters<typeof selectTools>[1]) =>
  selectTools(catalogTools(), config).map((tool) => tool.name);
const all = () => catalogTools().map((tool) => tool.name);

describe("selectTools", () => {
  it("exposes every tool, in catalog order, when the config is empty", () => {
    expect(names({})).toEqual(all());
    expect(names({ methods: [], tags: [] })).toEqual(all());
  });

  it("read exposes get, list and read customs, and no create, update, delete or write custom", () => {
    const tools = selectTools(catalogTools(), { methods: ["read"] });
    expect(tools.every((tool) => tool.access === "read")).toBe(true);
    const kinds = new Set(tools.map((tool) => tool.operation.method));
    expect([...kinds].sort()).toEqual(["custom", "get", "list"]);
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(["get_e_desk_ticket_context", "get_e_desk_whoami"]),
    );
    expect(tools.map((tool) => tool.name)).not.toContain("add_e_desk_ticket_tags");
  });

  it("write exposes create, update, delete and the tagging tools only", () => {
    const tools = selectTools(catalogTools(), { methods: ["write"] });
    expect(tools.every((tool) => tool.access === "write")).toBe(true);
    expect(tools.map((tool) => tool.name)).toEqual(
      expect.arrayContaining(["add_e_desk_ticket_tags", "remove_e_desk_ticket_tags"]),
    );
    expect(tools.some((tool) => ["get", "list"].includes(tool.operation.method))).toBe(false);
  });

  it("custom exposes exactly the custom tools", () => {
    expect(names({ methods: ["custom"] })).toEqual([
      "add_e_desk_ticket_tags",
      "remove_e_desk_ticket_tags",
      "get_e_desk_ticket_context",
      "get_e_desk_whoami",
    ]);
  });

  it("an exact custom verb selects only that verb", () => {
    expect(names({ methods: ["add"] })).toEqual(["add_e_desk_ticket_tags"]);
  });

  it("an exact standard method selects that kind (get also matches custom get verbs)", () => {
    expect(names({ methods: ["delete"] }).every((name) => name.startsWith("delete_a_"))).toBe(true);
    expect(names({ methods: ["get"] })).toContain("get_e_desk_ticket_context");
  });

  it("tags tickets hides sales-order, template and message tools", () => {
    const selected = names({ tags: ["tickets"] });
    expect(selected).toEqual([
      "list_all_e_desk_tickets",
      "get_single_e_desk_ticket_by_id",
      "create_a_e_desk_ticket",
      "delete_a_e_desk_ticket_by_id",
      "update_a_e_desk_ticket_datum_by_id",
      "add_e_desk_ticket_tags",
      "remove_e_desk_ticket_tags",
      "get_e_desk_ticket_context",
    ]);
  });

  it("tags sales_orders groups orders, tracking links, order notes and attachments", () => {
    const resources = new Set(
      selectTools(catalogTools(), { tags: ["sales_orders"] }).map((tool) => tool.resource.name),
    );
    expect([...resources]).toEqual([
      "sales_orders",
      "sales_order_tracking_links",
      "order_notes",
      "order_note_attachments",
    ]);
  });

  it("a resource's own name works as a tag", () => {
    expect(names({ tags: ["whoami"] })).toEqual(["get_e_desk_whoami"]);
    expect(names({ tags: ["users"] })).toEqual(["list_all_e_desk_users", "get_e_desk_whoami"]);
  });

  it("methods and tags combine with AND", () => {
    expect(names({ methods: ["read"], tags: ["tags"] })).toEqual([
      "list_all_e_desk_tags",
      "get_single_e_desk_tag_by_id",
      "list_all_e_desk_tag_groups",
    ]);
  });

  it("a config that matches nothing selects nothing", () => {
    expect(names({ methods: ["create"], tags: ["users"] })).toEqual([]);
  });
});

describe("describeConfigOptions and validateToolConfig", () => {
  it("lists the method and tag values that exist", () => {
    const options = describeConfigOptions(catalogTools());
    expect(options.methods).toEqual([
      "read",
      "write",
      "custom",
      "list",
      "get",
      "create",
      "update",
      "delete",
      "add",
      "remove",
    ]);
    expect(options.tags).toEqual([
      "channels",
      "contacts",
      "messages",
      "order_note_attachments",
      "order_notes",
      "sales_order_tracking_links",
      "sales_orders",
      "tag_groups",
      "tags",
      "templates",
      "ticket_context",
      "ticket_data",
      "ticket_tags",
      "tickets",
      "users",
      "whoami",
    ]);
  });

  it("reports the values no tool knows", () => {
    expect(
      validateToolConfig(catalogTools(), { methods: ["read", "patch"], tags: ["tickets", "crm"] }),
    ).toEqual({ methods: ["patch"], tags: ["crm"] });
    expect(validateToolConfig(catalogTools(), {})).toEqual({ methods: [], tags: [] });
  });
});
