import { z } from "zod";
import { defineResource } from "../define";
import { MESSAGE_DIRECTION } from "../enums";
import { CREATE, DELETE, OVERWRITE, READ, atLeastOne, body, dateTime, id, pathId } from "../fields";
import { Confirmation, Message } from "../models";

// Messages = ticket items: replies, internal notes and system events (docs/edesk-api.md §2.2).
// There is no list endpoint: a ticket's messages_ids are read one by one (§2 "Not in the API").

const REPLY = "to reply to the customer use type Message, direction Outgoing, send true";

/**
 * The rules of POST /messages (§2.2) that one field cannot express: a reply is type Message,
 * direction Outgoing, send true; a Note is internal and never sent. Contradictions are refused
 * here so that nothing ambiguous (or an unintended send) reaches eDesk.
 */
export function checkNewMessage(args: Record<string, unknown>): string[] {
  const { type, direction, send } = args;
  const problems: string[] = [];
  if (type === "Note") {
    if (send === true) problems.push(`An internal note is never sent: drop send; ${REPLY}.`);
    if (direction === "Incoming")
      problems.push("A note is written by your team, never Incoming: omit direction.");
  }
  if (type === "Message") {
    if (direction === undefined)
      problems.push(
        "type Message needs direction: Outgoing for your reply, Incoming to record what the customer wrote.",
      );
    if (send === undefined)
      problems.push(
        "type Message needs send: true delivers it to the customer (cannot be recalled), false only records it in eDesk.",
      );
    if (direction === "Incoming" && send === true)
      problems.push(
        `An Incoming message records the customer's words and cannot be sent; ${REPLY}.`,
      );
  }
  return problems;
}

export const messages = defineResource({
  name: "messages",
  tags: [],
  operations: [
    {
      method: "create",
      http: "POST",
      path: "/messages",
      source: "§2.2 POST /messages",
      // Irreversible: with send true the message leaves eDesk and cannot be recalled (§2.2).
      annotations: { ...CREATE, destructiveHint: true },
      output: Message,
      check: checkNewMessage,
      // The one operation eDesk documents as sending to a customer (§2.2: send true relays it
      // through the channel).
      customerVisible: {
        kind: "send",
        when: { type: ["Message"], send: [true] },
        reason:
          "a Message with send true is delivered to the customer through the ticket's channel " +
          "(marketplace or email) and cannot be recalled",
      },
      description:
        "Add a message to a ticket. Customer reply: type Message, direction Outgoing, send true; " +
        "eDesk delivers it through the ticket's channel (marketplace or email) to its default " +
        "recipients and it cannot be recalled (send false only records it). Internal note on the " +
        "ticket: type Note, never visible to or sent to the customer; omit send and direction (a " +
        "note on the sales order is create_a_e_desk_order_note). type Message " +
        "needs both direction and send. A template's body_text (list_all_e_desk_templates) can be " +
        "the base of a reply.",
      fields: {
        ticket_id: body(id(), true),
        type: body(z.enum(["Message", "Note"]), true),
        body: body(z.string().min(1), true),
        direction: body(
          z
            .enum(MESSAGE_DIRECTION)
            .describe("Outgoing: your reply; Incoming: the customer's words"),
        ),
        send: body(z.boolean()),
        subject: body(z.string().describe("If the channel uses one")),
        attachments: body(
          z
            .array(z.strictObject({ name: z.string().min(1), url: z.url() }))
            .min(1)
            .describe("eDesk downloads each url"),
        ),
        created_at: body(dateTime("To record instead of now")),
      },
    },
    {
      method: "get",
      http: "GET",
      path: "/messages/{id}",
      source: "§2.2 GET /messages/{messageId}",
      annotations: READ,
      output: Message,
      description:
        "Get one ticket item by id (ids from a ticket's messages_ids; eDesk cannot list them): body, " +
        "type (Message, Note, or events like Status, AutoReply), direction (Incoming = customer, " +
        "Outgoing = your team), from_user, attachments, created_at, errors (delivery problems).",
      fields: { id: pathId() },
    },
    {
      method: "update",
      http: "PUT",
      path: "/messages/{id}",
      source: "§2.2 PUT /messages/{id}",
      annotations: OVERWRITE,
      output: Message,
      check: atLeastOne(["subject", "body"]),
      // GUESS: sent messages are not editable (docs/edesk-api.md §2.2 INFERRED); `type` accepting only
      // Note is CONFIRMED.
      description:
        "Edit an internal note's body or subject. Only notes are editable; a message already sent " +
        "to the customer cannot be changed.",
      fields: {
        id: pathId("A note's id"),
        body: body(z.string().min(1)),
        subject: body(z.string()),
        type: body(z.enum(["Note"])),
      },
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/messages/{id}",
      source: "§2.2 DELETE /messages/{id}",
      annotations: DELETE,
      output: Confirmation,
      // GUESS: only notes are deletable (docs/edesk-api.md §2.2 INFERRED); the answer is assumed to be
      // the `{ok, message}` confirmation that ticket and sales-order deletes give (§2.1, §2.3).
      description:
        "Delete a ticket item by id, normally an internal note. Deleting does not recall a message " +
        "already sent to the customer.",
      fields: { id: pathId() },
    },
  ],
});
