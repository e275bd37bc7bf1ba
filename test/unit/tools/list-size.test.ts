import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogTools } from "../../../src/catalog/index";
import { inputSchema } from "../../../src/catalog/input-schema";
import { MAX_SCANNED } from "../../../src/catalog/find-by-name";
import { INSTRUCTIONS } from "../../../src/server/mcp/mcp-server";
import { MAX_LIMIT } from "../../../src/engine/tools/cursor";
import { toolSetFor } from "../../../src/engine/tools/toolset";

// The full catalog's tools/list (every tool: no methods or tags filter, tool_exposure all) is
// what a client puts in front of a model. It is held to a bound, and what makes it short must
// not take away what a model needs to call each tool right the first time.

/** Tokens as the product measures them: characters / 4 of the tools/list result's JSON. */
const tokens = (value: unknown) => JSON.stringify(value).length / 4;

/** What ServerObject.listTools returns for a server with every tool, as the SDKs send it. */
const listed = () => ({ tools: toolSetFor({}).tools });
const tool = (name: string) => listed().tools.find((entry) => entry.name === name)!;

/** Every value of `key` anywhere in a JSON Schema, as sorted JSON texts (order-free compare). */
function collect(schema: unknown, key: "enum" | "required"): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    for (const [name, value] of Object.entries(node)) {
      if (name === key && Array.isArray(value)) found.push(JSON.stringify(value));
      walk(value);
    }
  };
  walk(schema);
  return found.sort();
}

describe("tools/list of the full catalog", () => {
  it("is at most 10,000 tokens", () => {
    expect(tokens(listed())).toBeLessThanOrEqual(10_000);
  });

  it("keeps integer schemas free of zod's implicit ±2^53 bounds", () => {
    expect(JSON.stringify(listed())).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it("lists every required argument as required, nested ones included", () => {
    for (const entry of catalogTools()) {
      const schema = tool(entry.name).inputSchema;
      const required = Object.entries(entry.operation.fields)
        .filter(([, field]) => field.required)
        .map(([name]) => name);
      expect(schema.required ?? [], entry.name).toEqual(required);
      // Nested objects (ship_to, order_items, contact …) keep their own `required` lists.
      const full = z.toJSONSchema(inputSchema(entry.operation), { io: "input" });
      expect(collect(schema, "required"), entry.name).toEqual(collect(full, "required"));
    }
  });

  it("keeps every enum of every argument, nested ones included", () => {
    for (const entry of catalogTools()) {
      const full = z.toJSONSchema(inputSchema(entry.operation), { io: "input" });
      const enums = collect(tool(entry.name).inputSchema, "enum");
      expect(enums, entry.name).toEqual(collect(full, "enum"));
    }
    expect(tool("create_a_e_desk_message").inputSchema.properties?.type).toMatchObject({
      enum: ["Message", "Note"],
    });
  });

  it("keeps the reply trap of create_a_e_desk_message in its own description", () => {
    const text = tool("create_a_e_desk_message").description;
    expect(text).toContain("Customer reply: type Message, direction Outgoing, send true");
    expect(text).toContain("cannot be recalled");
    expect(text).toContain("send false only records it");
    expect(text).toContain("type Note, never visible to or sent to the customer");
  });

  it("keeps the other traps and next steps where the model reads them", () => {
    const traps: Record<string, string[]> = {
      add_e_desk_ticket_tags: ["replaces a ticket's whole tag list", "tag_names"],
      update_a_e_desk_template_by_id: ["Full replace, not a patch", "Auto, Rule or OutOfOffice"],
      update_a_e_desk_tag_by_id: ["error 4003", "add_e_desk_ticket_tags"],
      update_a_e_desk_sales_order_tracking_link_by_id: ["Replace ALL tracking links"],
      delete_a_e_desk_sales_order_tracking_link_by_id: ["Remove ALL tracking links"],
      delete_a_e_desk_ticket_by_id: ["Archived", "update_a_e_desk_ticket_datum_by_id"],
      update_a_e_desk_ticket_datum_by_id: ["status Closed", "Nothing is sent to the customer"],
      get_e_desk_ticket_context: ["never invent them"],
      update_a_e_desk_sales_order_by_id: ["existing item id", "4017"],
      list_all_e_desk_tags: ["name_contains"],
      list_all_e_desk_templates: ["name_contains", "create_a_e_desk_message"],
    };
    for (const [name, phrases] of Object.entries(traps)) {
      for (const phrase of phrases) expect(tool(name).description, name).toContain(phrase);
    }
    const tracking = tool("get_single_e_desk_sales_order_tracking_link_by_id").inputSchema;
    expect(tracking.properties?.id).toMatchObject({ description: "The sales order's id" });
  });

  it("says once, in the server's instructions, what it no longer repeats on every tool", () => {
    expect(INSTRUCTIONS).toContain("{result, next_cursor}");
    expect(INSTRUCTIONS).toContain(`1-${MAX_LIMIT}`);
    expect(INSTRUCTIONS).toContain(`scans at most ${MAX_SCANNED} records`);
    expect(INSTRUCTIONS).toContain("idempotency_key");
    expect(INSTRUCTIONS).toContain("type Message, direction Outgoing and send true");
    // The paging text is no longer on each list tool, but the arguments are.
    for (const entry of listed().tools.filter((t) => t.name.startsWith("list_all_"))) {
      expect(Object.keys(entry.inputSchema.properties ?? {})).toEqual(
        expect.arrayContaining(["limit", "next_cursor"]),
      );
    }
  });

  it("lists read-only on reads and an explicit destructiveHint on every write", () => {
    for (const entry of catalogTools()) {
      const hints = tool(entry.name).annotations;
      if (entry.access === "read") expect(hints, entry.name).toEqual({ readOnlyHint: true });
      else {
        expect(hints?.readOnlyHint, entry.name).toBeUndefined();
        expect(hints?.destructiveHint, entry.name).toBe(
          entry.operation.annotations.destructiveHint,
        );
        expect(hints?.idempotentHint ?? false, entry.name).toBe(
          entry.operation.annotations.idempotentHint,
        );
      }
    }
  });
});
