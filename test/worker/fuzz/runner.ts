import { LogCapture } from "./log-capture";
import { checkCase, type Expectation, type Observed } from "./oracle";
import { Rng } from "./prng";
import { replayCase } from "./seed";
import { send, type FuzzRequest } from "./send";
import { clearUpstreamLog, upstreamLog } from "./setup";

/** One generated case: what to send, what it must get, and a one-line description. */
export interface FuzzCase {
  family: string;
  describe: string;
  request: FuzzRequest;
  expect: Expectation;
  /** Known-invalid at validation time: eDesk must see no request for it. */
  noUpstream?: boolean;
}

/** Runs a case its own way (e.g. on a legacy SSE stream); default: `send` its request. */
export type Execute<C extends FuzzCase> = (
  fuzzCase: C,
) => Promise<{ observed: Observed; problems?: string[] }>;

export interface Target<C extends FuzzCase = FuzzCase> {
  /** Names the target in failure messages and in `FUZZ_CASE=<name>:<index>`. */
  name: string;
  count: number;
  /** The simulator tenant whose request log must stay empty for `noUpstream` cases. */
  tenant?: string;
  secrets(): readonly string[];
  generate(rng: Rng, index: number): C;
  execute?: Execute<C>;
  /** Runs after a case is checked: e.g. to add a secret the answer just issued. */
  after?(fuzzCase: C, observed: Observed): void;
}

export interface FuzzReport {
  cases: number;
  ms: number;
  failures: string[];
  families: Record<string, number>;
}

/** Upstream log checks are batched; a dirty batch is replayed case by case to name the culprit. */
const UPSTREAM_BATCH = 100;

/**
 * Runs `count` cases of a target with the run's seed. Each case is generated from its own
 * generator (seed, target, index), so a failure names everything needed to replay it alone.
 */
export async function runFuzz<C extends FuzzCase>(
  seed: number,
  target: Target<C>,
): Promise<FuzzReport> {
  const only = replayCase(target.name);
  const indices = only === "skip" ? [] : only === null ? [...Array(target.count).keys()] : [only];
  const started = Date.now();
  const failures: string[] = [];
  const families: Record<string, number> = {};
  const logs = new LogCapture();
  const label = (index: number, fuzzCase: FuzzCase) =>
    `seed=${seed} case=${target.name}:${index} [${fuzzCase.family}] ${fuzzCase.describe}`;
  const generate = (index: number) => target.generate(Rng.forCase(seed, target.name, index), index);

  const runOne = async (index: number, fuzzCase: C) => {
    let observed: Observed;
    let extra: string[] = [];
    try {
      const outcome = target.execute
        ? await target.execute(fuzzCase)
        : { observed: await send(fuzzCase.request) };
      observed = outcome.observed;
      extra = outcome.problems ?? [];
    } catch (error) {
      // The worker's fetch handler must answer, not throw; so must our own request building.
      return [`threw ${error instanceof Error ? `${error.name}: ${error.message}` : error}`];
    }
    const problems = checkCase(observed, fuzzCase.expect, target.secrets(), logs.take());
    target.after?.(fuzzCase, observed);
    return [...extra, ...problems];
  };

  let pending: number[] = [];
  const checkUpstream = async () => {
    if (!target.tenant || pending.length === 0) return;
    const batch = pending;
    pending = [];
    const sent = await upstreamLog(target.tenant);
    if (sent.length === 0) return;
    await clearUpstreamLog(target.tenant);
    let named = false;
    for (const index of batch) {
      const fuzzCase = generate(index);
      await runOne(index, fuzzCase);
      const again = await upstreamLog(target.tenant);
      if (again.length === 0) continue;
      named = true;
      const what = again.map((r) => `${r.method} ${r.path}`).join(", ");
      failures.push(`${label(index, fuzzCase)} → eDesk saw ${what} for a known-invalid call`);
      await clearUpstreamLog(target.tenant);
    }
    if (!named) {
      const what = sent.map((r) => `${r.method} ${r.path}`).join(", ");
      failures.push(
        `seed=${seed} cases ${target.name}:${batch[0]}–${batch.at(-1)} → eDesk saw ${what}, ` +
          "and no single case repeats it (state-dependent)",
      );
    }
  };

  // Nothing a case sends may add a property to Object.prototype (prototype pollution).
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
  logs.install();
  try {
    if (target.tenant) await clearUpstreamLog(target.tenant);
    for (const index of indices) {
      const fuzzCase = generate(index);
      families[fuzzCase.family] = (families[fuzzCase.family] ?? 0) + 1;
      // A case allowed to reach eDesk must not be blamed on, nor hide, known-invalid ones.
      if (!fuzzCase.noUpstream) await checkUpstream();
      const problems = await runOne(index, fuzzCase);
      if (problems.length)
        failures.push(oneLine(`${label(index, fuzzCase)} → ${problems.join("; ")}`));
      if (fuzzCase.noUpstream) pending.push(index);
      else if (target.tenant) await clearUpstreamLog(target.tenant);
      if (pending.length >= UPSTREAM_BATCH) await checkUpstream();
    }
    await checkUpstream();
  } finally {
    logs.uninstall();
  }
  if (Object.getOwnPropertyNames(Object.prototype).join() !== prototypeKeys) {
    failures.push(`seed=${seed} ${target.name}: Object.prototype gained properties during the run`);
  }
  return { cases: indices.length, ms: Date.now() - started, failures, families };
}

/** Failures that differ only in numbers and quoted values count as one kind. */
const kindOf = (failure: string) =>
  failure
    .replace(/^.*?\[/, "[")
    .replace(/\] .*? → /, "] ")
    .replace(/"[^"]*"|\d+/g, "_")
    .slice(0, 90);

/**
 * The message a failed run throws: one full line (with its replay recipe) per kind of
 * failure, how often it happened, then the total.
 */
export function failureMessage(seed: number, report: FuzzReport): string {
  const kinds = new Map<string, { first: string; count: number }>();
  for (const failure of report.failures) {
    const kind = kindOf(failure);
    const seen = kinds.get(kind);
    if (seen) seen.count++;
    else kinds.set(kind, { first: failure, count: 1 });
  }
  const lines = [...kinds.values()].slice(0, 60).map(({ first, count }) => `${count}× ${first}`);
  return [
    `${report.failures.length} of ${report.cases} fuzz cases failed (seed ${seed}), ${kinds.size} kinds:`,
    ...lines,
    "Replay one case: FUZZ_SEED=<seed> FUZZ_CASE=<target>:<index> npx vitest run --project worker test/worker/fuzz",
  ].join("\n");
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, " ");

/** `JSON.stringify` with long strings and deep values cut, for one-line case descriptions. */
export function brief(value: unknown, max = 160): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_key, v: unknown) =>
      typeof v === "string" && v.length > 40 ? `${v.slice(0, 12)}…(${v.length} chars)` : v,
    );
  } catch {
    text = String(value);
  }
  if (text === undefined) return "undefined";
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
