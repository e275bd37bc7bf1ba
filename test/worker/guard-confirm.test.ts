import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createAccount, createServer, rpc } from "./helpers";
import {
  auditOf,
  messagePosts,
  modernCall,
  REPLY_BODY,
  reply,
  session,
  someTicket,
  textOf,
} from "./guard-helpers";

// config.confirm with raw requests of both eras, judged by what eDesk (the `guard` tenant of the
// simulator) received: nothing customer-visible without an accepted confirmation.

const TOKEN = "guard-edesk-token";
const TENANT = "guard";
const SEND = "create_a_e_desk_message";
const CONFIRM = { confirm: "customer_visible" };

let ticket: Awaited<ReturnType<typeof someTicket>>;
let accountId: string;

beforeAll(async () => {
  ticket = await someTicket(TOKEN);
  accountId = await createAccount(TOKEN, "Guard");
});

/** POST /messages bodies that carried this test's marker, i.e. what this test sent. */
async function sentWith(marker: string) {
  const posts = await messagePosts(TENANT);
  return posts.filter((post) => JSON.stringify(post).includes(marker));
}

/** A reply whose body carries a marker of its own, to find it in eDesk's log. */
const marked = (marker: string, extra: Record<string, unknown> = {}) =>
  reply(ticket.id, { body: `${REPLY_BODY} ${marker}`, ...extra });

/** Reads an SSE answer until `done` holds; returns every JSON-RPC message in it. */
async function readMessages(response: Response, done: (messages: any[]) => boolean) {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const messages = text
      .split("\n")
      .filter((line) => line.startsWith("data: {"))
      .map((line) => JSON.parse(line.slice(6)));
    if (done(messages)) {
      reader.releaseLock();
      return messages;
    }
    const chunk = await reader.read();
    if (chunk.done) return messages;
    text += decoder.decode(chunk.value, { stream: true });
  }
}

describe("config.confirm, 2025 era", () => {
  it("refuses a reply for a client without elicitation, names the setting and sends nothing", async () => {
    const server = await createServer(accountId, CONFIRM);
    const headers = await session(server.url, {});
    const res = await rpc(
      server.url,
      { id: 1, method: "tools/call", params: { name: SEND, arguments: marked("[no-elicit]") } },
      headers,
    );
    expect(res.body.result.isError).toBe(true);
    expect(textOf(res.body.result)).toContain('config.confirm "customer_visible"');
    expect(textOf(res.body.result)).toContain("Nothing was sent to eDesk");
    expect(await sentWith("[no-elicit]")).toEqual([]);
    expect((await auditOf(accountId, server.id))[0]).toMatchObject({
      tool: SEND,
      guard: "refused_unconfirmed",
      is_error: true,
    });
  });

  it("lets a note and a reply with send false through without asking", async () => {
    const server = await createServer(accountId, CONFIRM);
    const headers = await session(server.url, {});
    for (const args of [
      { ticket_id: ticket.id, type: "Note", body: "internal [note-plain]" },
      marked("[record-plain]", { send: false }),
    ]) {
      const res = await rpc(
        server.url,
        { id: 1, method: "tools/call", params: { name: SEND, arguments: args } },
        headers,
      );
      expect(res.body.result.isError).toBeUndefined();
    }
    expect(await sentWith("[note-plain]")).toHaveLength(1);
    expect((await auditOf(accountId, server.id)).map((row) => row.guard)).toEqual([
      "plain",
      "plain",
    ]);
  });

  it("asks on the call's own stream, shows ticket, channel, recipient and text, and sends after yes", async () => {
    const server = await createServer(accountId, CONFIRM);
    const headers = await session(server.url, { elicitation: {} });
    const call = SELF.fetch(server.url, {
      method: "POST",
      // JSON first, as the SDK client asks: the server still answers on a stream, since it
      // may need to ask the person.
      headers: {
        ...headers,
        accept: "application/json, text/event-stream",
        "content-type": "application/json",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 7,
        method: "tools/call",
        params: { name: SEND, arguments: marked("[push-yes]") },
      }),
    });
    const response = await call;
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const [question] = await readMessages(response, (m) => m.some((x) => x.method));
    expect(question.method).toBe("elicitation/create");
    const message: string = question.params.message;
    expect(message).toContain(`Ticket: ${ticket.id} “${ticket.subject}”`);
    expect(message).toMatch(/Channel: \S/);
    expect(message).not.toContain("Channel: unknown");
    expect(message).toMatch(/To: .+@/);
    expect(message).toContain(`${REPLY_BODY} [push-yes]`);
    expect(question.params.requestedSchema.properties.confirm.type).toBe("boolean");
    expect(await sentWith("[push-yes]")).toEqual([]);

    const answer = await rpc(
      server.url,
      { id: question.id, result: { action: "accept", content: { confirm: true } } },
      headers,
    );
    expect(answer.status).toBe(202);
    const messages = await readMessages(response, (m) => m.some((x) => x.id === 7));
    const result = messages.find((x) => x.id === 7).result;
    expect(result.isError).toBeUndefined();
    expect(result.structuredContent.body).toContain("[push-yes]");
    expect(await sentWith("[push-yes]")).toHaveLength(1);
    expect((await auditOf(accountId, server.id))[0].guard).toBe("confirmed");
  });

  it("treats an accepted form without the box ticked as a no", async () => {
    const server = await createServer(accountId, CONFIRM);
    const headers = await session(server.url, { elicitation: { form: {} } });
    const response = await SELF.fetch(server.url, {
      method: "POST",
      headers: {
        ...headers,
        accept: "text/event-stream, application/json",
        "content-type": "application/json",
      },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 8,
        method: "tools/call",
        params: { name: SEND, arguments: marked("[push-unticked]") },
      }),
    });
    const [question] = await readMessages(response, (m) => m.some((x) => x.method));
    await rpc(
      server.url,
      { id: question.id, result: { action: "accept", content: { confirm: false } } },
      headers,
    );
    const messages = await readMessages(response, (m) => m.some((x) => x.id === 8));
    const result = messages.find((x) => x.id === 8).result;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/declined.*do not retry unless they ask/i);
    expect(await sentWith("[push-unticked]")).toEqual([]);
    expect((await auditOf(accountId, server.id))[0].guard).toBe("declined");
  });
});

