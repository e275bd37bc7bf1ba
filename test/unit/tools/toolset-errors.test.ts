import { afterEach, describe, expect, it, vi } from "vitest";
import { createEdeskClient } from "../../../src/edesk/client";
import { createToolSet } from "../../../src/engine/tools/toolset";
import { edeskError, hangingFetch, json } from "../edesk/fake-fetch";
import { fakeContext, fixtureTools, text } from "./fixtures";

const all = createToolSet(fixtureTools(), {});

afterEach(() => {
  vi.useRealTimers();
});

describe("eDesk failures as error results (docs/edesk-api.md §3)", () => {
  async function failWith(
    response: () => Response | Promise<Response>,
    name = "create_a_e_desk_ticket",
  ) {
    const { ctx } = fakeContext(response);
    const args = name === "create_a_e_desk_ticket" ? { subject: "s", channel_id: 1 } : { id: 1 };
    const result = await all.call(name, args, ctx);
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    return result;
  }

  it("400: each field with its code and meaning", async () => {
    const result = await failWith(() =>
      edeskError(400, "Validation failed", {
        channel_id: { errorCode: "4002" },
        subject: { errorCode: "4020" },
      }),
    );
    expect(text(result)).toContain("- channel_id: object not found (error 4002)");
    expect(text(result)).toContain("- subject: too many characters (error 4020)");
    expect(result._meta).toHaveProperty("ratelimit-limit", 60);
  });

  it("401: an operator must rotate the credentials", async () => {
    const result = await failWith(() => edeskError(401, "Unauthorized"));
    expect(text(result)).toContain("an operator must rotate the account's credentials");
  });

  it("404: the id is wrong", async () => {
    const result = await failWith(
      () => edeskError(404, "Not found"),
      "get_single_e_desk_ticket_by_id",
    );
    expect(text(result)).toContain("HTTP 404");
  });

  it("429: when to retry, no automatic retry of writes, and the three figures", async () => {
    const result = await failWith(() =>
      json(
        429,
        { error: { httpCode: 429, message: "Too many requests", details: "Out of quota" } },
        { "retry-after": "3" },
      ),
    );
    expect(text(result)).toContain("Retry in 3 s");
    expect(text(result)).toContain("writes are never retried automatically");
    expect(result._meta).toEqual({
      "ratelimit-limit": 60,
      "ratelimit-remaining": 0,
      "ratelimit-reset": 3,
    });
  });

  it("5xx: an eDesk fault, check before repeating a write", async () => {
    const result = await failWith(() => edeskError(500, "Internal"));
    expect(text(result)).toContain("eDesk failed with HTTP 500");
    expect(text(result)).toContain("check the current state");
  });

  it("non-JSON success: bad response", async () => {
    const result = await failWith(() => new Response("<html>", { status: 200 }));
    expect(text(result)).toContain("not JSON");
  });

  it("network error: unreachable", async () => {
    const result = await failWith(() => Promise.reject(new TypeError("fetch failed")));
    expect(text(result)).toContain("Could not reach eDesk");
  });

  it("timeout: says how long it waited", async () => {
    vi.useFakeTimers();
    const client = createEdeskClient({
      baseUrl: "https://x.test/v1",
      apiToken: "t0k3n",
      fetch: hangingFetch(),
    });
    const statuses: (number | null)[] = [];
    const pending = all.call(
      "get_single_e_desk_ticket_by_id",
      { id: 1 },
      {
        client,
        onUpstream: (info) => statuses.push(info.status),
      },
    );
    await vi.advanceTimersByTimeAsync(15_000);
    const result = await pending;
    expect(result.isError).toBe(true);
    expect(text(result)).toContain("did not answer within 15 s");
    expect(statuses).toEqual([null]);
  });

  it("never retries: one failed write is one request", async () => {
    const { ctx, requests } = fakeContext(() => edeskError(503, "Unavailable"));
    await all.call("create_a_e_desk_ticket", { subject: "s", channel_id: 1 }, ctx);
    expect(requests).toHaveLength(1);
  });
});
