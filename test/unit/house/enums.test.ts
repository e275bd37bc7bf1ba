import { describe, expect, it } from "vitest";
import { toolSetFor } from "../../../src/engine/tools/toolset";
import * as simulatorEnums from "../../../simulator/src/enums";

/**
 * The simulator keeps its own copies of eDesk's enums on purpose: it stands in for eDesk, and
 * must not change when the catalog does. This test keeps the two honest. Every enum a tool's
 * input offers must be, value for value, one of the simulator's lists, so the simulator accepts
 * each value the catalog lets through and refuses each one the catalog refuses.
 */
function enumsOf(schema: unknown, at: string, found: Map<string, string[]>) {
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => enumsOf(item, `${at}[${i}]`, found));
    return;
  }
  if (!schema || typeof schema !== "object") return;
  const node = schema as Record<string, unknown>;
  if (Array.isArray(node.enum) && node.enum.every((value) => typeof value === "string")) {
    found.set(at, node.enum as string[]);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== "enum") enumsOf(value, `${at}.${key}`, found);
  }
}

const simulatorLists = Object.entries(simulatorEnums as Record<string, unknown>)
  .filter((entry): entry is [string, string[]] => Array.isArray(entry[1]))
  .map(([name, values]) => ({ name, values: [...values].sort() }));

describe("catalog enums against the simulator's", () => {
  const enums = new Map<string, string[]>();
  for (const tool of toolSetFor({}).tools) enumsOf(tool.inputSchema, tool.name, enums);

  it("finds the catalog's input enums", () => {
    expect(enums.size).toBeGreaterThan(20);
  });

  it("matches each one to a simulator list with exactly the same values", () => {
    const unmatched = [...enums]
      .filter(([, values]) => {
        const sorted = JSON.stringify([...values].sort());
        return !simulatorLists.some((list) => JSON.stringify(list.values) === sorted);
      })
      .map(([at, values]) => `${at}: ${values.join(", ")}`);
    expect(unmatched).toEqual([]);
  });
});
