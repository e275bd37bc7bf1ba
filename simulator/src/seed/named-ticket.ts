import { ticketUri } from "../resources/tickets";
import type { Contact, SalesOrderRecord, TicketRecord } from "../types";
import { makeContact, type SeedContext } from "./context";
import { appendMessage, finishTicket, type MessageSpec } from "./messages";

/** Helpers for hand-written seed records (demo-named.ts, demo-neighbours.ts). */

export const at = (datetime: string) => Date.parse(`${datetime.replace(" ", "T")}Z`);

export function namedContact(
  ctx: SeedContext,
  used: Set<string>,
  channelId: number,
  name: string,
  email: string,
  phone: string | null,
): Contact {
  const record = { ...makeContact(ctx, channelId, name, used), email, phone_number: phone };
  ctx.data.contacts.push(record);
  return record;
}

export function productIndex(ctx: SeedContext, sku: string): number {
  return ctx.profile.products.findIndex((p) => p.sku === sku);
}

export interface NamedTicket {
  id: number;
  created: string;
  subject: string;
  type: string;
  status: string;
  contact: Contact;
  order: SalesOrderRecord | null;
  owner: number | null;
  tags: number[];
  ai: string;
  messages: (Omit<MessageSpec, "at"> & { at: string })[];
}

export function namedTicket(ctx: SeedContext, spec: NamedTicket): TicketRecord {
  const t: TicketRecord = {
    id: spec.id,
    subject: spec.subject,
    type: spec.type,
    channel_id: spec.order?.channel_id ?? spec.contact.channel_id!,
    status: spec.status,
    sales_order_id: spec.order?.id ?? null,
    external_order_id: null,
    created_at: spec.created,
    last_updated_at: null,
    owner_user_id: spec.owner,
    custom_fields: [],
    time_left_to_reply: false,
    tags_ids: spec.tags,
    contact_id: spec.contact.id,
    messages_ids: [],
    uri: ticketUri(spec.id),
    replies: 0,
    ai_classification: spec.ai,
    read: true,
    priority: false,
  };
  for (const m of spec.messages) appendMessage(ctx, t, { ...m, at: at(m.at) });
  finishTicket(ctx, t);
  if (spec.order && spec.order.ticket_id === null) spec.order.ticket_id = t.id;
  ctx.data.tickets.push(t);
  return t;
}
