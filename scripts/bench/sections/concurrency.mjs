// Section 3: 100 concurrent sessions × 20 tool calls through the worker, against the same 2000
// eDesk requests sent straight to the simulator at the same concurrency.
import { closeSdk, connectSdk, getExpect, RawSession, sdkCall } from "../lib/clients.mjs";
import { cpuPerOp, cpuSnapshot, memorySnapshot, stackProcesses } from "../lib/procs.mjs";
import { ms, ratio, summarize } from "../lib/stats.mjs";
import { TOOL } from "./overhead.mjs";

/** Ticket ids to spread the calls over, read from the simulator's first page. */
export async function ticketIds(stack, apiToken) {
  const text = await getExpect(`${stack.simulatorUrl}/v1/tickets?itemsPerPage=100`, 200, {
    authorization: `Bearer ${apiToken}`,
  });
  const ids = JSON.parse(text).data.map((ticket) => ticket.id);
  if (ids.length === 0) throw new Error("the simulator listed no tickets");
  return ids;
}

/** An error's message with its cause (fetch puts the socket error there). */
export function describeError(error) {
  const cause = error?.cause
    ? ` (cause: ${error.cause?.code ?? ""} ${error.cause?.message ?? error.cause})`
    : "";
  return `${error?.message ?? error}${cause}`.slice(0, 300);
}

/** Runs `workers` loops of `perWorker` sequential calls at once; counts errors, times calls. */
async function drive({ workers, perWorker, ids, call, processes }) {
  const latencies = [];
  const cpuBefore = cpuSnapshot(processes);
  let errors = 0;
  let firstError;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let j = 0; j < perWorker; j++) {
        const id = ids[(w * perWorker + j) % ids.length];
        const t = performance.now();
        try {
          await call(w, id);
          latencies.push(performance.now() - t);
        } catch (error) {
          errors++;
          firstError ??= describeError(error);
        }
      }
    }),
  );
  const wall = performance.now() - started;
  const calls = workers * perWorker;
  return {
    cpu_ms_per_call: cpuPerOp(cpuBefore, cpuSnapshot(processes), calls),
    calls,
    errors,
    first_error: firstError,
    wall_ms: ms(wall, 1),
    throughput_per_s: ms((calls - errors) / (wall / 1000), 1),
    latency: summarize(latencies),
  };
}

