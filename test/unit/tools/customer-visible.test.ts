import { describe, expect, it } from "vitest";
import { catalogTools } from "../../../src/catalog/index";
import { toolSetFor } from "../../../src/engine/tools/toolset";
import { json } from "../edesk/fake-fetch";
import { fakeContext, text } from "./fixtures";

const UPDATE = "update_a_e_desk_template_by_id";
const template = (usage: string, active: boolean) => ({
  id: 4,
  name: "Thanks",
  body_text: "Thank you for your message.",
  template_usage: usage,
  template_type: ["Consumer"],
  active,
});

describe("customer-visible writes", () => {
  const set = toolSetFor({});

  it("refuses a template update that makes an active automatic reply, sending nothing", async () => {
    for (const usage of ["Auto", "Rule", "OutOfOffice"]) {
      const { ctx, requests } = fakeContext(() => json(200, { data: { id: 4 } }));
      const result = await set.call(UPDATE, template(usage, true), ctx);
      expect(result.isError, usage).toBe(true);
      expect(text(result)).toMatch(/^Refused: .*automatically by eDesk/);
      expect(text(result)).toContain(`template_usage "${usage}" and active true`);
      expect(requests).toHaveLength(0);
    }
  });

  it("lets the same update through when inactive or for agents' use", async () => {
    for (const args of [template("Auto", false), template("ManualAuto", true)]) {
      const { ctx, requests } = fakeContext(() => json(200, { data: { id: 4 } }));
      const result = await set.call(UPDATE, args, ctx);
      expect(result.isError).toBeUndefined();
      expect(requests).toHaveLength(1);
    }
  });

  it("marks the rule on the catalog operation, with a reason and arguments it declares", () => {
    const marked = catalogTools().filter((tool) => tool.operation.customerVisible);
    expect(marked.map((tool) => tool.name)).toContain(UPDATE);
    for (const tool of marked) {
      const rule = tool.operation.customerVisible!;
      expect(rule.reason.length, tool.name).toBeGreaterThan(20);
      for (const name of Object.keys(rule.when)) {
        expect(tool.operation.fields, tool.name).toHaveProperty(name);
      }
    }
  });
});
