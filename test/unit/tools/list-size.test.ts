import { describe, expect, it } from "vitest";
import { toolSetFor } from "../../../src/tools/toolset";

/** Tokens as the issue measures them: characters / 4 of the tools/list result. */
const tokens = (value: unknown) => JSON.stringify(value).length / 4;

describe("tools/list size", () => {
  it("stays under 350 tokens per tool on average for the full catalog", () => {
    const { tools } = toolSetFor({});
    expect(tokens({ tools }) / tools.length).toBeLessThan(350);
  });

  it("keeps integer schemas free of zod's implicit ±2^53 bounds", () => {
    const text = JSON.stringify(toolSetFor({}).tools);
    expect(text).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it("lists output property names for reads and leaves writes without an output schema", () => {
    const tools = toolSetFor({}).tools;
    const get = tools.find((tool) => tool.name === "get_single_e_desk_ticket_by_id")!;
    expect(Object.keys(get.outputSchema!.properties!)).toEqual(
      expect.arrayContaining(["id", "status", "messages_ids"]),
    );
    const create = tools.find((tool) => tool.name === "create_a_e_desk_ticket")!;
    expect(create.outputSchema).toBeUndefined();
  });
});
