import { z } from "zod";
import { defineResource, type FieldSpec, type Operation, type OperationContext } from "../define";
import { isRecord } from "../../lib/encoding/json";
import { idList, unwrapData } from "../envelope";
import { atLeastOne, body, pathId } from "../fields";
import { resolveTagNames } from "../tag-names";
import { fillPath } from "../fill-path";

// Tagging a ticket. eDesk has no add-tag endpoint: PUT /tickets/{id} with `tag_ids` REPLACES the
// ticket's tag list (docs/edesk-api.md §2.1, §2.7), so a model that sends only the new tag silently
// drops the others. These tools read the ticket's `tags_ids` and write back the union or
// difference. Read-modify-write is not atomic: a tag change made elsewhere between the two
// requests can be lost; eDesk offers nothing better.
//
// They return the ticket's id and tags_ids only: the GET reads the whole ticket (subject,
// contact, message ids, custom fields), and a server configured for tag writes alone must not
// read tickets through them.

const fields = {
  id: pathId(),
  tag_ids: body(z.array(z.int().min(1)).min(1)),
  // Resolved to ids by the run below, never sent as such.
  tag_names: {
    in: "engine",
    schema: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(50)
      .describe(
        "Exact, any case; instead of or with tag_ids. Any unknown name fails the whole call, listing close matches; nothing is written",
      ),
  },
} satisfies Record<string, FieldSpec>;

const TagsOnly = z.object({
  id: z.number().describe("Ticket id"),
  tags_ids: z.array(z.number()).describe("The ticket's tag ids after the call"),
});

type Combine = (current: number[], given: number[]) => number[];

function tagOperation(verb: "add" | "remove", combine: Combine): Operation {
  const adding = verb === "add";
  return {
    method: "custom",
    custom: verb,
    access: "write",
    http: "PUT",
    path: "/tickets/{id}",
    source: "§2.1 GET and PUT /tickets/{ticketId} (tag_ids), §2.7",
    annotations: {
      readOnlyHint: false,
      destructiveHint: !adding,
      idempotentHint: true,
      openWorldHint: true,
    },
    output: TagsOnly,
    description: adding
      ? "Add tags to a ticket, keeping the tags it has (eDesk's tag_ids replaces a ticket's whole " +
        "tag list, so this reads its tags_ids and writes back the union). Give tag_ids " +
        "(list_all_e_desk_tags) or tag_names. A tag the ticket already has changes nothing. " +
        "Returns {id, tags_ids}."
      : "Remove tags from a ticket, keeping its other tags (this reads its tags_ids and writes " +
        "back the rest). Give tag_ids (list_all_e_desk_tags, or the ticket's tags_ids) or " +
        "tag_names. A tag the ticket does not have changes nothing. Returns {id, tags_ids}.",
    fields,
    check: atLeastOne(["tag_ids", "tag_names"]),
    run: async (args, ctx) => retag(await withNamedIds(args, ctx), ctx, combine),
  };
}

/** `tag_names` resolved and merged into `tag_ids`, before anything is read or written. */
async function withNamedIds(args: Record<string, unknown>, ctx: OperationContext) {
  if (!Array.isArray(args.tag_names)) return args;
  const named = await resolveTagNames(args.tag_names as string[], ctx);
  return { ...args, tag_ids: [...idList(args.tag_ids), ...named] };
}

async function retag(args: Record<string, unknown>, ctx: OperationContext, combine: Combine) {
  const path = fillPath("/tickets/{id}", args);
  const ticket = unwrapData(await ctx.send({ method: "GET", path }));
  const current = idList(isRecord(ticket) ? ticket.tags_ids : undefined);
  const next = combine(current, idList(args.tag_ids));
  const unchanged = next.length === current.length && next.every((id) => current.includes(id));
  if (unchanged) return { id: args.id, tags_ids: current };
  const written = unwrapData(await ctx.send({ method: "PUT", path, body: { tag_ids: next } }));
  const stored = isRecord(written) && Array.isArray(written.tags_ids) ? written.tags_ids : next;
  return { id: args.id, tags_ids: idList(stored) };
}

export const ticketTags = defineResource({
  name: "ticket_tags",
  tags: ["tickets", "tags"],
  operations: [
    tagOperation("add", (current, given) => [...new Set([...current, ...given])]),
    tagOperation("remove", (current, given) => current.filter((id) => !given.includes(id))),
  ],
});
