import { z } from "zod";
import { defineResource } from "../define";
import { TICKET_STATUS_WIDE } from "../enums";
import { unwrapData } from "../envelope";
import { OVERWRITE, atLeastOne, body, customFields, id, pathId } from "../fields";
import { Ticket } from "../models";
import { fillPath } from "../fill-path";

// The one tool that changes a ticket's state. eDesk splits it over two endpoints
// (docs/edesk-api.md §2.1): PUT /tickets/{id} for the ticket's fields and PUT /tickets/{id}/data for
// custom fields. Tags are deliberately absent: PUT's `tag_ids` replaces the whole list, so
// tagging has its own read-modify-write tools (ticket-tags.ts).

const TICKET_FIELDS = [
  "status",
  "owner_user_id",
  "channel_id",
  "subject",
  "sales_order_id",
  "contact_id",
] as const;

export const ticketData = defineResource({
  name: "ticket_data",
  tags: ["tickets"],
  operations: [
    {
      method: "update",
      http: "PUT",
      path: "/tickets/{id}",
      source: "§2.1 PUT /tickets/{ticketId} and PUT /tickets/{ticketId}/data",
      annotations: OVERWRITE,
      output: Ticket,
      description:
        "Change a ticket: close or reopen it (status Closed / Open), assign it (owner_user_id from " +
        "list_all_e_desk_users), route it (channel_id), rename it (subject), link sales_order_id or " +
        "contact_id, set custom_fields. Only the fields you give change; give at least one. Nothing is " +
        "sent to the customer. For tags use add_e_desk_ticket_tags / remove_e_desk_ticket_tags.",
      check: atLeastOne([...TICKET_FIELDS, "custom_fields"]),
      fields: {
        id: pathId(),
        status: body(
          z.enum(TICKET_STATUS_WIDE).describe("Read/Unread/Priority/Unpriority set marks"),
        ),
        owner_user_id: body(id()),
        channel_id: body(id()),
        subject: body(z.string().min(1)),
        sales_order_id: body(id()),
        contact_id: body(id()),
        custom_fields: body(customFields),
      },
      async run(args, ctx) {
        const path = fillPath("/tickets/{id}", args);
        const fields: Record<string, unknown> = {};
        for (const key of TICKET_FIELDS) if (args[key] !== undefined) fields[key] = args[key];
        const hasFields = Object.keys(fields).length > 0;
        const hasCustom = args.custom_fields !== undefined;
        // Validation already rejects this (`check`); the guard keeps a bypass from sending nothing.
        if (!hasFields && !hasCustom)
          throw new Error("Nothing to change: give at least one field.");
        let ticket: unknown;
        if (hasFields) ticket = await ctx.send({ method: "PUT", path, body: fields });
        if (hasCustom) {
          const custom = { custom_fields: args.custom_fields };
          ticket = await ctx.send({ method: "PUT", path: `${path}/data`, body: custom });
        }
        return unwrapData(ticket);
      },
    },
  ],
});
