import { isRecord } from "../../lib/encoding/json";
import type { CustomerVisible } from "../../catalog/define";
import type { PiiKind } from "../../catalog/pii";
import { maskValue } from "../tools/mask";
import type { ToolEntry } from "../tools/entry";

// What a person reads before confirming a call (README "Guard rails"): what will happen in plain
// words, with the ticket, the channel, the recipient where known and the full text. The reply's
// text is shown whole: it is what the customer will read. Names and emails follow the server's
// `config.redact`, as in tool results.

/** Reads one eDesk object or list for the prompt; undefined when it cannot (never throws). */
export type PromptRead = (
  path: string,
  query?: Record<string, string>,
) => Promise<Record<string, unknown> | undefined>;

/** Other arguments' values are cut to this length; the text that is sent never is. */
const MAX_VALUE = 2_000;

type Json = Record<string, unknown>;

/** The prompt for one validated call that needs a person's confirmation. */
export async function confirmationPrompt(
  entry: ToolEntry,
  args: Json,
  reach: CustomerVisible | undefined,
  read: PromptRead,
  redact: readonly PiiKind[] = [],
): Promise<string> {
  const name = entry.tool.name;
  if (name === "create_a_e_desk_message" && reach) return replyPrompt(args, read, redact);
  if (reach) {
    return [
      `Allow this change? It reaches customers: ${reach.reason}.`,
      "",
      `${entry.definition.title ?? name} (${name})`,
      ...argumentLines(args),
    ].join("\n");
  }
  return [
    "Allow this change in eDesk?",
    "",
    `${entry.definition.title ?? name} (${name})`,
    ...argumentLines(args),
  ].join("\n");
}

async function replyPrompt(args: Json, read: PromptRead, redact: readonly PiiKind[]) {
  const ticketId = Number(args.ticket_id);
  const ticket = data(await read(`/tickets/${ticketId}`));
  const [contacts, channels] = await Promise.all([
    isId(ticket?.contact_id)
      ? read("/contacts", { consumer_id: String(ticket.contact_id) })
      : undefined,
    isId(ticket?.channel_id) ? read("/channels", { page: "1", itemsPerPage: "100" }) : undefined,
  ]);
  const contact = rows(contacts).find((row) => row.id === ticket?.contact_id) ?? rows(contacts)[0];
  const channel = rows(channels).find((row) => row.id === ticket?.channel_id);
  const subject = typeof ticket?.subject === "string" ? ` “${ticket.subject}”` : "";
  const lines = [
    "Send this reply to the customer? eDesk delivers it through the ticket's channel at once, " +
      "and it cannot be recalled.",
    "",
    `Ticket: ${ticketId}${subject}`,
    `Channel: ${channel ? channelName(channel) : isId(ticket?.channel_id) ? `id ${ticket.channel_id}` : "unknown"}`,
    `To: ${contact ? recipient(contact, redact) : "the ticket's customer (not known here)"}`,
  ];
  if (typeof args.subject === "string") lines.push(`Subject: ${args.subject}`);
  if (Array.isArray(args.attachments)) {
    const names = args.attachments.map((file) => (isRecord(file) ? String(file.name) : "?"));
    lines.push(`Attachments: ${names.join(", ")}`);
  }
  lines.push("", "Text:", String(args.body));
  return lines.join("\n");
}

function argumentLines(args: Json): string[] {
  return Object.entries(args).map(([key, value]) => {
    const text = typeof value === "string" ? value : JSON.stringify(value);
    const shown = text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (cut)` : text;
    return `${key}: ${shown}`;
  });
}

function channelName(channel: Json): string {
  const name = typeof channel.name === "string" ? channel.name : `id ${channel.id}`;
  return typeof channel.type === "string" ? `${name} (${channel.type})` : name;
}

function recipient(contact: Json, redact: readonly PiiKind[]): string {
  const mask = (kind: PiiKind, value: unknown) =>
    typeof value === "string" && value
      ? String(redact.includes(kind) ? maskValue(kind, value) : value)
      : "";
  const name = mask("name", contact.full_name);
  const email = mask("email", contact.email);
  if (name && email) return `${name} <${email}>`;
  return name || email || `contact ${contact.id}`;
}

const isId = (value: unknown): value is number => typeof value === "number" && value > 0;

function data(body: Json | undefined): Json | undefined {
  return isRecord(body?.data) ? body.data : undefined;
}

function rows(body: Json | undefined): Json[] {
  return Array.isArray(body?.data) ? body.data.filter(isRecord) : [];
}
