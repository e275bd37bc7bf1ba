// Summary statistics and the round-robin sampler every section uses.

/** Linear-interpolated quantile (type 7) of an ascending array. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const round = (value, digits = 3) =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null;

/** {n, median, p90, p99, mean, min, max} in milliseconds, rounded to microseconds. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, x) => sum + x, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    median: round(quantile(sorted, 0.5)),
    p90: round(quantile(sorted, 0.9)),
    p99: round(quantile(sorted, 0.99)),
    mean: round(mean),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
  };
}

export const ratio = (a, b) => round(a / b, 3);
export const ms = (value, digits = 3) => round(value, digits);

/** Times one awaited operation in milliseconds. */
export async function timed(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/**
 * Runs every variant once per round, `warmup` rounds unrecorded then `rounds` recorded, starting
 * each round at a different variant so machine noise and ordering effects hit all alike.
 * A variant's `run()` must throw on a wrong answer; errors are counted, not timed.
 */
export async function roundRobin(variants, { warmup, rounds, deadline = Infinity }) {
  const samples = Object.fromEntries(variants.map((v) => [v.name, []]));
  const errors = Object.fromEntries(variants.map((v) => [v.name, 0]));
  const firstError = {};
  let done = 0;
  for (let r = 0; r < warmup + rounds; r++) {
    if (performance.now() > deadline) break;
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(r + k) % variants.length];
      const start = performance.now();
      try {
        await variant.run();
        if (r >= warmup) samples[variant.name].push(performance.now() - start);
      } catch (error) {
        errors[variant.name]++;
        firstError[variant.name] ??= String(error?.message ?? error).slice(0, 300);
      }
    }
    if (r >= warmup) done++;
  }
  return { samples, errors, firstError, rounds: done };
}
