import { UnknownToolError } from "../../../src/engine/tools/toolset";
import { describe, expect, it } from "vitest";
import { createToolSet } from "../../../src/engine/tools/toolset";
import { json } from "../edesk/fake-fetch";
import { fakeContext, fixtureTools, text } from "./fixtures";

const discovery = createToolSet(fixtureTools(), { tool_exposure: "discovery" });
const readOnly = createToolSet(fixtureTools(), { tool_exposure: "discovery", methods: ["read"] });

type Found = {
  result: { name: string; access: string; summary: string }[];
  total: number;
  hint?: string;
};

describe("discovery exposure (docs/architecture.md §1 tool_exposure)", () => {
  it("lists exactly search_tools, get_tool_schema and call_tool, with object schemas", () => {
    expect(discovery.tools.map((tool) => tool.name)).toEqual([
      "search_tools",
      "get_tool_schema",
      "call_tool",
    ]);
    for (const tool of discovery.tools) expect(tool.inputSchema.type).toBe("object");
    expect(discovery.tools[0].outputSchema?.type).toBe("object");
  });

  it("marks call_tool read-only when the config only has read tools", () => {
    const call = (set: typeof discovery) => set.tools.find((tool) => tool.name === "call_tool")!;
    expect(call(readOnly).annotations?.readOnlyHint).toBe(true);
    expect(call(discovery).annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
    });
  });

  it("search_tools ranks matching tools with one-line summaries", async () => {
    const { ctx, requests } = fakeContext(() => json(200, {}));
    const result = await discovery.call("search_tools", { query: "archive tickets" }, ctx);
    const found = result.structuredContent as Found;
    expect(found.result[0]).toMatchObject({
      name: "delete_a_e_desk_ticket_by_id",
      summary: "Archive a ticket.",
      access: "write",
    });
    expect(requests).toHaveLength(0);
    expect(result._meta).toBeUndefined();
  });

  it("search_tools only finds tools the config includes", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    const result = await readOnly.call("search_tools", { query: "" }, ctx);
    const found = result.structuredContent as Found;
    expect(found.result.map((row) => row.name)).toEqual([
      "list_all_e_desk_tickets",
      "get_single_e_desk_ticket_by_id",
      "get_e_desk_ticket_summary",
    ]);
    const none = (await readOnly.call("search_tools", { query: "archive" }, ctx))
      .structuredContent as Found;
    expect(none.result.some((row) => row.name.startsWith("delete"))).toBe(false);
  });

  it("search_tools without a query lists every tool of the config", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    const result = await discovery.call("search_tools", {}, ctx);
    expect((result.structuredContent as Found).result).toHaveLength(discovery.names.length);
  });

  it("search_tools gives a hint when nothing matches", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    const result = await discovery.call("search_tools", { query: "zebra" }, ctx);
    expect((result.structuredContent as Found).hint).toContain("No tool matched");
  });

  it("get_tool_schema returns the tool's description and input schema", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    const result = await discovery.call(
      "get_tool_schema",
      { name: "list_all_e_desk_tickets" },
      ctx,
    );
    expect(result.structuredContent).toMatchObject({
      name: "list_all_e_desk_tickets",
      description: expect.stringContaining("List tickets"),
      inputSchema: { type: "object", properties: { limit: { type: "integer" } } },
    });
  });

  it("get_tool_schema refuses a tool outside the config as an error result", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    const result = await readOnly.call("get_tool_schema", { name: "create_a_e_desk_ticket" }, ctx);
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("search_tools");
  });

  it("call_tool runs the tool with its validation and returns its result", async () => {
    const { ctx, requests } = fakeContext(() => json(200, { data: { id: 8 } }));
    const result = await discovery.call(
      "call_tool",
      { name: "get_single_e_desk_ticket_by_id", arguments: { id: 8 } },
      ctx,
    );
    expect(result.structuredContent).toEqual({ id: 8 });
    expect(result._meta).toHaveProperty("ratelimit-remaining", 59);
    expect(requests[0].url.pathname).toBe("/v1/tickets/8");
  });

  it("call_tool reports the inner tool's bad arguments and sends nothing", async () => {
    const { ctx, requests } = fakeContext(() => json(200, {}));
    const result = await discovery.call(
      "call_tool",
      { name: "get_single_e_desk_ticket_by_id", arguments: { id: "eight" } },
      ctx,
    );
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("- id:");
    expect(requests).toHaveLength(0);
  });

  it("call_tool answers an unknown or filtered name with an error result naming the next steps", async () => {
    const { ctx, requests } = fakeContext(() => json(200, {}));
    const result = await readOnly.call(
      "call_tool",
      { name: "delete_a_e_desk_ticket_by_id", arguments: { id: 1 } },
      ctx,
    );
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("get_tool_schema");
    expect(requests).toHaveLength(0);
  });

  it("validates the meta tools' own arguments", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    const result = await discovery.call("call_tool", { tool: "x" }, ctx);
    expect(text(result)).toContain("- name: required");
    expect(text(result)).toContain("- tool: unknown argument");
  });

  it("still refuses a tool outside the config by its own name with -32602", async () => {
    const { ctx } = fakeContext(() => json(200, {}));
    await expect(
      readOnly.call("delete_a_e_desk_ticket_by_id", { id: 1 }, ctx),
    ).rejects.toBeInstanceOf(UnknownToolError);
  });
});