export async function runConcurrency({
  stack,
  server,
  apiToken,
  sessions,
  callsPerSession,
  reps,
  deadline = Infinity,
  spreadServers = [],
}) {
  const ids = await ticketIds(stack, apiToken);
  const processes = stackProcesses(stack);
  const auth = { authorization: `Bearer ${apiToken}` };
  const checkId = (id) => (result) => {
    if (result.structuredContent?.id !== id) throw new Error(`wrong ticket for ${id}`);
  };

  const direct = () =>
    drive({
      workers: sessions,
      perWorker: callsPerSession,
      ids,
      processes,
      call: async (_, id) => {
        const body = JSON.parse(
          await getExpect(`${stack.simulatorUrl}/v1/tickets/${id}`, 200, auth),
        );
        if (body.data?.id !== id) throw new Error(`wrong ticket for ${id}`);
      },
    });

  const viaSdk = async () => {
    const t = performance.now();
    const settled = await Promise.allSettled(
      Array.from({ length: sessions }, async () => {
        const client = await connectSdk(server.url, "json");
        await client.listTools();
        return client;
      }),
    );
    const clients = settled.filter((r) => r.status === "fulfilled").map((r) => r.value);
    const failedSetups = settled.filter((r) => r.status === "rejected");
    const setupMs = performance.now() - t;
    const setupError = failedSetups.length ? describeError(failedSetups[0].reason) : undefined;
    try {
      // A session that failed to connect is counted as an error and makes no calls.
      const run = await drive({
        workers: clients.length,
        perWorker: callsPerSession,
        ids,
        processes,
        call: async (w, id) => checkId(id)(await sdkCall(clients[w], TOOL, { id })),
      });
      return {
        ...run,
        setup_ms: ms(setupMs, 1),
        setup_errors: failedSetups.length,
        first_setup_error: setupError,
      };
    } finally {
      await Promise.all(clients.map(closeSdk));
    }
  };

  // `servers`: the sessions go round-robin over these (one Durable Object per server).
  const viaRaw = async (servers = [server]) => {
    const all = Array.from(
      { length: sessions },
      (_, i) => new RawSession(servers[i % servers.length].url),
    );
    const settled = await Promise.allSettled(all.map((r) => r.initialize()));
    const raws = all.filter((_, i) => settled[i].status === "fulfilled");
    const failedSetups = settled.filter((r) => r.status === "rejected");
    try {
      const run = await drive({
        workers: raws.length,
        perWorker: callsPerSession,
        ids,
        processes,
        call: async (w, id) =>
          checkId(id)(await raws[w].request("tools/call", { name: TOOL, arguments: { id } })),
      });
      return {
        ...run,
        setup_errors: failedSetups.length,
        first_setup_error: failedSetups.length ? describeError(failedSetups[0].reason) : undefined,
      };
    } finally {
      await Promise.all(raws.map((r) => r.close()));
    }
  };

  // Alternate the phases so drift on a shared machine hits both sides.
  // The bare-fetch runs (the same calls without the SDK client's CPU; and spread over several
  // servers, i.e. several Durable Objects) run once each, after the first pair.
  const runs = { direct: [], worker_sdk: [], worker_raw: [], worker_raw_spread: [] };
  // Resident memory of every process of the stack before the first run and after each run
  // through the worker (section 7).
  const memory = [];
  const sampleMemory = (after) => memory.push({ after, rss_mib: memorySnapshot(processes) });
  sampleMemory("start");
  for (let r = 0; r < reps; r++) {
    if (r > 0 && performance.now() > deadline) break; // a slow machine: fewer repetitions
    runs.direct.push(await direct());
    runs.worker_sdk.push(await viaSdk());
    sampleMemory(`worker run ${r + 1}`);
    if (r === 0) {
      runs.worker_raw.push(await viaRaw());
      if (spreadServers.length > 1) runs.worker_raw_spread.push(await viaRaw(spreadServers));
    }
  }
  const best = (list) => list.reduce((a, b) => (b.throughput_per_s > a.throughput_per_s ? b : a));
  const median = (list) => {
    const sorted = list.map((x) => x.throughput_per_s).sort((a, b) => a - b);
    if (!sorted.length) return null;
    const mid = (sorted.length - 1) / 2;
    return (sorted[Math.floor(mid)] + sorted[Math.ceil(mid)]) / 2;
  };
  const totalErrors = (list) => list.reduce((sum, x) => sum + x.errors + (x.setup_errors ?? 0), 0);
  return {
    sessions,
    calls_per_session: callsPerSession,
    reps: runs.direct.length,
    distinct_ids: ids.length,
    runs,
    memory,
    spread_servers: spreadServers.length,
    throughput_per_s: {
      direct: median(runs.direct),
      worker_sdk: median(runs.worker_sdk),
      worker_raw: median(runs.worker_raw),
      worker_raw_spread: median(runs.worker_raw_spread),
    },
    ratio: ratio(median(runs.worker_sdk), median(runs.direct)),
    ratio_raw: ratio(median(runs.worker_raw), median(runs.direct)),
    ratio_raw_spread: runs.worker_raw_spread.length
      ? ratio(median(runs.worker_raw_spread), median(runs.direct))
      : null,
    best: {
      direct: best(runs.direct).throughput_per_s,
      worker_sdk: best(runs.worker_sdk).throughput_per_s,
    },
    errors: {
      direct: totalErrors(runs.direct),
      worker_sdk: totalErrors(runs.worker_sdk),
      worker_raw: totalErrors(runs.worker_raw),
      worker_raw_spread: totalErrors(runs.worker_raw_spread),
    },
  };
}
