// `npm run bench`: starts the eDesk simulator and the worker under `wrangler dev` (loopback
// only), measures what the MCP layer costs, and writes BENCHMARKS.md and benchmarks.json.
// BENCH_QUICK=1 runs a short smoke version whose output goes to a temp folder, not the repo.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createDemoServer, devSecrets, freePort, ROOT } from "../dev-stack.mjs";
import { describeMachine } from "./lib/machine.mjs";
import {
  API_TOKEN,
  BASELINE_COMMIT,
  CPU_VARIANTS,
  HUGE_BUCKET,
  IN_PLACE,
  ONLY,
  PLAN,
  QUICK,
  SPREAD_SERVERS,
} from "./lib/plan.mjs";
import { startQuietStack } from "./lib/quiet-stack.mjs";
import { REPORTS, writeFormatted } from "./lib/output.mjs";
import { renderMarkdown } from "./report/render.mjs";
import { erasSection } from "./report/eras.mjs";
import { readSoak } from "../soak/report.mjs";
import { snapshotCommit, snapshotTree, treeState } from "./lib/snapshot.mjs";
import { ms } from "./lib/stats.mjs";
import { evaluateEraTargets, evaluateTargets } from "./lib/targets.mjs";
import { runAccountCheck } from "./sections/account-check.mjs";
import { runEras } from "./sections/eras.mjs";
import { runConcurrency } from "./sections/concurrency.mjs";
import { runCpu, runOverhead, TICKET_ID, TOOL } from "./sections/overhead.mjs";
import { runSessionSetup } from "./sections/session-setup.mjs";
import { runSize } from "./sections/size.mjs";
import { devtools } from "./lib/devtools.mjs";
import { runHeapCheck } from "./sections/memory.mjs";
import { stackProcesses } from "./lib/procs.mjs";
import { CONFIGS, runColdLists, runTrueCold, runWarmLists } from "./sections/tools-list.mjs";

/** Hard stop: the run ends by itself even if something hangs. */
const WATCHDOG_MS = 25 * 60_000;

const T0 = performance.now();
const log = (...parts) =>
  console.error(`[bench ${((performance.now() - T0) / 1000).toFixed(1)}s]`, ...parts);

let stack;
const temps = [];
let snapshot;
/** Kept across restarts: the stored eDesk credentials are sealed with ENCRYPTION_KEY. */
const secrets = devSecrets();

/** Set by a signal or the watchdog: nothing new starts, and a stack that comes up is stopped. */
let stopping = false;

/** Keeps a freshly started stack, unless the run is stopping (then it is stopped at once). */
async function adopt(started) {
  if (stopping) {
    await started.stop().catch(() => {});
    throw new Error("the run is stopping");
  }
  stack = started;
}

async function stopStack() {
  const current = stack;
  stack = undefined;
  if (current) await current.stop().catch(() => {});
}
async function cleanup() {
  await stopStack();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
  snapshot?.remove();
  snapshot = undefined;
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    stopping = true;
    log(`${signal}: stopping the stack`);
    cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  stopping = true;
  log(`watchdog: still running after ${WATCHDOG_MS / 1000} s, giving up`);
  cleanup().finally(() => process.exit(1));
}, WATCHDOG_MS);
watchdog.unref();

const tempDir = (prefix) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
const deadline = (seconds) => performance.now() + seconds * 1000;

async function setBucket() {
  const response = await fetch(`${stack.simulatorUrl}/__sim/bucket`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(HUGE_BUCKET),
  });
  if (!response.ok) throw new Error(`PUT /__sim/bucket: ${response.status}`);
}

async function section(results, name, fn) {
  if (stopping) throw new Error("the run is stopping");
  log(`${name}…`);
  const t = performance.now();
  try {
    results[name] = await fn();
  } catch (error) {
    results[name] = { error: String(error?.stack ?? error).slice(0, 2000) };
    log(`${name} failed:`, error);
  }
  results[name].section_wall_ms = ms(performance.now() - t, 0);
}

function dirBytes(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) total += statSync(path.join(dir, name)).size;
  return total;
}

async function createServers() {
  const servers = {};
  for (const [label, config] of Object.entries(CONFIGS)) {
    const created = await createDemoServer(stack, {
      unguarded: true,
      apiToken: API_TOKEN,
      name: `bench ${label}`,
      config,
    });
    servers[label] = created.server;
  }
  return servers;
}

