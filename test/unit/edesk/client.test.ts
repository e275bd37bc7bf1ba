import { afterEach, describe, expect, it, vi } from "vitest";
import { buildUrl, createEdeskClient } from "../../../src/edesk/client";
import { EdeskError } from "../../../src/edesk/errors";
import { accountLimiter, RateLimitTracker } from "../../../src/edesk/rate-limit";
import { NO_RETRY, type RetryPolicy } from "../../../src/edesk/retry";
import { edeskError, fakeFetch, hangingFetch, json, type Responder } from "./fake-fetch";

const TOKEN = "secret-token-abc123";
const BASE = "https://api.edesk.test/v1";

function client(
  respond: Responder,
  extra: {
    timeoutMs?: number;
    retry?: RetryPolicy;
    budget?: () => Promise<EdeskError | undefined>;
  } = {},
) {
  const net = fakeFetch(respond);
  const tracker = new RateLimitTracker({ now: () => 0 });
  const edesk = createEdeskClient({
    baseUrl: BASE,
    apiToken: TOKEN,
    fetch: net.fetch,
    limiter: accountLimiter("acct", tracker),
    // Retries have their own tests below; elsewhere one answer means one outcome.
    retry: NO_RETRY,
    ...extra,
  });
  return { edesk, requests: net.requests, tracker };
}

async function failure(promise: Promise<unknown>): Promise<EdeskError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(EdeskError);
  return error as EdeskError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("eDesk client requests (docs/edesk-api.md §1)", () => {
  it("sends baseUrl + path + query with bearer auth and Accept JSON", async () => {
    const { edesk, requests } = client(() => json(200, { data: [] }));
    await edesk.request({
      method: "GET",
      path: "/tickets",
      query: { page: "2", itemsPerPage: "5" },
    });
    const [sent] = requests;
    expect(sent.url.href).toBe(`${BASE}/tickets?page=2&itemsPerPage=5`);
    expect(sent.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers.get("accept")).toBe("application/json");
    expect(sent.headers.get("content-type")).toBeNull();
    expect(sent.body).toBeNull();
  });

  it("asks the budget before every request and sends nothing it refuses", async () => {
    const refusal = new EdeskError("rate_limited", "over budget", {
      method: "",
      path: "",
      status: null,
    });
    let left = 1;
    const { edesk, requests } = client(() => json(200, { data: {} }), {
      budget: async () => (left-- > 0 ? undefined : refusal),
    });
    await edesk.request({ method: "GET", path: "/tags" });
    expect(await failure(edesk.request({ method: "POST", path: "/tags", body: {} }))).toBe(refusal);
    expect(requests).toHaveLength(1);
  });

  it("sends a JSON body with its content type", async () => {
    const { edesk, requests } = client(() => json(200, { data: { id: 1 } }));
    await edesk.request({ method: "POST", path: "/tags", body: { name: "VIP", tag_group_id: 3 } });
    expect(requests[0].headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(requests[0].body as string)).toEqual({ name: "VIP", tag_group_id: 3 });
  });

  it("passes a FormData body through and lets fetch set the multipart type", async () => {
    const { edesk, requests } = client(() => json(200, { data: { id: 1 } }));
    const form = new FormData();
    form.append("attachmentType", "Invoice");
    await edesk.request({ method: "POST", path: "/order-notes/1/attachments", form });
    expect(requests[0].body).toBe(form);
    expect(requests[0].headers.get("content-type")).toBeNull();
  });

  it("returns the parsed body and the rate-limit figures after the call", async () => {
    const { edesk } = client(() => json(200, { data: { id: 9 } }));
    const response = await edesk.request({ method: "GET", path: "/tickets/9" });
    expect(response.body).toEqual({ data: { id: 9 } });
    expect(response.ratelimit).toEqual({ limit: 60, remaining: 59, reset: 1 });
  });

  it("reads a top-level {ok, message} delete answer as it is", async () => {
    const { edesk } = client(() => json(200, { ok: true, message: "Archived" }));
    const response = await edesk.request({ method: "DELETE", path: "/tickets/9" });
    expect(response.body).toEqual({ ok: true, message: "Archived" });
  });

  it("refuses a path that could leave the API root", () => {
    expect(() => buildUrl(BASE, { method: "GET", path: "/../admin" })).toThrow();
    expect(() => buildUrl(BASE, { method: "GET", path: "tickets" })).toThrow();
  });
});

