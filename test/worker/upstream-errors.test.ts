import { afterEach, describe, expect, it, vi } from "vitest";
import { adminApi } from "./helpers";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("checking a token while eDesk is unreachable", () => {
  it("answers 502 upstream_unavailable without echoing the token", async () => {
    // The worker runs in the test's isolate, so this stands in for a network failure.
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("connect ECONNREFUSED"));
    const res = await adminApi("POST", "/api/integrated-account", {
      integration: "edesk",
      credentials: { api_token: "secret-token-value" },
    });
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe("upstream_unavailable");
    expect(JSON.stringify(res.body)).not.toContain("secret-token-value");
  });
});
