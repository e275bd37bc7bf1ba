import { data, deleted, jsonBody, type Ctx } from "../context";
import { TICKET_STATUS_FILTERS, TICKET_STATUSES } from "../enums";
import { renderTicket } from "../render";
import type { TicketRecord } from "../types";
import { Check } from "../validate";
import { readContactInput, resolveContact } from "./contact-input";
import { mergeCustomFields, readCustomFields } from "./custom-fields";

/** Tickets: get, create, update, custom data, delete (§2.1). The list is in tickets-list.ts. */

// GUESS: the ticket URL shape is undocumented; this is a plausible dashboard link.
export const ticketUri = (id: number) => `https://app.edesk.com/tickets/${id}`;

export function getTicket(c: Ctx) {
  return data(renderTicket(c.store, c.store.c.tickets.require(c.id, "Ticket")));
}

/** POST /tickets: `subject`, `channel_id`, `status` required; `contact_id` or inline `contact`. */
export function createTicket(c: Ctx) {
  const { store } = c;
  const v = new Check(jsonBody(c));
  const subject = v.string("subject", { required: true });
  const channelId = v.ref("channel_id", (id) => store.c.channels.has(id), { required: true });
  const status = v.enumOf("status", TICKET_STATUSES, { required: true });
  const salesOrderId = v.ref("sales_order_id", (id) => store.c.sales_orders.has(id));
  const createdAt = v.datetime("created_at");
  const fullResponse = v.bool("full_response") ?? true;
  const customFields = readCustomFields(v, "custom_fields", store) ?? [];
  const contactId = v.ref("contact_id", (id) => store.c.contacts.has(id));
  const contactCheck = contactId == null ? v.object("contact") : undefined;
  const contactInput = contactCheck && readContactInput(contactCheck);
  v.done();

  const contact = contactInput ? resolveContact(store, contactInput, channelId ?? null) : undefined;
  const id = store.c.tickets.nextId();
  const ticket: TicketRecord = {
    id,
    subject: subject!,
    // GUESS: the create request has no `type`; a generic query is the neutral default.
    type: "Query",
    channel_id: channelId!,
    status: status!,
    sales_order_id: salesOrderId ?? null,
    external_order_id: null,
    created_at: createdAt ?? c.now,
    // "datetime of the last message on the ticket" (§2.1): none yet.
    last_updated_at: null,
    owner_user_id: null,
    custom_fields: customFields,
    time_left_to_reply: false,
    tags_ids: [],
    contact_id: contactId ?? contact?.id ?? null,
    messages_ids: [],
    uri: ticketUri(id),
    replies: 0,
    ai_classification: null,
    read: true,
    priority: false,
  };
  store.c.tickets.put(ticket);
  const order = salesOrderId == null ? undefined : store.c.sales_orders.get(salesOrderId);
  if (order && order.ticket_id === null) store.c.sales_orders.put({ ...order, ticket_id: id });
  // GUESS: with `full_response: false` only the new id is returned (the short form is undocumented).
  return data(fullResponse ? renderTicket(store, ticket) : { id });
}

/** PUT /tickets/{id}: only sent fields change; `tag_ids` replaces `tags_ids` (§2.1). */
export function updateTicket(c: Ctx) {
  const { store } = c;
  const ticket = store.c.tickets.require(c.id, "Ticket");
  const v = new Check(jsonBody(c));
  const subject = v.string("subject");
  const channelId = v.ref("channel_id", (id) => store.c.channels.has(id));
  const status = v.enumOf("status", TICKET_STATUS_FILTERS);
  const salesOrderId = v.ref("sales_order_id", (id) => store.c.sales_orders.has(id));
  const customFields = readCustomFields(v, "custom_fields", store);
  const contactId = v.ref("contact_id", (id) => store.c.contacts.has(id));
  const tagIds = v.refArray("tag_ids", (id) => store.c.tags.has(id));
  // GUESS: `owner_user_id: null` unassigns the ticket.
  const owner = v.ref("owner_user_id", (id) => store.c.users.has(id), { nullable: true });
  v.done();

  const next: TicketRecord = { ...ticket };
  if (subject != null) next.subject = subject;
  if (channelId != null) next.channel_id = channelId;
  if (status === "Read" || status === "Unread") next.read = status === "Read";
  else if (status === "Priority" || status === "Unpriority") next.priority = status === "Priority";
  else if (status) next.status = status;
  if (salesOrderId != null) next.sales_order_id = salesOrderId;
  if (customFields) next.custom_fields = mergeCustomFields(ticket.custom_fields, customFields);
  if (contactId != null) next.contact_id = contactId;
  if (tagIds) next.tags_ids = [...new Set(tagIds)];
  if (owner !== undefined) next.owner_user_id = owner;
  store.c.tickets.put(next);
  return data(renderTicket(store, next));
}

/** PUT /tickets/{id}/data: `custom_fields` only (§2.1); values must fit the field type (4018). */
export function updateTicketData(c: Ctx) {
  const { store } = c;
  const ticket = store.c.tickets.require(c.id, "Ticket");
  const v = new Check(jsonBody(c));
  const customFields = readCustomFields(v, "custom_fields", store, { required: true });
  v.done();
  const next = { ...ticket, custom_fields: mergeCustomFields(ticket.custom_fields, customFields!) };
  store.c.tickets.put(next);
  return data(renderTicket(store, next));
}

/** DELETE /tickets/{id}: the live API archives the ticket and keeps it (§2.1, §6). */
export function deleteTicket(c: Ctx) {
  const ticket = c.store.c.tickets.require(c.id, "Ticket");
  c.store.c.tickets.put({ ...ticket, status: "Archived" });
  return deleted("Ticket archived");
}
