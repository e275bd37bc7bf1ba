import { z } from "zod";
import { defineResource } from "../define";
import { READ, id, query } from "../fields";
import { Contact, listOf } from "../models";

// Contacts (docs/edesk-api.md §2.8): search only; eDesk has no get or create by id, contacts are
// created through the inline `contact` of ticket and sales-order create.

export const contacts = defineResource({
  name: "contacts",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/contacts",
      source: "§2.8 GET /contacts",
      annotations: READ,
      output: listOf(Contact),
      description:
        "Find customers (contacts): id, full_name, email, phone_number, channel_id. fsf_query is a " +
        "full-text search; the other filters match one field. A contact id is a ticket's or order's " +
        "contact_id. Contacts cannot be created here: ticket and order create take an inline contact.",
      fields: {
        fsf_query: query(z.string().min(1).describe("Full-text search")),
        consumer_id: query(id("Contact id")),
        email: query(z.string().min(1)),
        name: query(z.string().min(1).describe("Full name")),
        phone_number: query(z.string().min(1)),
      },
    },
  ],
});
