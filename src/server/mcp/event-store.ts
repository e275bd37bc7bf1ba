import type {
  EventStore,
  EventId,
  StreamId,
} from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** Events kept for resumption (SEP-1699 / Last-Event-ID) across all sessions of one server. */
export const MAX_EVENTS = 1_000;
/**
 * Characters of event JSON kept across all sessions of one server. Events are kept as text, so
 * this is what they hold in memory (objects of one class may share an isolate's 128 MB); the
 * newest event is kept even when it alone is larger. A resuming client wants its latest stream,
 * and 2 MiB holds several of the largest tool results.
 */
export const MAX_EVENT_CHARS = 2 * 1024 * 1024;

interface StoredEvent {
  id: EventId;
  session: string;
  streamId: StreamId;
  /** The message as JSON: its size is known, and nothing else keeps it alive once sent. */
  json: string;
}

/**
 * The resumption events of every session of one server, oldest first, bounded in count and in
 * size for the server as a whole: a per-session bound times the number of sessions was still far
 * more than the object's memory. A client that resumes after its events were dropped (or after
 * the object was evicted) starts a new session, as the spec allows.
 */
export class EventBuffer {
  private events: StoredEvent[] = [];
  private chars = 0;
  private seq = 0;

  /** What the buffer holds now (tests and `npm run soak` read it). */
  get size(): { events: number; chars: number } {
    return { events: this.events.length, chars: this.chars };
  }

  /** The event store of one session: it sees, and replays, only that session's events. */
  storeFor(session: string): EventStore {
    return {
      storeEvent: async (streamId, message) => this.store(session, streamId, message),
      getStreamIdForEventId: async (eventId) => this.find(session, eventId)?.streamId,
      replayEventsAfter: async (lastEventId, { send }) => {
        const index = this.events.findIndex((e) => e.id === lastEventId && e.session === session);
        if (index < 0) throw new Error("Unknown Last-Event-ID");
        const { streamId } = this.events[index]!;
        for (const event of this.events.slice(index + 1)) {
          if (event.session !== session || event.streamId !== streamId) continue;
          const message = JSON.parse(event.json) as JSONRPCMessage;
          // Priming events carry an empty message; they are resumption markers, not data.
          if ("jsonrpc" in message) await send(event.id, message);
        }
        return streamId;
      },
    };
  }

  /** Drops a closed session's events. */
  forget(session: string): void {
    this.events = this.events.filter((event) => event.session !== session);
    this.chars = this.events.reduce((sum, event) => sum + event.json.length, 0);
  }

  private store(session: string, streamId: StreamId, message: JSONRPCMessage): EventId {
    const id = `${streamId}_${++this.seq}`;
    const json = JSON.stringify(message);
    this.events.push({ id, session, streamId, json });
    this.chars += json.length;
    while (
      this.events.length > 1 &&
      (this.events.length > MAX_EVENTS || this.chars > MAX_EVENT_CHARS)
    ) {
      this.chars -= this.events.shift()!.json.length;
    }
    return id;
  }

  private find(session: string, eventId: EventId): StoredEvent | undefined {
    return this.events.find((event) => event.id === eventId && event.session === session);
  }
}