describe("config.confirm, 2026-07-28 era", () => {
  it("answers input_required with the question and a signed state, sending nothing", async () => {
    const server = await createServer(accountId, CONFIRM);
    const res = await modernCall(server.url, SEND, marked("[rounds-first]"));
    expect(res.status).toBe(200);
    const result = res.body.result;
    expect(result.resultType).toBe("input_required");
    expect(result.inputRequests.confirm.method).toBe("elicitation/create");
    expect(result.inputRequests.confirm.params.message).toContain(`${REPLY_BODY} [rounds-first]`);
    expect(result.requestState).toMatch(/^v1\./);
    expect(await sentWith("[rounds-first]")).toEqual([]);
    // The round that only asks is not a call yet: its retry is audited.
    expect(await auditOf(accountId, server.id)).toEqual([]);
  });

  it("sends once after yes, and asks again when the same answer is replayed", async () => {
    const server = await createServer(accountId, CONFIRM);
    const args = marked("[rounds-yes]");
    const first = await modernCall(server.url, SEND, args);
    const retry = {
      inputResponses: { confirm: { action: "accept", content: { confirm: true } } },
      requestState: first.body.result.requestState,
    };
    const second = await modernCall(server.url, SEND, args, { retry });
    expect(second.body.result.resultType).toBe("complete");
    expect(second.body.result.isError).toBeUndefined();
    expect(await sentWith("[rounds-yes]")).toHaveLength(1);

    const replayed = await modernCall(server.url, SEND, args, { retry });
    expect(replayed.body.result.resultType).toBe("input_required");
    expect(await sentWith("[rounds-yes]")).toHaveLength(1);
    expect((await auditOf(accountId, server.id)).map((row) => row.guard)).toEqual(["confirmed"]);
  });

  it("sends nothing after no, and says so in words a model acts on", async () => {
    const server = await createServer(accountId, CONFIRM);
    const args = marked("[rounds-no]");
    const first = await modernCall(server.url, SEND, args);
    for (const action of ["decline", "cancel"]) {
      const res = await modernCall(server.url, SEND, args, {
        retry: {
          inputResponses: { confirm: { action } },
          requestState: first.body.result.requestState,
        },
      });
      expect(res.body.result.isError).toBe(true);
      expect(textOf(res.body.result)).toMatch(/do not retry unless they ask/i);
    }
    expect(await sentWith("[rounds-no]")).toEqual([]);
    expect((await auditOf(accountId, server.id)).map((row) => row.guard)).toEqual([
      "declined",
      "declined",
    ]);
  });

  it("takes an answer only for the call it was asked about", async () => {
    const server = await createServer(accountId, CONFIRM);
    const first = await modernCall(server.url, SEND, marked("[rounds-asked]"));
    const yes = {
      inputResponses: { confirm: { action: "accept", content: { confirm: true } } },
      requestState: first.body.result.requestState,
    };
    // The person said yes to one text; the retry carries another.
    const swapped = await modernCall(server.url, SEND, marked("[rounds-swapped]"), { retry: yes });
    expect(swapped.body.result.resultType).toBe("input_required");
    // An answer with no state, or a state not signed by this server, is no confirmation.
    const bare = await modernCall(server.url, SEND, marked("[rounds-bare]"), {
      retry: { inputResponses: yes.inputResponses },
    });
    expect(bare.body.result.resultType).toBe("input_required");
    const forged = await modernCall(server.url, SEND, marked("[rounds-asked]"), {
      retry: { ...yes, requestState: `${yes.requestState.slice(0, -4)}AAAA` },
    });
    expect(forged.body.error.code).toBe(-32602);
    const other = await createServer(accountId, CONFIRM);
    const elsewhere = await modernCall(other.url, SEND, marked("[rounds-asked]"), { retry: yes });
    expect(elsewhere.body.error.code).toBe(-32602);
    for (const marker of ["[rounds-asked]", "[rounds-swapped]", "[rounds-bare]"]) {
      expect(await sentWith(marker)).toEqual([]);
    }
  });

  it("refuses a client that declared no elicitation, sending nothing", async () => {
    const server = await createServer(accountId, CONFIRM);
    const res = await modernCall(server.url, SEND, marked("[rounds-none]"), { capabilities: {} });
    expect(res.body.result.isError).toBe(true);
    expect(textOf(res.body.result)).toContain("config.confirm");
    expect(await sentWith("[rounds-none]")).toEqual([]);
  });

  it("leaves no argument by which the model could confirm its own call", async () => {
    const server = await createServer(accountId, CONFIRM);
    for (const extra of [{ confirm: true }, { confirmed: true }, { _meta: { confirm: true } }]) {
      const res = await modernCall(server.url, SEND, marked("[self-confirm]", extra));
      expect(res.body.result.isError).toBe(true);
      expect(textOf(res.body.result)).toMatch(/unknown argument/);
    }
    expect(await sentWith("[self-confirm]")).toEqual([]);
  });

  it("does not ask again, nor send twice, when a confirmed keyed write is retried", async () => {
    const server = await createServer(accountId, CONFIRM);
    const args = marked("[rounds-key]", { idempotency_key: `guard-${crypto.randomUUID()}` });
    const first = await modernCall(server.url, SEND, args);
    const confirmed = await modernCall(server.url, SEND, args, {
      retry: {
        inputResponses: { confirm: { action: "accept", content: { confirm: true } } },
        requestState: first.body.result.requestState,
      },
    });
    const again = await modernCall(server.url, SEND, args);
    expect(again.body.result.resultType).toBe("complete");
    expect(again.body.result._meta["idempotent-replay"]).toBe(true);
    expect(again.body.result.structuredContent).toEqual(confirmed.body.result.structuredContent);
    expect(await sentWith("[rounds-key]")).toHaveLength(1);
  });
});

