import { attachmentLink, mimeOf } from "../resources/mime";
import type { MessageRecord, TicketRecord } from "../types";
import { channelOf, fmt, userOf, type SeedContext } from "./context";

/** Ticket items (§2.2) for seeded tickets, appended in time order so `messages_ids` ascend. */

export type MessageKind = "incoming" | "reply" | "note" | "auto";

export interface MessageSpec {
  kind: MessageKind;
  at: number;
  body: string;
  subject?: string | null;
  /** File names of attachments (photos, invoices). */
  files?: string[];
  /** Author of replies and notes. */
  userId?: number;
}

export function appendMessage(
  ctx: SeedContext,
  ticket: TicketRecord,
  spec: MessageSpec,
): MessageRecord {
  const { rng } = ctx;
  const incoming = spec.kind === "incoming";
  const channel = channelOf(ctx, ticket.channel_id);
  const message: MessageRecord = {
    id: ctx.seq.message.next(),
    external_id: incoming ? `${channel.type.toLowerCase()}-${rng.chars(14)}` : null,
    subject: spec.subject ?? null,
    created_at: fmt(spec.at),
    from_consumer_id: incoming ? ticket.contact_id : null,
    from_user:
      incoming || spec.kind === "auto"
        ? null
        : userOf(ctx, spec.userId ?? ctx.profile.whoamiUserId),
    type: spec.kind === "note" ? "Note" : spec.kind === "auto" ? "AutoReply" : "Message",
    attachments: (spec.files ?? []).map((name) => {
      const id = ctx.seq.attachment.next();
      return { id, name, link: attachmentLink(id), mime: mimeOf(name) };
    }),
    direction: incoming ? "Incoming" : spec.kind === "note" ? "Other" : "Outgoing",
    body: spec.body,
    errors: [],
    ticket_id: ticket.id,
  };
  ctx.data.messages.push(message);
  ticket.messages_ids.push(message.id);
  ticket.last_updated_at = message.created_at;
  if (spec.kind === "reply") ticket.replies += 1;
  return message;
}

/**
 * Reply clock and read flag from the last customer-facing item: waiting on us when the customer
 * wrote last (`time_left_to_reply` in seconds, negative when overdue), `false` otherwise (§2.1).
 */
export function finishTicket(ctx: SeedContext, ticket: TicketRecord): void {
  const items = ctx.data.messages.filter((m) => m.ticket_id === ticket.id && m.type === "Message");
  const last = items[items.length - 1];
  const waiting = ticket.status === "Open" && last?.direction === "Incoming";
  ticket.time_left_to_reply = waiting ? ctx.rng.int(-172_800, 86_400) : false;
  ticket.read = waiting ? ctx.rng.chance(0.45) : true;
}
