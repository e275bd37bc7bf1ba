// `npm run soak` (not part of `npm test`): starts the simulator and the worker with wrangler's
// inspector off (closest to production), injects 1% upstream faults, runs 200 concurrent MCP
// sessions for 5 minutes (SOAK_SESSIONS, SOAK_SECONDS, SOAK_THINK_MS), and writes soak.json
// and the Soak section of BENCHMARKS.md: errors against the faults injected, latency and the
// workerd processes' memory per 30 s window. SOAK_OUT=<dir> writes both there instead (trials).
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createDemoServer, devSecrets, freePort, ROOT } from "../dev-stack.mjs";
import { closeSdk, connectSdk } from "../bench/lib/clients.mjs";
import { describeMachine } from "../bench/lib/machine.mjs";
import { REPORTS, writeFormatted } from "../bench/lib/output.mjs";
import { API_TOKEN, HUGE_BUCKET } from "../bench/lib/plan.mjs";
import { stackProcesses } from "../bench/lib/procs.mjs";
import { startQuietStack } from "../bench/lib/quiet-stack.mjs";
import { treeState } from "../bench/lib/snapshot.mjs";
import { soakConfig } from "./lib/config.mjs";
import { faultRules } from "./lib/faults.mjs";
import { summarizeRun, timeoutVarSupported } from "./lib/summary.mjs";
import { WindowRecorder } from "./lib/windows.mjs";
import { loadPools, operationMix, runSession } from "./lib/workload.mjs";
import { rewriteSoakSection } from "./report.mjs";

const config = soakConfig();
const T0 = performance.now();
const log = (...parts) =>
  console.error(`[soak ${((performance.now() - T0) / 1000).toFixed(1)}s]`, ...parts);

let stack;
let clients = [];
let stopping = false;
const temps = [];
const timers = [];

async function cleanup() {
  for (const timer of timers.splice(0)) clearInterval(timer);
  const open = clients.splice(0);
  await Promise.race([
    Promise.allSettled(open.map((client) => closeSdk(client))),
    new Promise((resolve) => setTimeout(resolve, 5_000)),
  ]);
  const current = stack;
  stack = undefined;
  if (current) await current.stop().catch(() => {});
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    stopping = true;
    log(`${signal}: stopping the stack`);
    cleanup().finally(() => process.exit(130));
  });
}
const watchdogMs = config.seconds * 1000 + config.watchdogSlackMs;
const watchdog = setTimeout(() => {
  stopping = true;
  log(`watchdog: still running after ${watchdogMs / 1000} s, giving up`);
  cleanup().finally(() => process.exit(1));
}, watchdogMs);
watchdog.unref();

const tempDir = (prefix) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

async function control(method, pathname, body) {
  const response = await fetch(`${stack.simulatorUrl}/__sim${pathname}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /__sim${pathname}: ${response.status} ${text}`);
  return JSON.parse(text);
}

/** Connects the sessions a batch at a time, each listing its tools first as agents do. */
async function connectAll(url) {
  const errors = [];
  for (let i = 0; i < config.sessions && !stopping; i += config.connectBatch) {
    const batch = Math.min(config.connectBatch, config.sessions - i);
    const settled = await Promise.allSettled(
      Array.from({ length: batch }, async () => {
        const client = await connectSdk(url, "json");
        clients.push(client);
        await client.listTools();
      }),
    );
    for (const s of settled) if (s.status === "rejected") errors.push(String(s.reason));
  }
  return errors;
}

const WORKER_VARS = { EDESK_TIMEOUT_MS: String(config.workerTimeoutMs) };

/** Stack, roomy bucket, server, id pools and connected sessions; the faults go in last. */
async function setUp() {
  // wrangler appends its debug log per run; keep this run's out of ~/.config.
  process.env.WRANGLER_LOG_PATH = tempDir("edesk-mcp-soak-logs-");
  log(`starting the stack (inspector off; ${JSON.stringify(WORKER_VARS)})…`);
  stack = await startQuietStack({
    root: ROOT,
    persistTo: tempDir("edesk-mcp-soak-state-"),
    secrets: devSecrets(),
    freePort,
    workerVars: WORKER_VARS,
  });
  await control("PUT", "/bucket", HUGE_BUCKET);
  const { server } = await createDemoServer(stack, {
    unguarded: true,
    apiToken: API_TOKEN,
    name: "soak",
  });
  const pools = await loadPools(stack, API_TOKEN);
  log(`connecting ${config.sessions} sessions…`);
  const connectErrors = await connectAll(server.url);
  const rules = faultRules(config.faultRate, config.delayMs);
  await control("PUT", "/faults", { rules, seed: config.faultSeed });
  return { pools, connectErrors, rules, processes: stackProcesses(stack) };
}

