import { defineResource } from "../define";
import { nameContains } from "../find-by-name";
import { CREATE, DELETE, OVERWRITE, READ, pathId } from "../fields";
import { Confirmation, Template, listOf } from "../models";
import { AUTOMATIC_TEMPLATE_USAGE, templateFields } from "./template-fields";

// Templates: saved replies (docs/edesk-api.md §2.6). No list filters are documented.

const WHERE_IT_APPLIES =
  "channels, query_type, order_status, delivery_date and order_fulfilment limit where it applies.";

export const templates = defineResource({
  name: "templates",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/templates",
      source: "§2.6 GET /templates",
      annotations: READ,
      output: listOf(Template),
      description:
        "List saved reply templates: name, subject, body_text, template_usage, active, channels, " +
        "query_type, ai_classification. Find one by name with name_contains. A template's body_text is a vetted starting " +
        "point for a reply sent with create_a_e_desk_message.",
      fields: { name_contains: nameContains },
    },
    {
      method: "create",
      http: "POST",
      path: "/templates",
      source: "§2.6 POST /templates",
      annotations: CREATE,
      output: Template,
      description:
        `Create a saved reply template. ${WHERE_IT_APPLIES} Error 4016: the account's template ` +
        "limit is reached.",
      fields: templateFields("create"),
    },
    {
      method: "get",
      http: "GET",
      path: "/templates/{id}",
      source: "§2.6 GET /templates/{templateId}",
      annotations: READ,
      output: Template,
      description: "Get one template with its body_text, settings and attachments.",
      fields: { id: pathId() },
    },
    {
      method: "update",
      http: "PUT",
      path: "/templates/{id}",
      source: "§2.6 PUT /templates/{templateId}",
      annotations: OVERWRITE,
      output: Template,
      description:
        "Replace a template. Full replace, not a patch: send every field to keep (read it first " +
        "with get_single_e_desk_template_by_id); omitted optional fields may be cleared. " +
        "template_usage Auto, Rule or OutOfOffice with active true is refused: it makes the " +
        `template an automatic reply to customers. ${WHERE_IT_APPLIES}`,
      fields: { id: pathId(), ...templateFields("update") },
      // GUESS (docs/edesk-api.md §2.6 documents the values, not their effect): Auto, Rule and
      // OutOfOffice templates are sent by eDesk itself when active, with no agent in between.
      customerVisible: {
        kind: "automatic",
        when: { template_usage: AUTOMATIC_TEMPLATE_USAGE, active: [true] },
        reason:
          "an active template with template_usage Auto, Rule or OutOfOffice is sent to customers " +
          "automatically by eDesk, with no agent and no send: true in between",
      },
    },
    {
      method: "delete",
      http: "DELETE",
      path: "/templates/{id}",
      source: "§2.6 DELETE /templates/{templateId}",
      annotations: DELETE,
      output: Confirmation,
      // GUESS: the answer is assumed to be the {ok, message} confirmation of other deletes (§2.1).
      description: "Delete a template.",
      fields: { id: pathId() },
    },
  ],
});
