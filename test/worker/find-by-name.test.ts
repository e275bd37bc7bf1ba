import { beforeAll, describe, expect, it } from "vitest";
import { seedTenant } from "../../simulator/src/seed/seed-tenant";
import { createAccount, createServer, initialize, rpc, simulatorRequests } from "./helpers";

// name_contains on the list tools and tag_names on the ticket tag tools, against the simulator.
// The `names` tenant is this file's alone: its request log shows exactly what was sent.

const TOKEN = "names-edesk-token";
const data = seedTenant("names");
const ticket = data.tickets.find((t) => t.tags_ids.length === 0)!;

let url: string;
let headers: Record<string, string>;
let rpcId = 1;

async function call(name: string, args: object) {
  const res = await rpc(
    url,
    { id: rpcId++, method: "tools/call", params: { name, arguments: args } },
    headers,
  );
  expect(res.status).toBe(200);
  return res.body.result;
}

beforeAll(async () => {
  const server = await createServer(await createAccount(TOKEN, "Names"));
  url = server.url;
  headers = (await initialize(url)).headers;
});

describe("name_contains", () => {
  const cases: [string, { name: string | null }[]][] = [
    ["list_all_e_desk_tags", data.tags],
    ["list_all_e_desk_templates", data.templates],
    ["list_all_e_desk_tag_groups", data.tag_groups],
    ["list_all_e_desk_users", data.users],
    ["list_all_e_desk_channels", data.channels],
  ];

  it.each(cases)("%s keeps only records whose name contains it, any case", async (tool, rows) => {
    const target = rows[rows.length - 1].name!;
    const needle = target.slice(1, 5).toUpperCase();
    const result = await call(tool, { name_contains: needle });
    expect(result.isError).toBeFalsy();
    const names = result.structuredContent.result.map((row: { name: string }) => row.name);
    const expected = rows
      .filter((row) => row.name?.toLowerCase().includes(needle.toLowerCase()))
      .map((row) => row.name);
    expect(names).toEqual(expected);
    expect(names).toContain(target);
    expect(result.structuredContent.next_cursor).toBeNull();
  });

  it("pages eDesk like any request: counted in the rate figures, name never sent", async () => {
    const before = (await simulatorRequests("names")).length;
    const result = await call("list_all_e_desk_tags", { name_contains: "a" });
    expect(result._meta["ratelimit-remaining"]).toEqual(expect.any(Number));
    const sent = (await simulatorRequests("names")).slice(before);
    expect(sent.map((r) => r.path)).toEqual(["/v1/tags"]);
    expect(JSON.stringify(sent)).not.toContain("name_contains");
  });
});

describe("tag_names on add_e_desk_ticket_tags and remove_e_desk_ticket_tags", () => {
  const [first, second] = data.tags;

  it("resolves names exactly and case-insensitively, then tags and untags", async () => {
    const added = await call("add_e_desk_ticket_tags", {
      id: ticket.id,
      tag_names: [first.name.toUpperCase(), ` ${second.name.toLowerCase()} `],
    });
    expect(added.isError).toBeFalsy();
    expect(added.structuredContent.tags_ids).toEqual(expect.arrayContaining([first.id, second.id]));
    const removed = await call("remove_e_desk_ticket_tags", {
      id: ticket.id,
      tag_names: [first.name],
    });
    expect(removed.isError).toBeFalsy();
    expect(removed.structuredContent.tags_ids).not.toContain(first.id);
    expect(removed.structuredContent.tags_ids).toContain(second.id);
  });

  it("answers an unknown name with isError listing close matches, and writes nothing", async () => {
    const before = (await simulatorRequests("names")).length;
    const typo = first.name.slice(0, -1);
    const result = await call("add_e_desk_ticket_tags", {
      id: ticket.id,
      tag_names: [second.name, typo],
    });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain(`"${typo}"`);
    expect(result.content[0].text).toContain(`"${first.name}" (id ${first.id})`);
    const sent = (await simulatorRequests("names")).slice(before);
    expect(sent.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("refuses a call with neither tag_ids nor tag_names before reaching eDesk", async () => {
    const result = await call("add_e_desk_ticket_tags", { id: ticket.id });
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toMatch(/tag_ids, tag_names/);
  });
});