describe("eDesk client failures (docs/edesk-api.md §3)", () => {
  it("turns a 400 into a validation error with field codes", async () => {
    const { edesk } = client(() =>
      edeskError(400, "Validation failed", { channel_id: { errorCode: "4002" } }),
    );
    const error = await failure(edesk.request({ method: "POST", path: "/tickets", body: {} }));
    expect(error.kind).toBe("validation");
    expect(error.fields).toEqual([
      { field: "channel_id", code: "4002", meaning: "object not found" },
    ]);
  });

  it("never repeats the API token, even when eDesk echoes it", async () => {
    const { edesk } = client(() => edeskError(401, `Token ${TOKEN} expired`));
    const error = await failure(edesk.request({ method: "GET", path: "/whoami" }));
    expect(error.kind).toBe("auth");
    expect(error.message).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });

  it("scrubs the API token from 2xx bodies too, in its base64 and base64url forms", async () => {
    const b64 = (text: string) => btoa(text);
    const { edesk } = client(() =>
      json(200, {
        data: {
          echo: `token ${TOKEN}`,
          basic: b64(`user:${TOKEN}`),
          aligned: b64(TOKEN),
          url: b64(`x${TOKEN}`).replace(/\+/g, "-").replace(/\//g, "_"),
          shifted: b64(`xy${TOKEN}`),
        },
      }),
    );
    const response = await edesk.request({ method: "GET", path: "/whoami" });
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(TOKEN);
    for (const offset of ["", "x", "xy"]) {
      const encoded = b64(`${offset}${TOKEN}`);
      // The middle of each encoding depends on the token alone; none of it may remain.
      expect(text).not.toContain(encoded.slice(4, -4));
    }
    expect(text).toContain("<redacted>");
  });

  it("does not follow redirects: a 3xx is a bad_response that passes no body on", async () => {
    const seen: RequestInit[] = [];
    const edesk = createEdeskClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      retry: NO_RETRY,
      fetch: (async (_input: RequestInfo | URL, init: RequestInit = {}) => {
        seen.push(init);
        return new Response('{"data": {"from": "a third party"}}', {
          status: 307,
          headers: { location: "https://elsewhere.example/x", "content-type": "application/json" },
        });
      }) as typeof fetch,
    });
    const error = await failure(edesk.request({ method: "POST", path: "/tickets", body: {} }));
    expect(seen.map((init) => init.redirect)).toEqual(["manual"]);
    expect(error.kind).toBe("bad_response");
    expect(error.status).toBe(307);
    expect(error.message).toContain("redirect");
    expect(JSON.stringify(error)).not.toContain("third party");
  });

  it("records a 429 with its Retry-After in the error's figures", async () => {
    const { edesk } = client(() =>
      json(
        429,
        { error: { httpCode: 429, message: "Too many requests", details: "Out of quota" } },
        {
          "retry-after": "7",
        },
      ),
    );
    const error = await failure(edesk.request({ method: "GET", path: "/tickets" }));
    expect(error.kind).toBe("rate_limited");
    expect(error.ratelimit).toEqual({ limit: 60, remaining: 0, reset: 7 });
    expect(error.message).toContain("Retry in 7 s");
  });

  it("classifies 404 and 5xx", async () => {
    const { edesk } = client((_, i) =>
      i === 0 ? edeskError(404, "Not found") : edeskError(502, "Bad gateway"),
    );
    expect((await failure(edesk.request({ method: "GET", path: "/tags/1" }))).kind).toBe(
      "not_found",
    );
    expect((await failure(edesk.request({ method: "GET", path: "/tags/1" }))).kind).toBe(
      "upstream",
    );
  });

  it("classifies an HTML error page by its status", async () => {
    const { edesk } = client(() => new Response("<html>oops</html>", { status: 503 }));
    const error = await failure(edesk.request({ method: "GET", path: "/tags" }));
    expect(error.kind).toBe("upstream");
    expect(error.status).toBe(503);
  });

  it("makes a non-JSON success a bad_response", async () => {
    const { edesk } = client(() => new Response("<html>", { status: 200 }));
    const error = await failure(edesk.request({ method: "GET", path: "/tags" }));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toContain("not JSON");
  });

  it("makes a JSON success that is not an object a bad_response", async () => {
    const { edesk } = client(() => json(200, [1, 2]));
    expect((await failure(edesk.request({ method: "GET", path: "/tags" }))).kind).toBe(
      "bad_response",
    );
  });

  it("reads an empty success body as an empty object", async () => {
    const { edesk } = client(() => new Response(null, { status: 200 }));
    expect((await edesk.request({ method: "DELETE", path: "/tags/1" })).body).toEqual({});
  });

  it("makes a network failure unreachable", async () => {
    const { edesk } = client(() => Promise.reject(new TypeError("connection refused")));
    const error = await failure(edesk.request({ method: "GET", path: "/tags" }));
    expect(error.kind).toBe("unreachable");
    expect(error.status).toBeNull();
  });

  it("times out a call that takes longer than timeoutMs", async () => {
    vi.useFakeTimers();
    const edesk = createEdeskClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      fetch: hangingFetch(),
      timeoutMs: 15_000,
    });
    const pending = failure(edesk.request({ method: "POST", path: "/messages", body: {} }));
    await vi.advanceTimersByTimeAsync(15_000);
    const error = await pending;
    expect(error.kind).toBe("timeout");
    expect(error.message).toContain("may or may not have been applied");
  });

  it("lets a caller's cancellation through as it came, not as an eDesk error", async () => {
    const edesk = createEdeskClient({ baseUrl: BASE, apiToken: TOKEN, fetch: hangingFetch() });
    const caller = new AbortController();
    const pending = edesk.request({ method: "GET", path: "/tags" }, caller.signal);
    caller.abort(new Error("cancelled by client"));
    await expect(pending).rejects.toThrow("cancelled by client");
  });
});

