import { data, deleted, jsonBody, type Ctx } from "../context";
import {
  AI_CLASSIFICATIONS,
  DELIVERY_DATE_OPTIONS,
  ORDER_FULFILMENTS,
  ORDER_STATUSES,
  TEMPLATE_CREATE_USAGES,
  TEMPLATE_TYPES_REQUEST,
  TEMPLATE_USAGES,
  TICKET_TYPES,
} from "../enums";
import { paginate } from "../paging";
import { copy } from "../render";
import type { Attachment, TemplateRecord } from "../types";
import { Check } from "../validate";
import { attachmentLink, isFileUrl, mimeOf } from "./mime";

/** Templates (saved replies): list (paging only), get, create, update, delete (§2.6). */

export function listTemplates(c: Ctx) {
  return paginate(c.store.c.templates.all(), c.query, copy);
}

export function getTemplate(c: Ctx) {
  return data(copy(c.store.c.templates.require(c.id, "Template")));
}

type TemplateFields = Omit<TemplateRecord, "id" | "created_at" | "attachments">;

/**
 * `TemplateRequest`: `name`, `body_text`, `template_usage`, `template_type`, `active` required
 * (§2.6). PUT is a full replace with the same required fields (observed, §2.6).
 */
function readTemplate(c: Ctx, v: Check, mode: "create" | "update") {
  const { store } = c;
  const req = { required: true };
  // `template_usage` is only `Manual|ManualAuto` on create (§2.6).
  // GUESS: an update may keep any documented usage, since eDesk itself sets the other values.
  const usages = mode === "create" ? TEMPLATE_CREATE_USAGES : TEMPLATE_USAGES;
  const ai = v.items("ai_classification");
  const classification = ai?.map((item) => item.enumOf("classification", AI_CLASSIFICATIONS, req));
  const fields: Partial<TemplateFields> = {
    name: v.string("name", req) ?? undefined,
    body_text: v.string("body_text", req) ?? undefined,
    template_usage: v.enumOf("template_usage", usages, req) ?? undefined,
    template_type: v.enumArray("template_type", TEMPLATE_TYPES_REQUEST, req) ?? undefined,
    active: v.bool("active", req),
    subject: v.string("subject") ?? null,
    channels: v.refArray("channels", (id) => store.c.channels.has(id)) ?? null,
    query_type: v.enumArray("query_type", TICKET_TYPES) ?? null,
    order_status: v.enumArray("order_status", ORDER_STATUSES) ?? null,
    delivery_date: v.enumOf("delivery_date", DELIVERY_DATE_OPTIONS) ?? null,
    order_fulfilment: v.enumArray("order_fulfilment", ORDER_FULFILMENTS) ?? null,
    message_subject: v.string("message_subject") ?? null,
    invoice_attached: v.bool("invoice_attached") ?? false,
    only_use_if_no_replies_yet: v.bool("only_use_if_no_replies_yet") ?? false,
    // GUESS: the request sends a list of `{classification}`; the model holds one (the first).
    ai_classification: classification?.[0]
      ? { classification: classification[0], quick_reply: false }
      : null,
  };
  // New attachments by URL: `url` (4011 if not a URL) and `name` (≤ 100 chars, 4020).
  const uploads = (v.items("attachments") ?? []).flatMap((item) => {
    const url = item.string("url", req);
    const name = item.string("name", { required: true, max: 100 });
    if (url && !isFileUrl(url)) item.fail("url", "4011");
    return url && name ? [{ name, url }] : [];
  });
  const removals = v.intArray("delete_attachments") ?? [];
  v.done();
  return { fields: fields as TemplateFields, uploads, removals };
}

function withAttachments(
  c: Ctx,
  current: Attachment[],
  uploads: { name: string }[],
  removals: number[],
) {
  const kept = current.filter((a) => !removals.includes(a.id));
  const added = uploads.map((u) => {
    const id = c.store.nextAttachmentId();
    return { id, name: u.name, link: attachmentLink(id), mime: mimeOf(u.name) };
  });
  return [...kept, ...added];
}

export function createTemplate(c: Ctx) {
  const { fields, uploads } = readTemplate(c, new Check(jsonBody(c)), "create");
  const template: TemplateRecord = {
    id: c.store.c.templates.nextId(),
    ...fields,
    created_at: c.now,
    attachments: withAttachments(c, [], uploads, []),
  };
  c.store.c.templates.put(template);
  return data(copy(template));
}

export function updateTemplate(c: Ctx) {
  const current = c.store.c.templates.require(c.id, "Template");
  const { fields, uploads, removals } = readTemplate(c, new Check(jsonBody(c)), "update");
  const next: TemplateRecord = {
    ...current,
    ...fields,
    attachments: withAttachments(c, current.attachments, uploads, removals),
  };
  c.store.c.templates.put(next);
  return data(copy(next));
}

export function deleteTemplate(c: Ctx) {
  const template = c.store.c.templates.require(c.id, "Template");
  c.store.c.templates.remove(template.id);
  return deleted("Template deleted");
}
