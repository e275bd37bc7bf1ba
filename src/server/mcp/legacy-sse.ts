import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** Comment frames keep idle proxies (an edge cuts idle streams after ~5 min) from closing us. */
const KEEPALIVE_MS = 15_000;

/**
 * Bytes a stream may hold for a reader that does not keep up. The client POSTs and the server
 * answers on this stream, so a client that posts and never reads would grow it without end.
 * Past the bound the stream is closed (and its session with it) rather than queue more: 100
 * streams per server (MAX_LEGACY_SESSIONS) then hold at most 25 MiB of a 128 MB object. A
 * reader that keeps up never queues more than the message in flight, whatever its size.
 */
export const MAX_QUEUED_BYTES = 256 * 1024;

/** The last frame of a stream closed for its reader's delay: says why, in words. */
const TOO_SLOW = `: closed: more than ${MAX_QUEUED_BYTES} bytes were waiting for this client to read them. Read the stream as messages arrive, then connect again.\n\n`;

/**
 * The 2024-11-05 HTTP+SSE transport on Web streams: the GET response is the server→client
 * stream, and the client POSTs each message to the `endpoint` the stream announces.
 */
export class LegacySseTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly response: Response;
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly encoder = new TextEncoder();
  private keepalive: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    readonly sessionId: string,
    endpoint: string,
  ) {
    const stream = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        cancel: () => {
          void this.close();
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: MAX_QUEUED_BYTES }),
    );
    this.response = new Response(stream, {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
      },
    });
    this.write(`event: endpoint\ndata: ${endpoint}\n\n`);
    this.keepalive = setInterval(() => this.write(": keepalive\n\n"), KEEPALIVE_MS);
  }

  async start(): Promise<void> {}

  /** Feeds one POSTed message to the server; false when it is not a JSON-RPC message. */
  receive(body: unknown): boolean {
    const parsed = JSONRPCMessageSchema.safeParse(body);
    if (!parsed.success) return false;
    this.onmessage?.(parsed.data);
    return true;
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.closed) throw new Error("SSE stream is closed");
    this.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    try {
      this.controller.close();
    } catch {
      // Already closed by the client.
    }
    this.onclose?.();
  }

  private write(chunk: string) {
    if (this.closed) return;
    try {
      // desiredSize goes below zero once more than the bound is queued and unread.
      if ((this.controller.desiredSize ?? 0) < 0) {
        this.controller.enqueue(this.encoder.encode(TOO_SLOW));
        void this.close();
        return;
      }
      this.controller.enqueue(this.encoder.encode(chunk));
    } catch {
      void this.close();
    }
  }
}
