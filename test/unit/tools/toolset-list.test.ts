import { describe, expect, it } from "vitest";
import { configKey, createToolSet, toolSetFor } from "../../../src/engine/tools/toolset";
import { fixtureTools } from "./fixtures";

describe("tools/list of a tool set", () => {
  const set = createToolSet(fixtureTools(), {});
  const byName = (name: string) => set.tools.find((tool) => tool.name === name)!;

  it("lists every documented operation in catalog order, and nothing undocumented", () => {
    expect(set.tools.map((tool) => tool.name)).toEqual([
      "list_all_e_desk_tickets",
      "get_single_e_desk_ticket_by_id",
      "create_a_e_desk_ticket",
      "delete_a_e_desk_ticket_by_id",
      "create_a_e_desk_note_file",
      "get_e_desk_ticket_summary",
    ]);
  });

  it("gives every tool an object input schema without $schema, rejecting unknown keys", () => {
    for (const tool of set.tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.inputSchema).not.toHaveProperty("$schema");
      expect(tool.inputSchema.additionalProperties).toBe(false);
    }
  });

  it("adds limit and next_cursor to list tools, not eDesk's page fields", () => {
    const schema = byName("list_all_e_desk_tickets").inputSchema;
    expect(Object.keys(schema.properties ?? {})).toEqual([
      "filter_status_equals",
      "limit",
      "next_cursor",
    ]);
    expect(schema.properties?.limit).toMatchObject({ type: "integer", maximum: 100 });
    expect(schema.required ?? []).toEqual([]);
  });

  it("marks required fields, path ids included", () => {
    expect(byName("get_single_e_desk_ticket_by_id").inputSchema.required).toEqual(["id"]);
    expect(byName("create_a_e_desk_ticket").inputSchema.required).toEqual([
      "subject",
      "channel_id",
    ]);
  });

  it("lists neither an output schema nor a title, which would only restate the data and the name", () => {
    for (const tool of set.tools) {
      expect(tool, tool.name).not.toHaveProperty("outputSchema");
      expect(tool, tool.name).not.toHaveProperty("title");
    }
  });

  it("gives the catalog's annotations where they differ from the spec's defaults", () => {
    expect(byName("list_all_e_desk_tickets").annotations).toEqual({ readOnlyHint: true });
    expect(byName("delete_a_e_desk_ticket_by_id").annotations).toEqual({
      destructiveHint: true,
      idempotentHint: true,
    });
    expect(byName("create_a_e_desk_ticket").annotations).toEqual({ destructiveHint: false });
  });
});

describe("tool selection and memoisation", () => {
  it("applies methods and tags", () => {
    const read = createToolSet(fixtureTools(), { methods: ["read"] });
    expect(read.names).toEqual([
      "list_all_e_desk_tickets",
      "get_single_e_desk_ticket_by_id",
      "get_e_desk_ticket_summary",
    ]);
    const orders = createToolSet(fixtureTools(), { tags: ["orders"] });
    expect(orders.names).toEqual(["create_a_e_desk_note_file"]);
  });

  it("builds the same list in the same order every time", () => {
    const a = createToolSet(fixtureTools(), { methods: ["write"] });
    const b = createToolSet(fixtureTools(), { methods: ["write"] });
    expect(JSON.stringify(a.tools)).toBe(JSON.stringify(b.tools));
  });

  it("returns the same tool set object for equivalent configs", () => {
    const first = toolSetFor({ methods: ["read", "write"], tags: [] });
    expect(toolSetFor({ methods: ["write", "read", "read"] })).toBe(first);
    expect(toolSetFor({ methods: ["read"] })).not.toBe(first);
    expect(toolSetFor({ methods: ["read"], tool_exposure: "discovery" })).not.toBe(
      toolSetFor({ methods: ["read"] }),
    );
  });

  it("keys configs canonically", () => {
    expect(configKey({ tags: ["b", "a"] })).toBe(configKey({ tags: ["a", "b", "a"] }));
    expect(configKey({})).toBe(configKey({ methods: [], tool_exposure: "all" }));
  });
});
