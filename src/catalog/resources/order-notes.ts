import { z } from "zod";
import { defineResource } from "../define";
import { CREATE, DELETE, OVERWRITE, READ, body, id, pathId } from "../fields";
import { Confirmation, OrderNote, listOf } from "../models";

// Order notes: internal notes on a sales order (docs/edesk-api.md §2.5).

const text = (required: boolean) => body(z.string().min(1), required);

export const orderNotes = defineResource({
  name: "order_notes",
  tags: ["sales_orders"],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/order-notes",
      source: "§2.5 GET /order-notes",
      annotations: READ,
      output: listOf(OrderNote),
      description:
        "List order notes of the whole account (no filters). For one order's notes read its " +
        "order_notes_id and get each note, or use get_e_desk_ticket_context.",
      fields: {},
    },
    {
      method: "create",
      http: "POST",
      path: "/order-notes",
      source: "§2.5 POST /order-notes",
      annotations: CREATE,
      output: OrderNote,
      description:
        "Add an internal note to a sales order (not visible to the customer); attach files with " +
        "create_a_e_desk_order_note_attachment.",
      fields: {
        // GUESS: sales_order_id required is inferred from the [CLI] client type (§2.5).
        sales_order_id: body(id(), true),
        text: text(true),
      },
    },
    {
      method: "get",
      http: "GET",
      path: "/order-notes/{id}",
      source: "§2.5 GET /order-notes/{orderNoteId}",
      annotations: READ,
      output: OrderNote,
      description:
        "Get one order note: text, author user, attachments, sales_order_id, created_at.",
      fields: { id: pathId() },
    },
    {
      method: "update",
      http: "PUT",
      path: "/order-notes/{id}",
      source: "§2.5 PUT /order-notes/{orderNoteId}",
      annotations: OVERWRITE,
      output: OrderNote,
      description: "Replace an order note's text; sales_order_id moves it to another order.",
      fields: {
        id: pathId(),
        text: text(true),
        sales_order_id: body(id()),
      },
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/order-notes/{id}",
      source: "§2.5 DELETE /order-notes/{orderNoteId}",
      annotations: DELETE,
      output: Confirmation,
      // GUESS: the answer is assumed to be the {ok, message} confirmation of other deletes (§2.1).
      description: "Delete an order note.",
      fields: { id: pathId() },
    },
  ],
});