/** The main run: `wrangler dev` as `npm start` and the e2e tests run it. */
async function mainRun(results, startStack, persistTo) {
  const starts = [];
  const start = async () => {
    const t = performance.now();
    const started = await startStack({
      persistTo,
      secrets,
      simulatorControl: true,
      log: process.env.BENCH_LOG === "1",
    });
    await adopt(started);
    await setBucket();
    starts.push(ms(performance.now() - t, 0));
  };
  // Stack 1 only creates the two servers; a restart then gives a worker whose isolate has not
  // served any MCP request and whose Durable Objects are not in memory (a true cold start).
  await start();
  const servers = await createServers();
  log("servers created; restarting the stack for a cold start");
  await stopStack();
  await start();
  // The restarted worker listens on a new port; the tokens and servers are the same.
  for (const server of Object.values(servers)) {
    server.url = new URL(new URL(server.url).pathname, stack.workerUrl).href;
  }

  await section(results, "true_cold", () =>
    runTrueCold({ servers, ticketTool: TOOL, ticketId: TICKET_ID }),
  );
  await section(results, "overhead", () =>
    runOverhead({
      stack,
      server: servers.full,
      apiToken: API_TOKEN,
      warmup: PLAN.warmup,
      rounds: PLAN.rounds,
      deadline: deadline(100),
    }),
  );
  await section(results, "cpu", () =>
    runCpu({
      stack,
      server: servers.full,
      apiToken: API_TOKEN,
      count: PLAN.cpu,
      names: CPU_VARIANTS,
    }),
  );
  await section(results, "account_check", () =>
    runAccountCheck({
      stack,
      apiToken: API_TOKEN,
      warmup: PLAN.warmup,
      rounds: PLAN.rounds,
      deadline: deadline(60),
      cpuCount: PLAN.cpu,
    }),
  );
  await section(results, "tools_list", () =>
    runWarmLists({ servers, warmup: PLAN.warmup, rounds: PLAN.listRounds, deadline: deadline(60) }),
  );
  await section(results, "cold_lists", () =>
    runColdLists({ stack, apiToken: API_TOKEN, samples: PLAN.cold }),
  );
  await section(results, "session_setup", () =>
    runSessionSetup({ server: servers.full, warmup: PLAN.setupWarmup, samples: PLAN.setup }),
  );
  await section(results, "concurrency", async () => {
    // The same config on more servers, for a run whose sessions spread over several objects.
    const spreadServers = [servers.full];
    for (let i = 1; i < SPREAD_SERVERS; i++) {
      spreadServers.push(
        (
          await createDemoServer(stack, {
            unguarded: true,
            apiToken: API_TOKEN,
            name: `bench spread ${i}`,
            config: CONFIGS.full,
          })
        ).server,
      );
    }
    return runConcurrency({
      stack,
      server: servers.full,
      apiToken: API_TOKEN,
      sessions: PLAN.sessions,
      callsPerSession: PLAN.calls,
      reps: PLAN.reps,
      deadline: deadline(120),
      spreadServers,
    });
  });
  await stopStack();
  return starts;
}

/**
 * The same core measurements with wrangler's DevTools inspector off (the second target column),
 * and section 8, the protocol eras, with the peer and the baseline worker on the same stack.
 */
