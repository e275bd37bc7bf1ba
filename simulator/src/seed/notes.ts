import { attachmentLink } from "../resources/mime";
import type { OrderNoteRecord, SalesOrderRecord } from "../types";
import { HOUR_MS, fmt, userOf, type SeedContext } from "./context";
import { ORDER_NOTES } from "./texts";

/** Order notes (§2.5), linked both ways through `order_notes_id` (§2.3). */

export function makeNote(
  ctx: SeedContext,
  order: SalesOrderRecord,
  at: number,
  text: string,
  userId: number,
  invoice = false,
): OrderNoteRecord {
  const id = ctx.seq.note.next();
  const attachments = invoice
    ? [
        (() => {
          const attachmentId = ctx.seq.attachment.next();
          return {
            id: attachmentId,
            name: `Invoice-${order.seller_order_id.replace("#", "")}.pdf`,
            link: attachmentLink(attachmentId),
            mime: "application/pdf",
            attachmentType: "Invoice",
          };
        })(),
      ]
    : [];
  order.order_notes_id = [...(order.order_notes_id ?? []), id];
  return {
    id,
    sales_order_id: order.id,
    user: userOf(ctx, userId),
    text,
    attachments,
    created_at: fmt(at),
    last_updated_at: fmt(at),
  };
}

/** Notes on about a fifth of the orders, in time order so ids ascend with time. */
export function generateNotes(ctx: SeedContext, orders: SalesOrderRecord[]): OrderNoteRecord[] {
  const { rng, profile } = ctx;
  const drafts: { order: SalesOrderRecord; at: number }[] = [];
  for (const order of orders) {
    if (!rng.chance(0.18)) continue;
    const created = Date.parse(`${order.created_at.replace(" ", "T")}Z`);
    for (let k = rng.pick([1, 1, 2]); k > 0; k--) {
      drafts.push({ order, at: created + rng.int(2, 240) * HOUR_MS });
    }
  }
  drafts.sort((a, b) => a.at - b.at);
  return drafts.map(({ order, at }) =>
    makeNote(ctx, order, at, rng.pick(ORDER_NOTES), rng.pick(profile.agentIds), rng.chance(0.1)),
  );
}
