import { data, deleted, jsonBody, type Ctx } from "../context";
import { MESSAGE_CREATE_DIRECTIONS, MESSAGE_CREATE_TYPES, MESSAGE_UPDATE_TYPES } from "../enums";
import { fieldError } from "../errors";
import { copy } from "../render";
import type { Attachment, MessageRecord, TicketRecord } from "../types";
import { Check } from "../validate";
import { attachmentLink, isFileUrl, mimeOf } from "./mime";

/** Messages (ticket items): create, get, update, delete (§2.2). There is no list endpoint. */

export function getMessage(c: Ctx) {
  return data(copy(c.store.c.messages.require(c.id, "Message")));
}

/** Attachments by URL `[{name, url}]`; eDesk fetches the file, so the url must be http(s) (4011). */
function readAttachments(c: Ctx, v: Check): Attachment[] {
  const items = v.items("attachments") ?? [];
  return items.flatMap((item) => {
    const name = item.string("name", { required: true });
    const url = item.string("url", { required: true });
    if (url && !isFileUrl(url)) item.fail("url", "4011");
    if (!name || !url) return [];
    return [{ id: 0, name, link: null, mime: mimeOf(name) }];
  });
}

/** POST /messages: `ticket_id`, `body`, `type` (`Message|Note`) required (§2.2). */
export function createMessage(c: Ctx) {
  const { store } = c;
  const v = new Check(jsonBody(c));
  const ticketId = v.ref("ticket_id", (id) => store.c.tickets.has(id), { required: true });
  const body = v.string("body", { required: true });
  const type = v.enumOf("type", MESSAGE_CREATE_TYPES, { required: true });
  const subject = v.string("subject");
  const createdAt = v.datetime("created_at");
  const fullResponse = v.bool("full_response") ?? true;
  const direction = v.enumOf("direction", MESSAGE_CREATE_DIRECTIONS);
  // `send: true` relays the reply to the channel live (§2.2); the simulator makes no external
  // call, so the flag is only validated.
  v.bool("send");
  const attachments = readAttachments(c, v);
  v.done();

  const ticket = store.c.tickets.require(ticketId!, "Ticket");
  // GUESS: without `direction`, a Message is an agent reply (Outgoing) and a Note is an internal
  // item (Other); an Incoming item is attributed to the ticket's customer.
  const dir = direction ?? (type === "Message" ? "Outgoing" : "Other");
  const incoming = dir === "Incoming";
  const message: MessageRecord = {
    id: store.c.messages.nextId(),
    external_id: null,
    subject: subject ?? null,
    created_at: createdAt ?? c.now,
    from_consumer_id: incoming ? ticket.contact_id : null,
    from_user: incoming ? null : store.whoami(),
    type: type!,
    attachments: attachments.map((a) => {
      const id = store.nextAttachmentId();
      return { ...a, id, link: attachmentLink(id) };
    }),
    direction: dir,
    body: body!,
    errors: [],
    ticket_id: ticket.id,
  };
  store.c.messages.put(message);
  store.c.tickets.put(afterNewMessage(ticket, message));
  // GUESS: with `full_response: false` only the new id is returned (the short form is undocumented).
  return data(fullResponse ? copy(message) : { id: message.id });
}

/** The ticket after a new item: listed last, `last_updated_at` and reply counters follow it. */
function afterNewMessage(ticket: TicketRecord, m: MessageRecord): TicketRecord {
  const last = ticket.last_updated_at;
  const reply = m.type === "Message" && m.direction === "Outgoing";
  const customerWrote = m.type === "Message" && m.direction === "Incoming";
  return {
    ...ticket,
    messages_ids: [...ticket.messages_ids, m.id],
    last_updated_at: last === null || m.created_at > last ? m.created_at : last,
    replies: ticket.replies + (reply ? 1 : 0),
    read: customerWrote ? false : ticket.read,
    // GUESS: a reply stops the reply clock (observed as `false`, §2.1); a customer message
    // starts a one-day clock.
    time_left_to_reply: reply ? false : customerWrote ? 86_400 : ticket.time_left_to_reply,
  };
}

/**
 * Only notes can be changed or removed.
 * GUESS (§2.2 INFERRED): editing or deleting any other item type is refused as a 400 on `type`
 * with 4007, matching "type: only Note accepted".
 */
function requireNote(c: Ctx): MessageRecord {
  const message = c.store.c.messages.require(c.id, "Message");
  if (message.type !== "Note") throw fieldError("type", "4007");
  return message;
}

/** PUT /messages/{id}: optional `subject`, `body`, `type` (only `Note`) (§2.2). */
export function updateMessage(c: Ctx) {
  const message = requireNote(c);
  const v = new Check(jsonBody(c));
  const subject = v.string("subject");
  const body = v.string("body");
  v.enumOf("type", MESSAGE_UPDATE_TYPES);
  v.done();
  const next = { ...message };
  if (subject != null) next.subject = subject;
  if (body != null) next.body = body;
  c.store.c.messages.put(next);
  return data(copy(next));
}

/** DELETE /messages/{id}: removes the note and its id from the ticket's `messages_ids`. */
export function deleteMessage(c: Ctx) {
  const message = requireNote(c);
  c.store.c.messages.remove(message.id);
  const ticket = c.store.c.tickets.get(message.ticket_id);
  if (ticket) {
    const ids = ticket.messages_ids.filter((id) => id !== message.id);
    c.store.c.tickets.put({ ...ticket, messages_ids: ids });
  }
  return deleted("Message deleted");
}
