import { z } from "zod";
import { defineResource } from "../define";
import { ATTACHMENT_TYPE } from "../enums";
import { CREATE, body, pathId } from "../fields";
import { OrderNote } from "../models";

// POST /order-notes/{id}/attachments (docs/edesk-api.md §2.5). The live API accepts only
// multipart/form-data: one `attachments[]` file part per file plus one `attachmentType` text
// field (the spec's JSON `files` variant is silently dropped, CONFIRMED observed [CLI]).
// `encoding: "multipart"` makes splitArgs build exactly that (multipart.ts): `attachments` →
// `attachments[]` file parts, `attachment_type` → `attachmentType`.

// Our own bound on one call's payload (~7.5 MB of file data), not an eDesk limit.
const MAX_BASE64 = 10_000_000;

export const orderNoteAttachments = defineResource({
  name: "order_note_attachments",
  tags: ["sales_orders"],
  operations: [
    {
      method: "create",
      http: "POST",
      path: "/order-notes/{order_note_id}/attachments",
      encoding: "multipart",
      source: "§2.5 POST /order-notes/{orderNoteId}/attachments",
      annotations: CREATE,
      output: OrderNote,
      description:
        "Attach files to an order note (create the note first with create_a_e_desk_order_note); " +
        "one attachment_type for all. Returns the note.",
      fields: {
        order_note_id: pathId(),
        attachments: body(
          z
            .array(
              z.strictObject({
                name: z.string().min(1).describe("e.g. invoice.pdf"),
                mime: z.string().min(3).describe("e.g. application/pdf"),
                content_base64: z
                  .string()
                  .min(1)
                  .max(MAX_BASE64)
                  // Whole base64 quanta only: "A" or "ABCDE" would pass a looser pattern and then
                  // fail to decode after validation.
                  .regex(
                    /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/,
                    "base64 (standard alphabet, whole 4-character groups)",
                  )
                  .describe("Standard base64"),
              }),
            )
            .min(1),
          true,
        ),
        attachment_type: body(z.enum(ATTACHMENT_TYPE), true),
      },
    },
  ],
});
