import type { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";

interface TransportInternals {
  _streamMapping: Map<string, { resolveJson?: unknown }>;
  _requestToStreamMapping: Map<unknown, string>;
}

/**
 * Drops the SDK transport's bookkeeping for JSON responses already sent. SDK 1.32.2 (pinned)
 * never runs the cleanup of a JSON-mode stream, so every JSON POST leaves an entry whose
 * resolver keeps its Response alive: about 1 KB per call that a long-lived session object
 * never frees (typescript-sdk#2559; measured by `npm run soak`). A stream still awaited has a
 * request id in `_requestToStreamMapping`, so only settled ones are removed.
 */
export function releaseSettledJsonStreams(transport: WebStandardStreamableHTTPServerTransport) {
  const internals = transport as unknown as TransportInternals;
  const streams = internals._streamMapping;
  const requests = internals._requestToStreamMapping;
  if (!(streams instanceof Map) || !(requests instanceof Map)) return;
  const pending = new Set(requests.values());
  for (const [streamId, stream] of streams) {
    if (stream.resolveJson && !pending.has(streamId)) streams.delete(streamId);
  }
}
