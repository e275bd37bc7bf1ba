import { defineResource } from "../define";
import { nameContains } from "../find-by-name";
import { READ } from "../fields";
import { Channel, listOf } from "../models";

export const channels = defineResource({
  name: "channels",
  tags: [],
  operations: [
    {
      method: "list",
      http: "GET",
      path: "/channels",
      source: "§2.8 GET /channels",
      annotations: READ,
      output: listOf(Channel),
      description:
        "List sales channels (marketplaces, shops, email): id, type (e.g. Amazon), name, country, " +
        "currency. channel_id on tickets and orders points here.",
      fields: { name_contains: nameContains },
    },
  ],
});
