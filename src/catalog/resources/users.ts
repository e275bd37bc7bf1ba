import { defineResource } from "../define";
import { nameContains } from "../find-by-name";
import { READ } from "../fields";
import { User, listOf } from "../models";

export const users = defineResource({
  name: "users",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/users",
      source: "§2.8 GET /users",
      annotations: READ,
      output: listOf(User),
      description:
        "List eDesk users (agents): id, name, email, username, role, active. Assign a ticket to one " +
        "with update_a_e_desk_ticket_datum_by_id owner_user_id.",
      fields: { name_contains: nameContains },
    },
  ],
});
