import { data, deleted, jsonBody, type Ctx } from "../context";
import { ATTACHMENT_TYPES } from "../enums";
import { fieldError } from "../errors";
import { paginate } from "../paging";
import { copy } from "../render";
import type { Store } from "../store";
import type { OrderNoteRecord } from "../types";
import { Check } from "../validate";
import { attachmentLink, mimeOf } from "./mime";

/** Order notes: list (paging only), get, create, update, delete, attachments (§2.5). */

export function listOrderNotes(c: Ctx) {
  return paginate(c.store.c.order_notes.all(), c.query, copy);
}

export function getOrderNote(c: Ctx) {
  return data(copy(c.store.c.order_notes.require(c.id, "Order note")));
}

/** Keeps the order's `order_notes_id` (§2.3) in step with its notes. */
function linkNote(store: Store, orderId: number, noteId: number, add: boolean): void {
  const order = store.c.sales_orders.get(orderId);
  if (!order) return;
  const ids = (order.order_notes_id ?? []).filter((id) => id !== noteId);
  store.c.sales_orders.put({ ...order, order_notes_id: add ? [...ids, noteId] : ids });
}

/** POST /order-notes `{sales_order_id, text}`, both required (§2.5). */
export function createOrderNote(c: Ctx) {
  const { store } = c;
  const v = new Check(jsonBody(c));
  const orderId = v.ref("sales_order_id", (id) => store.c.sales_orders.has(id), { required: true });
  const text = v.string("text", { required: true });
  v.done();
  const note: OrderNoteRecord = {
    id: store.c.order_notes.nextId(),
    sales_order_id: orderId!,
    user: store.whoami(),
    text: text!,
    attachments: [],
    created_at: c.now,
    last_updated_at: c.now,
  };
  store.c.order_notes.put(note);
  linkNote(store, note.sales_order_id, note.id, true);
  return data(copy(note));
}

/** PUT /order-notes/{id}: `text` required, `sales_order_id` optional (§2.5). */
export function updateOrderNote(c: Ctx) {
  const { store } = c;
  const note = store.c.order_notes.require(c.id, "Order note");
  const v = new Check(jsonBody(c));
  const text = v.string("text", { required: true });
  const orderId = v.ref("sales_order_id", (id) => store.c.sales_orders.has(id));
  v.done();
  const next = { ...note, text: text!, last_updated_at: c.now };
  if (orderId != null && orderId !== note.sales_order_id) {
    linkNote(store, note.sales_order_id, note.id, false);
    linkNote(store, orderId, note.id, true);
    next.sales_order_id = orderId;
  }
  store.c.order_notes.put(next);
  return data(copy(next));
}

export function deleteOrderNote(c: Ctx) {
  const note = c.store.c.order_notes.require(c.id, "Order note");
  c.store.c.order_notes.remove(note.id);
  linkNote(c.store, note.sales_order_id, note.id, false);
  return deleted("Order note deleted");
}

/**
 * POST /order-notes/{id}/attachments. Only `multipart/form-data` with `attachments[]` file parts
 * and one `attachmentType` (`Other|Invoice`) works live; the documented JSON variant is silently
 * dropped, so a JSON body returns the note unchanged (§2.5). Returns the updated note.
 */
export function addOrderNoteAttachments(c: Ctx) {
  const { store } = c;
  const note = store.c.order_notes.require(c.id, "Order note");
  if (c.body.kind !== "multipart") return data(copy(note));
  // Parts named `attachments` (without brackets) are accepted too: form libraries differ.
  const files = c.body.files.filter(
    (f) => f.field === "attachments[]" || f.field === "attachments",
  );
  const type = c.body.fields.attachmentType;
  const v = new Check({ attachmentType: type });
  // GUESS: without `attachmentType` the attachment is filed as `Other`.
  const attachmentType = v.enumOf("attachmentType", ATTACHMENT_TYPES) ?? "Other";
  v.done();
  // GUESS: a multipart body without any file part is a missing required field.
  if (files.length === 0) throw fieldError("attachments", "4001");
  const added = files.map((file) => {
    const id = store.nextAttachmentId();
    const generic = !file.type || file.type === "application/octet-stream";
    const mime = generic ? mimeOf(file.name) : file.type;
    return { id, name: file.name, link: attachmentLink(id), mime, attachmentType };
  });
  const next = { ...note, attachments: [...note.attachments, ...added], last_updated_at: c.now };
  store.c.order_notes.put(next);
  return data(copy(next));
}
