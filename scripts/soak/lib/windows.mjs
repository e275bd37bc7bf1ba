// Calls grouped into fixed time windows, with latency quantiles, errors and the stack's memory
// and CPU at each window's end: how the figures move over a long run.
import { cpuSnapshot, memorySnapshot } from "../../bench/lib/procs.mjs";
import { quantile } from "../../bench/lib/stats.mjs";

const round = (value, digits = 1) =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null;

/** Latency quantiles in ms of a list of samples. */
export function latencySummary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p95: round(quantile(sorted, 0.95)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted[sorted.length - 1]),
  };
}

const countBy = (items, key) => {
  const out = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
};

/**
 * Collects finished calls and, every `windowMs`, the memory and CPU of `processes`. `t0` is
 * the run's start (performance.now()).
 */
export class WindowRecorder {
  constructor({ t0, windowMs, processes }) {
    this.t0 = t0;
    this.windowMs = windowMs;
    this.processes = processes;
    this.calls = [];
    this.samples = [];
    this.lastCpu = cpuSnapshot(processes);
    this.sample(0);
  }

  record(call) {
    this.calls.push(call);
  }

  /** Memory now, and CPU used since the previous sample (ms of CPU per second of wall). */
  sample(atMs = performance.now() - this.t0) {
    const cpu = cpuSnapshot(this.processes);
    const previous = this.samples.at(-1);
    const wallS = previous ? (atMs - previous.at_ms) / 1000 : 0;
    const cpuShare = {};
    if (wallS > 0) {
      for (const [label, value] of Object.entries(cpu)) {
        cpuShare[label] = round((value - (this.lastCpu[label] ?? 0)) / 1000 / wallS, 3);
      }
    }
    this.lastCpu = cpu;
    this.samples.push({
      at_ms: Math.round(atMs),
      rss_mib: memorySnapshot(this.processes),
      cpu_cores: cpuShare,
    });
  }

  /**
   * Per window of the run's `durationMs`: calls, throughput, errors by kind, latency, and the
   * sample at its end. A call is counted in the window it ended in; calls still running at the
   * end count in the last window.
   */
  windows(durationMs) {
    const count = Math.max(1, Math.ceil(durationMs / this.windowMs));
    const byWindow = Array.from({ length: count }, () => []);
    for (const call of this.calls) {
      const index = Math.floor((call.end - this.t0) / this.windowMs);
      byWindow[Math.min(Math.max(index, 0), count - 1)].push(call);
    }
    return byWindow.map((inWindow, w) => {
      const from = w * this.windowMs;
      const to = Math.min(from + this.windowMs, durationMs);
      const errors = inWindow.filter((c) => c.kind !== "ok");
      const sample = this.samples.find((s) => s.at_ms >= to - 1000) ?? this.samples.at(-1);
      return {
        from_s: from / 1000,
        to_s: to / 1000,
        calls: inWindow.length,
        calls_per_s: round(inWindow.length / ((to - from) / 1000)),
        errors: errors.length,
        errors_by_kind: countBy(errors, (c) => c.kind),
        latency_ms: latencySummary(inWindow.map((c) => c.end - c.start)),
        rss_mib: sample?.rss_mib ?? {},
        cpu_cores: sample?.cpu_cores ?? {},
      };
    });
  }
}
