// The soak's results from its recorded calls, samples and the simulator's fault counters.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { explain } from "./faults.mjs";
import { latencySummary } from "./windows.mjs";

/** Whether the worker's code reads `EDESK_TIMEOUT_MS` (the per-request upstream timeout). */
export function timeoutVarSupported(root) {
  const walk = (dir) =>
    readdirSync(dir).some((name) => {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) return walk(file);
      return name.endsWith(".ts") && readFileSync(file, "utf8").includes("EDESK_TIMEOUT_MS");
    });
  return walk(path.join(root, "src"));
}

/** tool_error (an isError result), protocol (JSON-RPC error), transport, or wrong_result. */
export function categoryOf(kind) {
  if (kind.startsWith("protocol_")) return "protocol";
  if (kind === "transport") return "transport";
  if (kind === "wrong_result") return "wrong_result";
  return "tool_error";
}

const countBy = (items, key) => {
  const out = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

function byOperation(calls) {
  const out = {};
  for (const call of calls) {
    const row = (out[call.op] ??= { calls: 0, errors: 0, latency: [] });
    row.calls++;
    if (call.kind !== "ok") row.errors++;
    row.latency.push(call.end - call.start);
  }
  for (const row of Object.values(out)) row.latency = latencySummary(row.latency);
  return out;
}

function memory(samples) {
  const first = samples[0]?.rss_mib ?? {};
  const last = samples.at(-1)?.rss_mib ?? {};
  const peak = {};
  for (const sample of samples) {
    for (const [label, mib] of Object.entries(sample.rss_mib)) {
      peak[label] = Math.max(peak[label] ?? 0, mib);
    }
  }
  const growth = Object.fromEntries(
    Object.keys(last).map((label) => [
      label,
      Math.round((last[label] - (first[label] ?? 0)) * 10) / 10,
    ]),
  );
  return { start_mib: first, end_mib: last, peak_mib: peak, growth_mib: growth };
}

export function summarizeRun({
  config,
  recorder,
  elapsedMs,
  faults,
  timeoutEffective,
  sessions,
  transportErrors,
}) {
  const calls = recorder.calls;
  const errors = calls.filter((c) => c.kind !== "ok");
  const errorsByKind = countBy(errors, (c) => c.kind);
  const examples = {};
  for (const call of errors) examples[call.kind] ??= `${call.op}: ${call.detail ?? ""}`;
  const injectedTotal = Object.values(faults.injected).reduce((sum, n) => sum + n, 0);
  const writes = calls.filter((c) => c.write);
  return {
    sessions,
    duration_s: Math.round(elapsedMs / 100) / 10,
    calls: {
      total: calls.length,
      ok: calls.length - errors.length,
      errors: errors.length,
      calls_per_s: Math.round((calls.length / (elapsedMs / 1000)) * 10) / 10,
      writes: writes.length,
      write_errors: writes.filter((c) => c.kind !== "ok").length,
      by_operation: byOperation(calls),
    },
    errors_by_category: countBy(errors, (c) => categoryOf(c.kind)),
    errors_by_kind: errorsByKind,
    error_examples: examples,
    // Errors the SDK client reported outside any call (e.g. a GET stream that broke).
    transport_onerror: { count: transportErrors.length, first: transportErrors[0]?.message },
    faults: {
      injected: faults.injected,
      injected_total: injectedTotal,
      injected_per_call: calls.length
        ? Math.round((injectedTotal / calls.length) * 10000) / 10000
        : null,
      timeout_effective: timeoutEffective,
      explanation: explain(errorsByKind, faults.injected, timeoutEffective),
    },
    slow_calls_over_delay: calls.filter((c) => c.end - c.start >= config.delayMs).length,
    latency_ms: latencySummary(calls.map((c) => c.end - c.start)),
    latency_ok_ms: latencySummary(calls.filter((c) => c.kind === "ok").map((c) => c.end - c.start)),
    windows: recorder.windows(config.seconds * 1000),
    memory: memory(recorder.samples),
  };
}