/** Every session calls until the deadline; memory and CPU are sampled each window. */
async function drive({ pools, processes }) {
  log(`running ${clients.length} sessions for ${config.seconds} s…`);
  const windowMs = config.windowSeconds * 1000;
  const t0 = performance.now();
  const recorder = new WindowRecorder({ t0, windowMs, processes });
  timers.push(
    setInterval(() => {
      recorder.sample();
      const recent = recorder.calls.filter((c) => c.end > performance.now() - windowMs);
      const errors = recent.filter((c) => c.kind !== "ok").length;
      log(`${recent.length} calls in the last ${config.windowSeconds} s, ${errors} errors`);
    }, windowMs),
  );
  const deadline = t0 + config.seconds * 1000;
  await Promise.all(
    clients.map((client, index) =>
      runSession({
        client,
        index,
        pools,
        deadline,
        thinkMs: config.thinkMs,
        record: (call) => recorder.record(call),
        stopped: () => stopping,
      }),
    ),
  );
  const elapsedMs = performance.now() - t0;
  for (const timer of timers.splice(0)) clearInterval(timer);
  recorder.sample();
  return { recorder, elapsedMs };
}

function setupFacts(tree, rules) {
  return {
    tree,
    stack: "quiet: wrangler unstable_startWorker, inspector off, no file watching",
    sessions: config.sessions,
    seconds: config.seconds,
    think_ms: config.thinkMs,
    window_s: config.windowSeconds,
    simulator_bucket: HUGE_BUCKET,
    worker_vars: WORKER_VARS,
    worker_timeout_var_supported: timeoutVarSupported(ROOT),
    fault_rate: config.faultRate,
    fault_seed: config.faultSeed,
    fault_rules: rules,
    delay_ms: config.delayMs,
    operation_mix: operationMix(),
  };
}

async function write(report) {
  const outDir = config.outDir ?? REPORTS;
  if (outDir !== REPORTS) {
    copyFileSync(path.join(REPORTS, "BENCHMARKS.md"), path.join(outDir, "BENCHMARKS.md"));
  }
  await writeFormatted(path.join(outDir, "soak.json"), JSON.stringify(report, null, 2));
  await rewriteSoakSection(path.join(outDir, "BENCHMARKS.md"), report);
  const r = report.results;
  log(
    `done: ${r.calls.total} calls, ${r.calls.errors} errors, injected ${r.faults.injected_total}; ` +
      `all errors explained by injected faults: ${r.faults.explanation.all_explained}`,
  );
  log(`wrote ${path.join(outDir, "soak.json")} and the Soak section of its BENCHMARKS.md`);
}

async function main() {
  const machine = describeMachine(ROOT);
  const tree = treeState(ROOT);
  const { pools, connectErrors, rules, processes } = await setUp();
  const { recorder, elapsedMs } = await drive({ pools, processes });
  const faults = (await control("GET", "/faults?tenant=demo")).data;
  await control("DELETE", "/faults");
  const sessionIds = clients.map((client) => client.transport?.sessionId);
  const transportErrors = clients.flatMap((client) => client.transportErrors ?? []);
  await cleanup();

  const timeoutEffective = timeoutVarSupported(ROOT) && config.workerTimeoutMs < config.delayMs;
  await write({
    generated_at: new Date().toISOString(),
    wall_s: Math.round((performance.now() - T0) / 100) / 10,
    machine: { ...machine, load_average_at_end: loadavg().map((x) => Math.round(x * 100) / 100) },
    setup: setupFacts(tree, rules),
    results: summarizeRun({
      config,
      recorder,
      elapsedMs,
      faults,
      timeoutEffective,
      sessions: {
        requested: config.sessions,
        connected: sessionIds.length,
        distinct_session_ids: new Set(sessionIds.filter(Boolean)).size,
        connect_errors: connectErrors.length,
        first_connect_error: connectErrors[0],
      },
      transportErrors,
    }),
  });
}

main()
  .catch((error) => {
    log("soak failed:", error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanup();
    clearTimeout(watchdog);
    process.exit();
  });
