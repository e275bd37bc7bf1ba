// Section 7's diagnosis: does the worker's JS heap grow with calls? Reads the isolate's used heap
// after a full collection, through the worker's inspector, across rounds of calls on the same
// open sessions, beside the runtime workerd's resident memory. Rounds of tool calls alternate
// with control rounds of the same number of the runtime's cheapest answer (an unauthenticated
// admin request, 401: no MCP code, no Durable Object), so RSS growth can be laid at the door of
// the calls or of the runtime.
import { RawSession } from "../lib/clients.mjs";
import { heapAfterGc } from "../lib/devtools.mjs";
import { rssMib } from "../lib/procs.mjs";
import { TICKET_ID, TOOL } from "./overhead.mjs";

export async function runHeapCheck({
  workerUrl,
  server,
  inspector,
  runtimePid,
  sessions = 50,
  rounds = 6,
  callsPerSession = 20,
}) {
  const open = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const session = new RawSession(server.url);
      await session.initialize();
      return session;
    }),
  );
  const samples = [];
  let calls = 0;
  let floors = 0;
  const sample = async (after) =>
    samples.push({
      after,
      calls,
      floors,
      heap_mib: await heapAfterGc(inspector),
      runtime_rss_mib: runtimePid ? rssMib(runtimePid) : null,
    });
  const floor = async () => {
    const response = await fetch(`${workerUrl}/api/integrated-account`);
    await response.arrayBuffer();
    if (response.status !== 401) throw new Error(`floor: ${response.status}`);
  };
  try {
    await sample("start");
    for (let round = 1; round <= rounds; round++) {
      await Promise.all(
        open.map(async () => {
          for (let i = 0; i < callsPerSession; i++) await floor();
        }),
      );
      floors += sessions * callsPerSession;
      await sample("control");
      await Promise.all(
        open.map(async (session) => {
          for (let i = 0; i < callsPerSession; i++)
            await session.request("tools/call", { name: TOOL, arguments: { id: TICKET_ID } });
        }),
      );
      calls += sessions * callsPerSession;
      await sample("calls");
    }
  } finally {
    await Promise.all(open.map((session) => session.close()));
  }
  // RSS growth per 1000 requests of each kind, summed over the rounds after the first pair
  // (the first rounds also warm the allocator).
  const growth = { calls: 0, control: 0 };
  for (let i = 3; i < samples.length; i++) {
    const delta = samples[i].runtime_rss_mib - samples[i - 1].runtime_rss_mib;
    growth[samples[i].after] += delta;
  }
  const per1000 = (mib) =>
    rounds > 1
      ? Math.round((mib / ((rounds - 1) * sessions * callsPerSession)) * 1000 * 10) / 10
      : null;
  return {
    sessions,
    rounds,
    calls_per_round: sessions * callsPerSession,
    samples,
    rss_mib_per_1000: { calls: per1000(growth.calls), control: per1000(growth.control) },
  };
}