async function quietRun(root, { erasOnly = false } = {}) {
  const quiet = {};
  const t = performance.now();
  const baseline = snapshotCommit(ROOT, BASELINE_COMMIT);
  if (baseline) temps.push(baseline.dir);
  else log(`no tree for ${BASELINE_COMMIT}: section 8 runs without the baseline`);
  await adopt(
    await startQuietStack({
      root,
      persistTo: tempDir("edesk-mcp-bench-quiet-"),
      secrets,
      freePort,
      peerToken: API_TOKEN,
      baselineRoot: baseline?.dir,
    }),
  );
  await setBucket();
  quiet.start_ms = ms(performance.now() - t, 0);
  const servers = await createServers();
  await section(quiet, "eras", async () => {
    // A baseline with guard rails (loop guard, account budget) gets them off, as ours does; an
    // older one refuses those fields and has nothing to turn off.
    const onBaseline = { ...stack, workerUrl: stack.baselineUrl };
    const baselineServer = stack.baselineUrl
      ? (
          await createDemoServer(onBaseline, {
            unguarded: true,
            apiToken: API_TOKEN,
            name: "bench baseline",
          }).catch(() =>
            createDemoServer(onBaseline, { apiToken: API_TOKEN, name: "bench baseline" }),
          )
        ).server
      : undefined;
    return runEras({
      stack,
      server: servers.full,
      baselineServer,
      baselineCommit: BASELINE_COMMIT,
      apiToken: API_TOKEN,
      warmup: PLAN.warmup,
      rounds: PLAN.eraRounds,
      cpuCount: PLAN.eraCpu,
      deadline: deadline(150),
    });
  });
  if (erasOnly) {
    await stopStack();
    return quiet;
  }
  await section(quiet, "overhead", () =>
    runOverhead({
      stack,
      server: servers.full,
      apiToken: API_TOKEN,
      warmup: PLAN.warmup,
      rounds: PLAN.quietRounds,
      deadline: deadline(60),
    }),
  );
  await section(quiet, "cpu", () =>
    runCpu({
      stack,
      server: servers.full,
      apiToken: API_TOKEN,
      count: PLAN.quietCpu,
      names: ["floor", "direct", "do_hop", "raw_ping", "raw_call", "call_json"],
    }),
  );
  await section(quiet, "account_check", () =>
    runAccountCheck({
      stack,
      apiToken: API_TOKEN,
      warmup: PLAN.warmup,
      rounds: PLAN.quietRounds,
      deadline: deadline(40),
      cpuCount: PLAN.quietCpu,
    }),
  );
  await section(quiet, "tools_list", () =>
    runWarmLists({
      servers,
      warmup: PLAN.warmup,
      rounds: Math.round(PLAN.quietRounds / 2),
      deadline: deadline(20),
    }),
  );
  await section(quiet, "concurrency", () =>
    runConcurrency({
      stack,
      server: servers.full,
      apiToken: API_TOKEN,
      sessions: PLAN.sessions,
      callsPerSession: PLAN.calls,
      reps: PLAN.quietReps,
      deadline: deadline(60),
    }),
  );
  await stopStack();
  return quiet;
}

/**
 * Section 7's JS heap check, on a quiet stack with the worker's inspector on. The inspector is
 * attached before the first request: wrangler's inspector proxy buffers every event until a
 * client connects and then sends the whole backlog (found the hard way: attached after section
 * 3's load under `wrangler dev`, the backlog wedged the worker).
 */
async function heapRun(root) {
  const inspectorPort = await freePort();
  await adopt(
    await startQuietStack({
      root,
      persistTo: tempDir("edesk-mcp-bench-heap-"),
      secrets,
      freePort,
      inspectorPort,
    }),
  );
  const inspector = await devtools(inspectorPort);
  try {
    await setBucket();
    const { server } = await createDemoServer(stack, {
      unguarded: true,
      apiToken: API_TOKEN,
      name: "bench heap",
    });
    const runtime = stackProcesses(stack).find((p) => p.label === "worker runtime workerd");
    return await runHeapCheck({
      workerUrl: stack.workerUrl,
      server,
      inspector,
      runtimePid: runtime?.pid,
      sessions: PLAN.heapSessions,
      callsPerSession: PLAN.heapCalls,
      rounds: PLAN.heapRounds,
    });
  } finally {
    await inspector.close();
    await stopStack();
  }
}

/**
 * BENCH_ONLY=eras: section 8 alone, written into the last full run's report: its results and
 * era targets in benchmarks.json, its section in BENCHMARKS.md; nothing else changes.
 */
