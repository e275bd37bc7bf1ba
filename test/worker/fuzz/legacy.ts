import { createExecutionContext, env } from "cloudflare:test";
import worker from "../../../src/index";
import type { Observed } from "./oracle";
import { BOUND_MS, bounded, isTimeout, send } from "./send";

const ORIGIN = "https://mcp.example.com";

interface Event {
  event: string;
  data: string;
}

/**
 * A legacy HTTP+SSE (2024-11-05) session: the GET stream, the `endpoint` it announced, and
 * the messages it carried. Answers to POSTed requests arrive on the stream, not in the POST.
 */
export class LegacySession {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = "";
  private events: Event[] = [];
  private ended = false;
  /** Everything the stream carried after the `endpoint` event, for the leak checks. */
  text = "";
  endpoint = "";

  private constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** Opens `GET <server>/sse` and reads the `endpoint` event. */
  static async open(serverUrl: string): Promise<LegacySession> {
    const response = await worker.fetch(
      new Request(`${serverUrl}/sse`, { headers: { accept: "text/event-stream" } }),
      env,
      createExecutionContext(),
    );
    if (response.status !== 200 || !response.body) {
      throw new Error(`legacy stream: ${response.status} ${await response.text()}`);
    }
    const session = new LegacySession(response.body);
    const first = await session.next(() => true);
    if (!first || first.event !== "endpoint") throw new Error("legacy stream: no endpoint event");
    session.endpoint = `${ORIGIN}${first.data}`;
    session.text = "";
    return session;
  }

  get sessionId(): string {
    return new URL(this.endpoint).searchParams.get("sessionId") ?? "";
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Drops messages no case waits for any more (answers to earlier cases). */
  forget(): void {
    this.events = [];
  }

  /** POSTs a body to the announced endpoint (or another URL) and observes the HTTP answer. */
  post(body: string | Uint8Array, url = this.endpoint): Promise<Observed> {
    return send({
      method: "POST",
      url,
      headers: [["content-type", "application/json"]],
      body,
      via: "direct",
    });
  }

  /** The JSON-RPC message answering `id`, or null if none came within the bound. */
  async answer(id: string | number): Promise<unknown | null> {
    const want = JSON.stringify(id);
    const event = await this.next((e) => {
      if (e.event !== "message") return false;
      try {
        return JSON.stringify((JSON.parse(e.data) as { id?: unknown }).id) === want;
      } catch {
        return false;
      }
    });
    return event ? JSON.parse(event.data) : null;
  }

  /** Reads until an event matches; null when the bound passes or the stream ends first. */
  private async next(match: (event: Event) => boolean): Promise<Event | null> {
    const found = () => {
      const at = this.events.findIndex(match);
      return at < 0 ? undefined : this.events.splice(at, 1)[0];
    };
    const work = (async () => {
      for (;;) {
        const event = found();
        if (event) return event;
        if (this.ended) return null;
        const { value, done } = await this.reader.read();
        if (done) {
          this.ended = true;
          continue;
        }
        const chunk = this.decoder.decode(value, { stream: true });
        this.text += chunk;
        this.buffer += chunk;
        this.parse();
      }
    })();
    const result = await bounded(work, BOUND_MS);
    return isTimeout(result) ? null : result;
  }

  private parse() {
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const event: Event = { event: "message", data: "" };
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event.event = line.slice(6).trim();
        else if (line.startsWith("data:")) event.data += line.slice(5).trim();
      }
      if (event.data) this.events.push(event);
    }
  }

  async close(): Promise<void> {
    this.ended = true;
    await this.reader.cancel().catch(() => {});
  }
}
