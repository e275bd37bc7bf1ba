import { ticketUri } from "../resources/tickets";
import type { Contact, SalesOrderRecord, TicketRecord } from "../types";
import {
  HOUR_MS,
  dayMs,
  days,
  fmt,
  firstName,
  fillable,
  pickText,
  userOf,
  type SeedContext,
} from "./context";
import { appendMessage, finishTicket } from "./messages";
import type { Rng } from "./prng";
import { AUTO_REPLY, TOPICS, type Topic } from "./texts";

/** Generated tickets with their conversations (§2.1, §2.2). */

const MONTHS =
  "January February March April May June July August September October November December".split(
    " ",
  );

function topicFor(rng: Rng, order: SalesOrderRecord | null): Topic {
  if (!order) return rng.chance(0.7) ? "presales" : "spam";
  switch (order.status) {
    case "OrderShipped":
    case "InTransit":
      return rng.chance(0.85) ? "shipping" : "cancellation";
    case "Delivered":
      return rng.weighted([
        ["damage", 36],
        ["returns", 27],
        ["shipping", 12],
        ["feedback", 13],
        ["invoice", 12],
      ] as const);
    case "Canceled":
    case "PaymentRejected":
      return rng.chance(0.7) ? "cancellation" : "invoice";
    case "Returned":
      return "returns";
    default:
      return rng.weighted([
        ["shipping", 40],
        ["cancellation", 40],
        ["invoice", 20],
      ] as const);
  }
}

function statusFor(rng: Rng, topic: Topic, ageDays: number): string {
  if (topic === "spam") return rng.chance(0.8) ? "Spam" : "Closed";
  if (ageDays > 45) {
    return rng.weighted([
      ["Closed", 62],
      ["Archived", 20],
      ["Open", 7],
      ["Pending", 5],
      ["Scheduled", 2],
    ] as const);
  }
  return rng.weighted([
    ["Open", 45],
    ["Pending", 20],
    ["Closed", 27],
    ["Scheduled", 5],
    ["Archived", 3],
  ] as const);
}

