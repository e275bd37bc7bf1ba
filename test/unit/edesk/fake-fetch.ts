// A unit-level fake of the network: records what the client sends and answers with canned,
// eDesk-shaped responses (docs/edesk-api.md §2, §3). The e2e layer uses the real simulator.

export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** JSON text, a FormData, or null. */
  body: string | FormData | null;
}

export type Responder = (request: SentRequest, index: number) => Response | Promise<Response>;

/** A fetch that records each request and answers with `respond`. */
export function fakeFetch(respond: Responder) {
  const requests: SentRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const body = init.body;
    const sent: SentRequest = {
      method: init.method ?? "GET",
      url: new URL(String(input)),
      headers: new Headers(init.headers),
      body: body instanceof FormData ? body : typeof body === "string" ? body : null,
    };
    requests.push(sent);
    return respond(sent, requests.length - 1);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** eDesk's error envelope (docs/edesk-api.md §3). */
export function edeskError(
  status: number,
  message: string,
  details: unknown = "",
  headers: Record<string, string> = {},
) {
  return json(status, { error: { httpCode: status, message, details } }, headers);
}

/** A fetch that waits until its signal aborts, then rejects as fetch does. */
export function hangingFetch() {
  const fetch = (_input: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });
  return fetch as typeof globalThis.fetch;
}
