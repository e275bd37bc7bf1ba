import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOMY_BUCKET } from "./global-setup";
import { connect, createAccount, createServer, simulatorRequests, simulatorUrl } from "./stack";

// Budgets under load: 50 concurrent sessions across three servers of one account whose budget
// is 120 eDesk requests a minute, shaped as eDesk's own documented limit (60 at once, 2 a
// second), and with the simulator's bucket set to exactly that limit. Whatever the sessions do,
// the requests that reach the simulator must stay within the budget in every window, so eDesk
// never answers 429; one server's own cap holds too.

const TOKEN = "budget-edesk-token";
const SESSIONS = 50;
const RUN_MS = 8_000;
const ACCOUNT_BUDGET = 120;
const SERVER_BUDGET = 30;
const EDESK_LIMIT = { capacity: 60, refill_per_second: 2 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function simulator(method: string, path: string, body?: unknown) {
  const response = await fetch(`${simulatorUrl()}/__sim/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`simulator ${method} ${path}: ${response.status}`);
}

let ticketIds: number[];

beforeAll(async () => {
  const response = await fetch(`${simulatorUrl()}/v1/tickets?itemsPerPage=50`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  ticketIds = ((await response.json()) as { data: { id: number }[] }).data.map((t) => t.id);
});

afterAll(async () => {
  await simulator("PUT", "bucket", ROOMY_BUCKET);
});

/** The most requests in any window beyond what the budget allows there (≤ 0: never over). */
function worstExcess(times: number[], perMinute: number): number {
  let worst = -Infinity;
  for (let i = 0; i < times.length; i++) {
    for (let j = i; j < times.length; j++) {
      const allowed = perMinute / 2 + (perMinute / 60_000) * (times[j]! - times[i]!);
      worst = Math.max(worst, j - i + 1 - allowed);
    }
  }
  return worst;
}

it(`keeps ${SESSIONS} sessions on three servers within the account's and a server's budget`, async () => {
  const accountId = await createAccount(TOKEN, ACCOUNT_BUDGET);
  const capped = await createServer(accountId, {
    loop_guard: false,
    max_calls_per_minute: SERVER_BUDGET,
  });
  const others = [
    await createServer(accountId, { loop_guard: false }),
    await createServer(accountId, { loop_guard: false }),
  ];
  const servers = [capped, ...others];
  const clients = await Promise.all(
    Array.from({ length: SESSIONS }, (_, i) => connect(servers[i % 3]!.url)),
  );
  await simulator("PUT", "bucket", EDESK_LIMIT);
  await simulator("DELETE", "requests?tenant=budget");

  const done = { sent: [0, 0, 0], refused: [0, 0, 0], other: [] as string[] };
  const started = Date.now();
  try {
    await Promise.all(
      clients.map(async (client, i) => {
        for (let k = 0; Date.now() - started < RUN_MS; k++) {
          const id = ticketIds[(i * 7 + k) % ticketIds.length]!;
          const result = (await client.callTool({
            name: "get_single_e_desk_ticket_by_id",
            arguments: { id },
          })) as CallToolResult;
          const text = JSON.stringify(result.content);
          if (!result.isError) done.sent[i % 3]!++;
          else if (/budget/.test(text) && result._meta?.["retry-after"] !== undefined) {
            done.refused[i % 3]!++;
            await sleep(250);
          } else done.other.push(text.slice(0, 200));
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.close()));
  }
  const elapsed = Date.now() - started;

  const log: { method: string; path: string; status: number; time: string }[] =
    await simulatorRequests("budget");
  const reads = log.filter((r) => r.path.startsWith("/v1/tickets/"));
  const times = reads.map((r) => Date.parse(r.time)).sort((a, b) => a - b);
  const perSecond = new Map<number, number>();
  for (const t of times) {
    const second = Math.floor((t - times[0]!) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  }
  const report = JSON.stringify({ elapsed, ...done, perSecond: [...perSecond.values()] });
  console.log(`budgets under load: ${report}`);

  expect(done.other, report).toEqual([]);
  expect(
    reads.filter((r) => r.status === 429),
    report,
  ).toEqual([]);
  expect(reads.length, report).toBe(done.sent.reduce((a, b) => a + b, 0));
  // The budget: 60 at once, then 2 a second, in every window; one request of slack for the
  // time a request spends between the worker and the simulator.
  expect(worstExcess(times, ACCOUNT_BUDGET), report).toBeLessThanOrEqual(1);
  for (const count of perSecond.values()) expect(count, report).toBeLessThanOrEqual(62);
  // The capped server: 15 at once, then one every 2 s.
  expect(done.sent[0], report).toBeLessThanOrEqual(15 + Math.ceil(elapsed / 2_000));
  // The budget was used, not merely refused: most of what it allowed went through.
  expect(reads.length, report).toBeGreaterThan(50);
  expect(
    done.refused.every((n) => n > 0),
    report,
  ).toBe(true);
}, 90_000);
