import { z } from "zod";
import type { FieldSpec } from "../define";
import {
  AI_CLASSIFICATION,
  DELIVERY_DATE,
  ORDER_FULFILMENT,
  ORDER_STATUS,
  TEMPLATE_TYPE,
  TEMPLATE_USAGE,
  TEMPLATE_USAGE_CREATE,
  TICKET_TYPE,
} from "../enums";
import { body, id } from "../fields";

// TemplateRequest of POST /templates and PUT /templates/{id} (docs/edesk-api.md §2.6). PUT is a full
// replace with the create's required fields (CONFIRMED observed [CLI]).

/** The template_usage values with which eDesk itself sends the template (customer-visible). */
export const AUTOMATIC_TEMPLATE_USAGE = ["Auto", "Rule", "OutOfOffice"] as const;

/** Template fields; `template_usage` is limited to Manual|ManualAuto on create. */
export function templateFields(mode: "create" | "update"): Record<string, FieldSpec> {
  // GUESS: the Manual|ManualAuto restriction is documented for create only (§2.6); update takes
  // the model's full enum so an Auto or Rule template can be re-sent as it is.
  const usage = mode === "create" ? TEMPLATE_USAGE_CREATE : TEMPLATE_USAGE;
  return {
    name: body(z.string().min(1), true),
    body_text: body(z.string().min(1), true),
    template_usage: body(z.enum(usage), true),
    template_type: body(z.array(z.enum(TEMPLATE_TYPE)).min(1).describe("Audiences"), true),
    active: body(z.boolean(), true),
    subject: body(z.string()),
    message_subject: body(z.string().describe("Subject of the sent message")),
    // Where the template applies; the tool descriptions say so once for these five.
    channels: body(z.array(id())),
    query_type: body(z.array(z.enum(TICKET_TYPE))),
    order_status: body(z.array(z.enum(ORDER_STATUS))),
    delivery_date: body(z.enum(DELIVERY_DATE).describe("Within or outside the delivery window")),
    order_fulfilment: body(z.array(z.enum(ORDER_FULFILMENT))),
    invoice_attached: body(z.boolean()),
    only_use_if_no_replies_yet: body(z.boolean()),
    ai_classification: body(z.array(z.strictObject({ classification: z.enum(AI_CLASSIFICATION) }))),
    attachments: body(
      z
        .array(z.strictObject({ url: z.url(), name: z.string().min(1).max(100) }))
        .describe("eDesk downloads each url"),
    ),
    delete_attachments: body(z.array(id()).describe("Attachment ids")),
  };
}
