import type {
  EventStore,
  EventId,
  StreamId,
} from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/** Events kept per session for resumption (SEP-1699 / Last-Event-ID); older ones are dropped. */
const MAX_EVENTS = 200;

interface StoredEvent {
  id: EventId;
  streamId: StreamId;
  message: JSONRPCMessage;
}

/**
 * In-memory event store of one session. It lives as long as the session's Durable Object
 * instance; a client that resumes after eviction starts a new session, as the spec allows.
 */
export class MemoryEventStore implements EventStore {
  private events: StoredEvent[] = [];
  private seq = 0;

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    const id = `${streamId}_${++this.seq}`;
    this.events.push({ id, streamId, message });
    if (this.events.length > MAX_EVENTS) this.events.shift();
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    return this.events.find((event) => event.id === eventId)?.streamId;
  }

  async replayEventsAfter(
    lastEventId: EventId,
    { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> },
  ): Promise<StreamId> {
    const index = this.events.findIndex((event) => event.id === lastEventId);
    if (index < 0) throw new Error("Unknown Last-Event-ID");
    const { streamId } = this.events[index]!;
    for (const event of this.events.slice(index + 1)) {
      // Priming events carry an empty message; they are resumption markers, not data.
      if (event.streamId === streamId && "jsonrpc" in event.message) {
        await send(event.id, event.message);
      }
    }
    return streamId;
  }
}
