import { bodyCase, pingBody } from "./bodies";
import { LegacySession } from "./legacy";
import type { Expectation, Observed } from "./oracle";
import type { Rng } from "./prng";
import { brief, type Execute, type FuzzCase } from "./runner";
import { send } from "./send";
import type { FuzzServer } from "./setup";
import { encodePart, trickyId } from "./values";

/** Where a legacy case POSTs: the announced endpoint, or the messages path with another id. */
type Destination =
  | { to: "endpoint" }
  | { to: "messages"; sessionId: string | null }
  | { to: "foreign session" }
  | { to: "sse"; method: string };

export interface LegacyCase extends FuzzCase {
  destination: Destination;
}

/** The request's id when the body is a JSON-RPC request the server must answer on the stream. */
function awaitedId(body: string | Uint8Array): string | number | undefined {
  if (typeof body !== "string") return undefined;
  try {
    const value = JSON.parse(body) as { id?: unknown; method?: unknown };
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    if (typeof value.method !== "string") return undefined;
    if (typeof value.id === "string" || Number.isSafeInteger(value.id)) {
      return value.id as string | number;
    }
  } catch {
    // Not JSON: the POST itself must carry the error.
  }
  return undefined;
}

const NO_SESSION: Expectation = { kind: "jsonrpc-error", status: 404 };

export function legacyCase(rng: Rng, index: number): LegacyCase {
  const family = rng.byWeight<string>([
    [80, "body"],
    [10, "session id"],
    [5, "stream paths"],
    [5, "sanity"],
  ]);
  const request = { method: "POST", url: "", body: pingBody(index) };
  if (family === "body") {
    const body = bodyCase(rng);
    return {
      family: `legacy body: ${body.family}`,
      describe: body.describe,
      request: { ...request, body: body.body },
      expect: body.expect,
      destination: { to: "endpoint" },
      noUpstream: true,
    };
  }
  if (family === "session id") {
    const [label, destination] = rng.pick<[string, Destination]>([
      ["missing sessionId", { to: "messages", sessionId: null }],
      ["empty sessionId", { to: "messages", sessionId: "" }],
      ["unknown sessionId", { to: "messages", sessionId: crypto.randomUUID() }],
      ["path trick sessionId", { to: "messages", sessionId: trickyId(rng) }],
      ["very long sessionId", { to: "messages", sessionId: "s".repeat(10_000) }],
      ["another server's sessionId", { to: "foreign session" }],
    ]);
    return {
      family: "legacy session id",
      describe: label,
      request,
      expect: NO_SESSION,
      destination,
      noUpstream: true,
    };
  }
  if (family === "stream paths") {
    const method = rng.pick(["POST", "PUT", "DELETE"]);
    return {
      family: "legacy stream paths",
      describe: `${method} /sse`,
      request,
      expect: { kind: "jsonrpc-error", status: 405 },
      destination: { to: "sse", method },
      noUpstream: true,
    };
  }
  return {
    family: "legacy sanity",
    describe: "ping on the legacy stream",
    request,
    expect: { kind: "ok" },
    destination: { to: "endpoint" },
    noUpstream: true,
  };
}

const INITIALIZE = JSON.stringify({
  jsonrpc: "2.0",
  id: "init",
  method: "initialize",
  params: {
    protocolVersion: "2024-11-05",
    capabilities: {},
    clientInfo: { name: "fuzz", version: "1" },
  },
});

async function openInitialised(url: string): Promise<LegacySession> {
  const session = await LegacySession.open(url);
  await session.post(INITIALIZE);
  if (!(await session.answer("init"))) throw new Error("legacy initialize: no answer");
  await session.post(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
  return session;
}

/** The stream's answer to a request, seen as the JSON response it stands for. */
function asObserved(message: unknown, post: Observed): Observed {
  return { ...post, status: 200, body: JSON.stringify(message), contentType: "application/json" };
}

/**
 * Runs legacy cases on one long-lived session of `main` (reopened when a case ends it), and
 * a second server's session for the foreign-session cases. A 202 for a request is followed by
 * its answer on the stream, which then gets the case's expectation.
 */
export function legacyExecutor(main: FuzzServer, other: FuzzServer) {
  let session: LegacySession | undefined;
  let foreign: LegacySession | undefined;
  const current = async () => {
    if (!session?.isOpen) session = await openInitialised(main.url);
    return session;
  };

  const execute: Execute<LegacyCase> = async (fuzzCase) => {
    const { destination } = fuzzCase;
    const body = fuzzCase.request.body!;
    if (destination.to === "sse") {
      const observed = await send({
        method: destination.method,
        url: `${main.url}/sse`,
        body,
        via: "direct",
      });
      return { observed };
    }
    if (destination.to === "foreign session") {
      foreign ??= await openInitialised(other.url);
      const url = `${main.url}/messages?sessionId=${foreign.sessionId}`;
      return { observed: await (await current()).post(body, url) };
    }
    if (destination.to === "messages") {
      const query =
        destination.sessionId === null ? "" : `?sessionId=${encodePart(destination.sessionId)}`;
      return { observed: await (await current()).post(body, `${main.url}/messages${query}`) };
    }
    const stream = await current();
    stream.forget();
    const observed = await stream.post(body);
    const id = awaitedId(typeof body === "string" ? body : "");
    if (observed.status !== 202 || id === undefined) return { observed };
    const answer = await stream.answer(id);
    if (answer === null) {
      await stream.close();
      return { observed, problems: [`202, but no answer to id ${brief(id, 40)} on the stream`] };
    }
    return { observed: asObserved(answer, observed) };
  };

  return {
    execute,
    /** Stream text after the endpoint events, for the leak checks. */
    streamText: () => `${session?.text ?? ""}${foreign?.text ?? ""}`,
    async close() {
      await session?.close();
      await foreign?.close();
    },
  };
}
