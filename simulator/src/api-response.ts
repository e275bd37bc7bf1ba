import type { ApiResponse } from "./context";

/**
 * A body that declares `whole`'s full length, sends its first half and then breaks: what a
 * connection dropped mid-body looks like. workerd cannot reset a socket on purpose; a
 * fixed-length body that ends short is the closest it gets, because the runtime must then close
 * the connection instead of finishing the response.
 */
function droppedBody(whole: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(whole);
  const { readable, writable } = new FixedLengthStream(bytes.length);
  const writer = writable.getWriter();
  void (async () => {
    await writer.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
    await writer.abort(new Error("simulated connection reset"));
  })().catch(() => {});
  return readable;
}

/**
 * The HTTP answer for one `/v1` call.
 *
 * An injected `reset` fault sends status 200, headers with `content-length` of the whole body,
 * half of the body, then the connection closes. Measured under `wrangler dev` (workerd
 * 1.20260426): Node's fetch resolves with the 200 and `response.text()` rejects with
 * `TypeError: terminated` (cause `UND_ERR_SOCKET`, "other side closed"); node:http emits
 * `aborted` / ECONNRESET with `complete: false`; the worker's own `fetch` rejects its body read
 * with a network error (its tool result: "Could not reach eDesk (network error …)"). Inside one
 * workerd (vitest-pool-workers `SELF.fetch`) the body read rejects with the stream's error.
 * Two details make it so: without a declared length the runtime ends a broken chunked body
 * cleanly (the caller saw a complete, shorter 200), and the runtime's own gzip for callers that
 * accept it buffered the half and ended with an empty body, hence `content-encoding: identity`
 * and `encodeBody: "manual"`.
 */
export function toHttpResponse(res: ApiResponse): Response {
  const headers: Record<string, string> = {
    "content-type": res.contentType ?? "application/json",
  };
  if (res.retryAfter) headers["retry-after"] = String(res.retryAfter);
  if (res.fault !== "reset") return new Response(res.json, { status: res.status, headers });
  headers["content-encoding"] = "identity";
  return new Response(droppedBody(res.json), { status: res.status, headers, encodeBody: "manual" });
}