describe("what config.confirm covers", () => {
  it("asks for every write under writes, never for a read", async () => {
    const server = await createServer(accountId, { confirm: "writes" });
    const read = await modernCall(server.url, "get_single_e_desk_ticket_by_id", { id: ticket.id });
    expect(read.body.result.resultType).toBe("complete");
    const write = await modernCall(server.url, "update_a_e_desk_ticket_datum_by_id", {
      id: ticket.id,
      status: "Closed",
    });
    expect(write.body.result.resultType).toBe("input_required");
    expect(write.body.result.inputRequests.confirm.params.message).toContain("status: Closed");
  });

  it("asks, instead of refusing, for a template made an automatic reply", async () => {
    const template = {
      id: 1,
      name: "Out of office",
      body_text: "We are away until Monday.",
      template_usage: "OutOfOffice",
      template_type: ["Consumer"],
      active: true,
    };
    const off = await createServer(accountId);
    const refused = await modernCall(off.url, "update_a_e_desk_template_by_id", template);
    expect(textOf(refused.body.result)).toMatch(/^Refused: .*automatically by eDesk/);
    const on = await createServer(accountId, CONFIRM);
    const asked = await modernCall(on.url, "update_a_e_desk_template_by_id", template);
    expect(asked.body.result.resultType).toBe("input_required");
    expect(asked.body.result.inputRequests.confirm.params.message).toContain(
      "We are away until Monday.",
    );
  });
});
