import type { TemplateRecord } from "../types";

/** A seeded template (§2.6) with the usual defaults; `extra` overrides any field. */
export function template(
  id: number,
  name: string,
  bodyText: string,
  extra: Partial<TemplateRecord> = {},
): TemplateRecord {
  return {
    id,
    name,
    subject: null,
    body_text: bodyText,
    channels: null,
    template_usage: "Manual",
    template_type: ["Consumer"],
    query_type: null,
    order_status: null,
    delivery_date: null,
    active: true,
    order_fulfilment: null,
    created_at: "2025-03-04 10:12:00",
    message_subject: null,
    invoice_attached: false,
    only_use_if_no_replies_yet: false,
    ai_classification: null,
    attachments: [],
    ...extra,
  };
}

export const classify = (classification: string) => ({ classification, quick_reply: false });