describe("retries (reads only, bounded)", () => {
  const QUICK = { delaysMs: [10, 10], maxRetryAfterMs: 2000 };

  it("sends a read again after a 503 and returns the answer that succeeds", async () => {
    const { edesk, requests } = client(
      (_, i) => (i === 0 ? edeskError(503, "Unavailable") : json(200, { data: { id: 1 } })),
      { retry: QUICK },
    );
    const response = await edesk.request({ method: "GET", path: "/tickets/1" });
    expect(response.body).toEqual({ data: { id: 1 } });
    expect(requests).toHaveLength(2);
  });

  it("retries a read after a dropped connection and a cut-off body", async () => {
    const { edesk, requests } = client(
      (_, i) => {
        if (i === 0) return Promise.reject(new TypeError("connection reset"));
        if (i === 1) return new Response('{"data": {"id"', { status: 200 });
        return json(200, { data: { id: 2 } });
      },
      { retry: QUICK },
    );
    expect((await edesk.request({ method: "GET", path: "/tickets/2" })).body).toEqual({
      data: { id: 2 },
    });
    expect(requests).toHaveLength(3);
  });

  it("gives up after the policy's retries and says how often it tried", async () => {
    const { edesk, requests } = client(() => edeskError(502, "Bad gateway"), { retry: QUICK });
    const error = await failure(edesk.request({ method: "GET", path: "/tags" }));
    expect(error.kind).toBe("upstream");
    expect(requests).toHaveLength(3);
    expect(error.message).toContain("tried 3 times in a row");
  });

  it("never repeats a write, whatever the failure", async () => {
    for (const respond of [
      () => edeskError(502, "Bad gateway"),
      () => Promise.reject(new TypeError("connection reset")),
      () => new Response("<html>", { status: 200 }),
    ]) {
      const { edesk, requests } = client(respond, { retry: QUICK });
      const error = await failure(edesk.request({ method: "POST", path: "/messages", body: {} }));
      expect(requests).toHaveLength(1);
      expect(error.message).not.toContain("times in a row");
    }
  });

  it("does not retry a 500, a 429, a 4xx or a timeout", async () => {
    for (const respond of [
      () => edeskError(500, "Failed to parse time string"),
      () => edeskError(429, "Too many requests", "Out of quota"),
      () => edeskError(400, "Bad request", { x: { errorCode: "4001" } }),
      () => edeskError(401, "Unauthorized"),
      () => edeskError(404, "Not found"),
    ]) {
      const { edesk, requests } = client(respond, { retry: QUICK });
      await failure(edesk.request({ method: "GET", path: "/tickets/1" }));
      expect(requests).toHaveLength(1);
    }
    const net = { calls: 0 };
    const hanging = hangingFetch();
    const edesk = createEdeskClient({
      baseUrl: BASE,
      apiToken: TOKEN,
      timeoutMs: 20,
      retry: QUICK,
      fetch: (input, init) => {
        net.calls++;
        return hanging(input, init);
      },
    });
    expect((await failure(edesk.request({ method: "GET", path: "/tags" }))).kind).toBe("timeout");
    expect(net.calls).toBe(1);
  });

  it("waits a short Retry-After on a 503 instead of the planned delay", async () => {
    vi.useFakeTimers();
    const { edesk, requests } = client(
      (_, i) =>
        i === 0
          ? edeskError(503, "Unavailable", "", { "retry-after": "2" })
          : json(200, { data: {} }),
      { retry: { delaysMs: [10], maxRetryAfterMs: 2000 } },
    );
    const pending = edesk.request({ method: "GET", path: "/tags" });
    await vi.advanceTimersByTimeAsync(1999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(requests).toHaveLength(2);
  });

  it("stops waiting to retry as soon as the caller cancels", async () => {
    const { edesk, requests } = client(() => edeskError(503, "Unavailable"), {
      retry: { delaysMs: [60_000], maxRetryAfterMs: 0 },
    });
    const caller = new AbortController();
    const pending = edesk.request({ method: "GET", path: "/tags" }, caller.signal);
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    caller.abort(new Error("cancelled by client"));
    await expect(pending).rejects.toThrow("cancelled by client");
  });
});
