import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineResource, type Operation, type Resource } from "../../../src/catalog/define";
import { buildCatalog } from "../../../src/catalog/index";

const READ = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

function operation(overrides: Partial<Operation>): Operation {
  return {
    method: "get",
    http: "GET",
    path: "/things/{id}",
    source: "§test",
    annotations: READ,
    description: "Get a thing.",
    fields: { id: { in: "path", schema: z.int().describe("Thing id"), required: true } },
    ...overrides,
  };
}

const resource = (name: string, ...operations: Operation[]): Resource =>
  defineResource({ name, tags: ["group"], operations });

describe("buildCatalog", () => {
  it("makes one tool per described operation, tagged with the resource name and its tags", () => {
    const [tool] = buildCatalog([resource("things", operation({}))]);
    expect(tool).toMatchObject({ name: "get_single_e_desk_thing_by_id", access: "read" });
    expect(tool?.tags).toEqual(["things", "group"]);
  });

  it("gives an undocumented operation no tool", () => {
    const tools = buildCatalog([
      resource(
        "things",
        operation({}),
        operation({ method: "delete", http: "DELETE", description: undefined }),
      ),
    ]);
    expect(tools.map((tool) => tool.name)).toEqual(["get_single_e_desk_thing_by_id"]);
  });

  it("throws on duplicate tool names", () => {
    expect(() => buildCatalog([resource("things", operation({}), operation({}))])).toThrow(
      /duplicate tool name/,
    );
  });

  it("throws on a name longer than 64 characters", () => {
    expect(() => buildCatalog([resource(`things_${"x".repeat(60)}`, operation({}))])).toThrow(
      /invalid tool name/,
    );
  });

  it("throws when a list field would take the place of the engine's paging argument", () => {
    const list = operation({
      method: "list",
      path: "/things",
      fields: { limit: { in: "query", schema: z.int().describe("Page size") } },
    });
    expect(() => buildCatalog([resource("things", list)])).toThrow(/clashes with the engine/);
  });

  it("throws when a path placeholder has no in:path field", () => {
    const op = operation({ fields: { id: { in: "query", schema: z.int().describe("Thing id") } } });
    expect(() => buildCatalog([resource("things", op)])).toThrow(/\{id\} has no in:"path" field/);
  });

  it("throws when an in:path field has no placeholder", () => {
    const op = operation({ path: "/things" });
    expect(() => buildCatalog([resource("things", op)])).toThrow(/is not in \/things/);
  });

  it("throws when a custom method has no access or verb", () => {
    const custom = operation({ method: "custom", custom: "get" });
    expect(() => buildCatalog([resource("things", custom)])).toThrow(/must declare its access/);
    const noVerb = operation({ method: "custom", access: "read" });
    expect(() => buildCatalog([resource("things", noVerb)])).toThrow(/no verb/);
  });

  it("throws when a standard method uses another HTTP verb", () => {
    const op = operation({ method: "update", http: "POST" });
    expect(() => buildCatalog([resource("things", op)])).toThrow(/must use PUT/);
  });
});