/** Text placeholders for one ticket (see texts.ts). */
function textVars(
  ctx: SeedContext,
  contact: Contact | null,
  order: SalesOrderRecord | null,
  agentId: number,
) {
  const tracking = order?.tracking_codes?.[0];
  const product = order?.order_items[0]?.product.title ?? ctx.rng.pick(ctx.profile.products).title;
  const date = order ? new Date(`${order.created_at.replace(" ", "T")}Z`) : undefined;
  const day = date && `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;
  return {
    first: firstName(contact?.full_name ?? null),
    product,
    order: order?.seller_order_id,
    carrier: tracking?.tracking_carrier_name ?? undefined,
    tracking: tracking?.tracking_code ?? undefined,
    agent: firstName(userOf(ctx, agentId).name),
    company: ctx.profile.company,
    date: day,
  };
}

function tagIds(ctx: SeedContext, topic: Topic): number[] {
  const { rng, profile } = ctx;
  const names = profile.topicTags[topic] ?? [];
  const count = rng.weighted([
    [0, 40],
    [1, 45],
    [2, 15],
  ] as const);
  const chosen = rng.sample(names, count);
  if (rng.chance(0.04)) chosen.push("VIP Customer");
  return [
    ...new Set(
      chosen
        .map((n) => profile.tags.find((t) => t.name === n)?.id)
        .filter((id): id is number => !!id),
    ),
  ];
}

function makeTicket(
  ctx: SeedContext,
  created: number,
  contact: Contact,
  order: SalesOrderRecord | null,
): TicketRecord {
  const { rng, profile } = ctx;
  const topic = topicFor(rng, order);
  const text = TOPICS[topic];
  const status = statusFor(rng, topic, (dayMs(profile.period.end) - created) / days(1));
  const assigned = status !== "Spam" && rng.chance(status === "Open" ? 0.55 : 0.9);
  // High-value damage goes to the escalation lead.
  const bigDamage = topic === "damage" && (order?.total_amount ?? 0) > 100 && rng.chance(0.5);
  const owner = assigned ? (bigDamage ? profile.leadUserId : rng.pick(profile.agentIds)) : null;
  const agentId = owner ?? rng.pick(profile.agentIds);
  const vars = textVars(ctx, contact, order, agentId);
  const early = profile.shippingUpdateFrom && fmt(created) < profile.shippingUpdateFrom;
  const subjects = text.subjects.filter((s) => !(early && s.includes("Shipping update")));
  const id = ctx.seq.ticket.next();
  const ticket: TicketRecord = {
    id,
    subject: pickText(rng, subjects, vars),
    type: rng.pick(text.types),
    channel_id: order?.channel_id ?? contact.channel_id!,
    status,
    sales_order_id: order?.id ?? null,
    external_order_id: null,
    created_at: fmt(created),
    last_updated_at: null,
    owner_user_id: owner,
    custom_fields: customFields(ctx, topic),
    time_left_to_reply: false,
    tags_ids: tagIds(ctx, topic),
    contact_id: contact.id,
    messages_ids: [],
    uri: ticketUri(id),
    replies: 0,
    ai_classification: rng.pick(text.ai),
    read: true,
    priority: rng.chance(0.08),
  };
  converse(ctx, ticket, topic, created, vars, agentId);
  return ticket;
}

function customFields(ctx: SeedContext, topic: Topic) {
  const reason = ctx.profile.customFields.find((f) => f.name === "Return Reason");
  if (!reason || (topic !== "damage" && topic !== "returns") || !ctx.rng.chance(0.4)) return [];
  const value = topic === "damage" ? "Damaged" : ctx.rng.pick(reason.options!.slice(1));
  return [{ id: reason.id, name: reason.name, value }];
}

/** Customer and agent take turns; Open tickets end with the customer, others with the agent. */
function converse(
  ctx: SeedContext,
  t: TicketRecord,
  topic: Topic,
  created: number,
  vars: ReturnType<typeof textVars>,
  agentId: number,
) {
  const { rng } = ctx;
  const text = TOPICS[topic];
  const turns =
    t.status === "Spam" || topic === "spam"
      ? 1
      : t.status === "Open"
        ? rng.pick([1, 1, 1, 3])
        : rng.pick([2, 2, 4]);
  let at = created;
  // No agent or customer repeats the same sentence within one ticket.
  const used = new Set<string>();
  const say = (texts: string[]) => {
    const usable = fillable(texts, vars);
    const fresh = usable.filter((x) => !used.has(x));
    const chosen = rng.pick(fresh.length ? fresh : usable.length ? usable : texts);
    used.add(chosen);
    return pickText(rng, [chosen], vars);
  };
  const photos = topic === "damage" && rng.chance(0.5) ? [`IMG_${rng.digits(4)}.jpg`] : [];
  appendMessage(ctx, t, {
    kind: "incoming",
    at,
    body: pickText(rng, text.openings, vars),
    subject: t.subject,
    files: photos,
  });
  if (
    ctx.profile.channels.find((c) => c.id === t.channel_id)?.type === "Amazon" &&
    rng.chance(0.15)
  ) {
    appendMessage(ctx, t, {
      kind: "auto",
      at: at + 60_000,
      body: pickText(rng, [AUTO_REPLY], vars),
    });
  }
  for (let turn = 1; turn < turns; turn++) {
    at += rng.int(25, 1800) * 60_000;
    const reply = turn % 2 === 1;
    const body = say(reply ? text.replies : text.followUps);
    appendMessage(
      ctx,
      t,
      reply
        ? { kind: "reply", at, body, subject: `Re: ${t.subject}`, userId: agentId }
        : { kind: "incoming", at, body },
    );
    if (reply && turn === 1 && text.notes.length && rng.chance(0.22)) {
      appendMessage(ctx, t, {
        kind: "note",
        at: at + rng.int(2, 90) * 60_000,
        body: pickText(rng, text.notes, vars),
        userId: agentId,
      });
      at += HOUR_MS * 2;
    }
  }
  finishTicket(ctx, t);
}

/** Tickets spread over the period, most about an order; ids ascend with creation time. */
export function generateTickets(
  ctx: SeedContext,
  contacts: Contact[],
  orders: SalesOrderRecord[],
): TicketRecord[] {
  const { rng, profile } = ctx;
  const start = dayMs(profile.period.start);
  const end = dayMs(profile.period.end) + days(1) - 1000;
  const pool = rng.sample(orders, orders.length);
  const plans = Array.from({ length: profile.counts.tickets }, (_, i) => {
    const order = rng.chance(0.74) ? pool[i % pool.length]! : null;
    let created = order
      ? Date.parse(`${order.created_at.replace(" ", "T")}Z`) + rng.int(20, 480) * HOUR_MS
      : start + Math.floor(rng.next() ** 0.6 * (end - start));
    created = Math.min(
      Math.max(created, start + rng.int(1, 96) * HOUR_MS),
      end - rng.int(1, 72) * HOUR_MS,
    );
    return { order, created: created - (created % 1000) };
  });
  plans.sort((a, b) => a.created - b.created);
  return plans.map(({ order, created }) => {
    const contact = order ? contacts.find((c) => c.id === order.contact_id)! : rng.pick(contacts);
    const ticket = makeTicket(ctx, created, contact, order);
    if (order && order.ticket_id === null) order.ticket_id = ticket.id;
    return ticket;
  });
}
