import { describe, expect, it } from "vitest";
import {
  composedStructured,
  errorResult,
  rateLimitMeta,
  singleStructured,
  successResult,
} from "../../../src/engine/tools/results";

const figures = { limit: 60, remaining: 12, reset: 24 };

describe("tool results", () => {
  it("carries structured content and the same JSON as text", () => {
    const result = successResult({ id: 1 }, figures);
    expect(result.structuredContent).toEqual({ id: 1 });
    expect(result.content).toEqual([{ type: "text", text: '{"id":1}' }]);
    expect(result._meta).toEqual({
      "ratelimit-limit": 60,
      "ratelimit-remaining": 12,
      "ratelimit-reset": 24,
    });
  });

  it("has no _meta when no upstream call was made", () => {
    expect(successResult({})._meta).toBeUndefined();
  });

  it("errors are text only, without structured content", () => {
    const result = errorResult("broke", figures);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(result._meta).toEqual(rateLimitMeta(figures));
  });

  it("unwraps {data} and keeps a bare {ok, message}", () => {
    expect(singleStructured({ data: { id: 3 } })).toEqual({ id: 3 });
    expect(singleStructured({ ok: true, message: "Archived" })).toEqual({
      ok: true,
      message: "Archived",
    });
    expect(singleStructured({ data: [1] })).toEqual({ result: [1] });
    expect(composedStructured(["a"])).toEqual({ result: ["a"] });
  });
});
