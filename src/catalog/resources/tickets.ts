import { z } from "zod";
import { defineResource } from "../define";
import {
  ORDER_BY,
  ORDER_DIRECTION,
  TICKET_STATUS,
  TICKET_STATUS_WIDE,
  TICKET_TYPE,
} from "../enums";
import {
  CREATE,
  DELETE,
  READ,
  body,
  customFields,
  dateTime,
  day,
  id,
  inlineContact,
  notBoth,
  pathId,
  query,
} from "../fields";
import { Confirmation, Ticket, listOf } from "../models";

// Tickets (edesk-api.md §2.1). PUT /tickets/{id} and PUT /tickets/{id}/data have no tool of their
// own: `update_a_e_desk_ticket_datum_by_id` (ticket-data.ts) covers both, and tagging goes through
// ticket-tags.ts, so a model never has to choose between overlapping update tools.

export const tickets = defineResource({
  name: "tickets",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/tickets",
      source: "§2.1 GET /tickets",
      annotations: READ,
      output: listOf(Ticket),
      description:
        "List tickets (customer conversations). Filters combine with AND. Each ticket carries ids only " +
        "(messages_ids, tags_ids, sales_order_id, contact_id, owner_user_id); get_e_desk_ticket_context " +
        "reads a ticket with its messages and order in one call. Find a ticket by marketplace order " +
        "number with filter_seller_order_id_equals. Newest first: order_by created_at, order_direction desc.",
      fields: {
        order_by: query(z.enum(ORDER_BY).describe("Sort field")),
        order_direction: query(z.enum(ORDER_DIRECTION).describe("Sort direction")),
        filter_status_equals: query(z.enum(TICKET_STATUS_WIDE).describe("Only this status")),
        filter_type_equals: query(z.enum(TICKET_TYPE).describe("Only this ticket type")),
        filter_channel_id_equals: query(id("Only this channel")),
        filter_contact_id_equals: query(id("Only this customer (contact id)")),
        filter_owner_user_id_equals: query(id("Only tickets assigned to this user")),
        filter_sales_order_id_equals: query(id("Only tickets linked to this eDesk sales order id")),
        filter_seller_order_id_equals: query(
          z
            .string()
            .min(1)
            .describe("Only this marketplace order number, e.g. 406-1195395-1150767"),
        ),
        // GUESS: the spec types the created_at filters as int64 but its examples are dates and
        // epochs crash the sales-order twin (edesk-api.md §2.1), so dates are sent.
        filter_created_at_gte: query(day("Created on or after")),
        filter_created_at_lte: query(day("Created on or before")),
        filter_last_updated_at_gte: query(day("Last message on or after (account timezone)")),
        filter_last_updated_at_lte: query(day("Last message on or before (account timezone)")),
      },
    },
    {
      method: "get",
      http: "GET",
      path: "/tickets/{id}",
      source: "§2.1 GET /tickets/{ticketId}",
      annotations: READ,
      output: Ticket,
      description:
        "Get one ticket: subject, status, type, channel_id, owner_user_id, contact_id, sales_order_id, " +
        "custom_fields, tags_ids, time_left_to_reply (seconds) and messages_ids (ids only; bodies via " +
        "get_single_e_desk_message_by_id, or everything at once via get_e_desk_ticket_context).",
      fields: { id: pathId("Ticket id") },
    },
    {
      method: "create",
      http: "POST",
      path: "/tickets",
      source: "§2.1 POST /tickets",
      annotations: CREATE,
      output: Ticket,
      description:
        "Create a ticket. Needs subject, channel_id (list_all_e_desk_channels) and status. Name the " +
        "customer with contact_id or an inline contact, not both. Add its first message with " +
        "create_a_e_desk_message. Returns the ticket.",
      check: notBoth("contact_id", "contact"),
      fields: {
        subject: body(z.string().min(1).describe("Subject"), true),
        channel_id: body(id("Channel id"), true),
        status: body(z.enum(TICKET_STATUS).describe("Initial status, usually Open"), true),
        contact_id: body(id("Existing customer (list_all_e_desk_contacts)")),
        contact: body(inlineContact),
        sales_order_id: body(id("Link this sales order")),
        created_at: body(dateTime("Creation time if not now")),
        custom_fields: body(customFields),
      },
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/tickets/{id}",
      source: "§2.1 DELETE /tickets/{ticketId}",
      annotations: DELETE,
      output: Confirmation,
      description:
        "Archive a ticket: eDesk keeps it and sets its status to Archived (it is not erased). To close " +
        "or reopen a ticket use update_a_e_desk_ticket_datum_by_id with status. Returns {ok, message}.",
      fields: { id: pathId("Ticket id") },
    },
  ],
});
