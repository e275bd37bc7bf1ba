import { defineResource } from "../define";
import { READ } from "../fields";
import { Whoami } from "../models";

// GET /whoami (docs/edesk-api.md §1). It takes no id, so the standard `get` (…_by_id) does not fit:
// a custom read verb `get` gives `get_e_desk_whoami`, which reads as what it does. Tagged
// `users` because it answers with a User (and `whoami` as its own name).

export const whoami = defineResource({
  name: "whoami",
  tags: ["users"],
  operations: [
    {
      method: "custom",
      custom: "get",
      access: "read",
      http: "GET",
      path: "/whoami",
      source: "§1 GET /whoami",
      annotations: READ,
      output: Whoami,
      description:
        "Get the eDesk user whose API token this server uses: {user: {id, name, email, role}}. " +
        "Checks the connection; the id can be an owner_user_id.",
      fields: {},
    },
  ],
});
