import { z } from "zod";
import { defineResource } from "../define";
import { nameContains } from "../find-by-name";
import { TAG_COLOR, TAG_ICON } from "../enums";
import { CREATE, DELETE, OVERWRITE, READ, atLeastOne, body, id, pathId } from "../fields";
import { Confirmation, Tag, listOf } from "../models";

// Tag definitions (docs/edesk-api.md §2.7). Tagging a ticket is ticket-tags.ts, not these tools.

const color = body(z.enum(TAG_COLOR));
const icon = body(z.enum(TAG_ICON));
const active = body(z.boolean());

export const tags = defineResource({
  name: "tags",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/tags",
      source: "§2.7 GET /tags",
      annotations: READ,
      output: listOf(Tag),
      description:
        "List tag definitions: id, name, color, icon, active, tag_group_id. Use the ids with " +
        "add_e_desk_ticket_tags and remove_e_desk_ticket_tags; a ticket's own tags are its tags_ids. " +
        "Find one by name with name_contains; add_e_desk_ticket_tags also takes tag_names.",
      fields: { name_contains: nameContains },
    },
    {
      method: "create",
      http: "POST",
      path: "/tags",
      source: "§2.7 POST /tags",
      annotations: CREATE,
      output: Tag,
      description:
        "Create a tag definition in a tag group (list_all_e_desk_tag_groups). This does not tag a " +
        "ticket: use add_e_desk_ticket_tags for that.",
      fields: {
        name: body(z.string().min(1).describe("Unique"), true),
        tag_group_id: body(id(), true),
        color,
        icon,
        active,
      },
    },
    {
      method: "get",
      http: "GET",
      path: "/tags/{id}",
      source: "§2.7 GET /tags/{tagId}",
      annotations: READ,
      output: Tag,
      description: "Get one tag definition: name, color, icon, active, tag_group_id.",
      fields: { id: pathId() },
    },
    {
      method: "update",
      http: "PUT",
      path: "/tags/{id}",
      source: "§2.7 PUT /tags/{tagId}",
      annotations: OVERWRITE,
      output: Tag,
      check: atLeastOne(["name", "color", "icon", "active", "tag_group_id"]),
      description:
        "Edit a tag's definition (name, colour, icon, active). It does not tag or untag tickets: " +
        "for that use add_e_desk_ticket_tags / remove_e_desk_ticket_tags, never this tool. Send " +
        "only the fields that change: re-sending the tag's current name fails with error 4003 " +
        "(must be unique).",
      fields: {
        id: pathId(),
        name: body(z.string().min(1).describe("New name; omit if unchanged")),
        color,
        icon,
        active,
        // GUESS: PUT accepts the POST fields (§2.7 lists them for POST only).
        tag_group_id: body(id("Moves it to this group")),
      },
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/tags/{id}",
      source: "§2.7 DELETE /tags/{tagId}",
      annotations: DELETE,
      output: Confirmation,
      // GUESS: the answer is assumed to be the {ok, message} confirmation of other deletes (§2.1).
      description:
        "Delete a tag definition. To untag one ticket use remove_e_desk_ticket_tags instead.",
      fields: { id: pathId() },
    },
  ],
});