async function erasOnly(root) {
  const quiet = await quietRun(root, { erasOnly: true });
  const eras = { ...quiet.eras, run_alone_at: new Date().toISOString() };
  const report = JSON.parse(readFileSync(path.join(REPORTS, "benchmarks.json"), "utf8"));
  report.results.quiet = { ...report.results.quiet, eras };
  report.era_targets = evaluateEraTargets(eras);
  const markdown = readFileSync(path.join(REPORTS, "BENCHMARKS.md"), "utf8");
  const start = markdown.indexOf("\n## 8. ");
  const end = markdown.indexOf("\n## ", start + 1);
  if (start < 0 || end < 0) throw new Error("BENCHMARKS.md has no section 8 to replace");
  const spliced = `${markdown.slice(0, start + 1)}${erasSection(report)}${markdown.slice(end)}`;
  const outDir = QUICK ? mkdtempSync(path.join(tmpdir(), "edesk-mcp-bench-quick-")) : REPORTS;
  await writeFormatted(path.join(outDir, "benchmarks.json"), JSON.stringify(report, null, 2));
  await writeFormatted(path.join(outDir, "BENCHMARKS.md"), spliced);
  log(`section 8 done; wrote ${outDir}/BENCHMARKS.md and benchmarks.json`);
  for (const [key, label] of [
    ["modern_vs_peer", "2026-07-28 ours / peer"],
    ["modern_vs_baseline_modern", "2026-07-28 ours / baseline"],
    ["baseline_modern_vs_peer", "2026-07-28 baseline / peer"],
    ["legacy_vs_baseline", "2025 ours / baseline"],
  ]) {
    const r = eras.ratios?.[key];
    if (r)
      log(`${label}: median ${r.median}, p99 ${r.p99}, paired ${r.paired_median}, cpu ${r.cpu}`);
  }
  if (eras.error) process.exitCode = 1;
}

async function main() {
  const machine = describeMachine(ROOT);
  const tree = treeState(ROOT);
  let root = ROOT;
  let startStack;
  if (IN_PLACE) {
    ({ startStack } = await import("../dev-stack.mjs"));
  } else {
    snapshot = await snapshotTree(ROOT);
    root = snapshot.dir;
    ({ startStack } = snapshot.devStack);
  }
  // wrangler appends every inspector event to a debug log; keep this run's out of ~/.config.
  const wranglerLogs = tempDir("edesk-mcp-bench-logs-");
  process.env.WRANGLER_LOG_PATH = wranglerLogs;

  if (ONLY === "eras") return erasOnly(root);

  const results = {};
  await section(results, "size", async () => runSize({ root }));
  const stackStarts = await mainRun(results, startStack, tempDir("edesk-mcp-bench-state-"));
  const wranglerLogBytes = dirBytes(wranglerLogs);
  await section(results, "quiet", () => quietRun(root));
  await section(results, "heap", () => heapRun(root));
  await cleanup();

  const report = {
    generated_at: new Date().toISOString(),
    quick: QUICK,
    wall_s: ms((performance.now() - T0) / 1000, 1),
    machine: { ...machine, load_average_at_end: loadavg().map((x) => Math.round(x * 100) / 100) },
    setup: {
      tree: { ...tree, ran_from: IN_PLACE ? "working tree" : "copy of the working tree" },
      api_token: API_TOKEN,
      simulator_bucket: HUGE_BUCKET,
      plan: PLAN,
      stack_start_ms: stackStarts,
      wrangler_debug_log_bytes: wranglerLogBytes,
    },
    results,
  };
  report.targets = evaluateTargets(results);
  report.era_targets = evaluateEraTargets(results.quiet?.eras);
  const outDir = QUICK ? mkdtempSync(path.join(tmpdir(), "edesk-mcp-bench-quick-")) : REPORTS;
  await writeFormatted(path.join(outDir, "benchmarks.json"), JSON.stringify(report, null, 2));
  await writeFormatted(
    path.join(outDir, "BENCHMARKS.md"),
    renderMarkdown(report, readSoak(REPORTS)),
  );
  log(`done in ${report.wall_s} s; wrote ${outDir}/BENCHMARKS.md and benchmarks.json`);
  const verdict = (m) => `${m.pass ? "PASS" : "FAIL"} ${m.value}`;
  for (const target of report.targets) {
    log(
      `${target.name} (target ${target.target}): wrangler dev ${verdict(target.main)}; inspector off ${verdict(target.quiet)}`,
    );
  }
  for (const target of report.era_targets) {
    log(`${target.name} (target ${target.target}): inspector off ${verdict(target.result)}`);
  }
  const failed = [...Object.entries(results), ...Object.entries(results.quiet ?? {})].filter(
    ([, r]) => r && typeof r === "object" && r.error,
  );
  if (failed.length) {
    log(`sections that failed: ${failed.map(([n]) => n).join(", ")}`);
    process.exitCode = 1;
  }
}

main()
  .catch((error) => {
    log("bench failed:", error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    clearTimeout(watchdog);
    // A client library's reconnect timer (EventSource after a failed legacy stream) must not
    // keep a finished run alive.
    process.exit();
  });
