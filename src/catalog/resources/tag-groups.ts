import { defineResource } from "../define";
import { nameContains } from "../find-by-name";
import { READ } from "../fields";
import { TagGroup, listOf } from "../models";

export const tagGroups = defineResource({
  name: "tag_groups",
  tags: ["tags"],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/tag-groups",
      source: "§2.7 GET /tag-groups",
      annotations: READ,
      output: listOf(TagGroup),
      description:
        "List tag groups: id, name, entity_type, type, hide. A tag's tag_group_id points here; " +
        "create_a_e_desk_tag needs one.",
      fields: { name_contains: nameContains },
    },
  ],
});
