import { LogCapture } from "./log-capture";
import { checkCase, errorLines, type Expectation, type Observed } from "./oracle";
import { Rng } from "./prng";
import { replayCase } from "./seed";
import { send, type FuzzRequest } from "./send";
import { UpstreamWatch } from "./upstream-watch";

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
  /** No case may write an error line to the log (every fault it sends is the client's). */
  quietLog?: boolean;
}

export interface FuzzReport {
  cases: number;
  ms: number;
  failures: string[];
  families: Record<string, number>;
}

/**
 * Runs `count` cases of a target with the run's seed. Each case is generated from its own
 * generator (seed, target, index), so a failure names everything needed to replay it alone.
 */
export async function runFuzz<C extends FuzzCase>(
  seed: number,
  target: Target<C>,
): Promise<FuzzReport> {
  return new FuzzRun(seed, target).run();
}

class FuzzRun<C extends FuzzCase> {
  private readonly failures: string[] = [];
  private readonly families: Record<string, number> = {};
  private readonly logs = new LogCapture();
  private readonly upstream: UpstreamWatch;

  constructor(
    private readonly seed: number,
    private readonly target: Target<C>,
  ) {
    this.upstream = new UpstreamWatch(target.tenant, async (index) => {
      const fuzzCase = this.generate(index);
      await this.runOne(fuzzCase);
      return this.label(index, fuzzCase);
    });
  }

  private generate(index: number): C {
    return this.target.generate(Rng.forCase(this.seed, this.target.name, index), index);
  }

  private label(index: number, fuzzCase: FuzzCase): string {
    return `seed=${this.seed} case=${this.target.name}:${index} [${fuzzCase.family}] ${fuzzCase.describe}`;
  }

  /** Sends one case and returns what the oracle (and the case's own execution) found wrong. */
  private async runOne(fuzzCase: C): Promise<string[]> {
    const { target } = this;
    let outcome: { observed: Observed; problems?: string[] };
    try {
      outcome = target.execute
        ? await target.execute(fuzzCase)
        : { observed: await send(fuzzCase.request) };
    } catch (error) {
      // The worker's fetch handler must answer, not throw; so must our own request building.
      return [`threw ${error instanceof Error ? `${error.name}: ${error.message}` : error}`];
    }
    const { observed } = outcome;
    const lines = this.logs.take();
    const problems = checkCase(observed, fuzzCase.expect, target.secrets(), lines);
    if (target.quietLog) problems.push(...errorLines(lines));
    target.after?.(fuzzCase, observed);
    return [...(outcome.problems ?? []), ...problems];
  }

  private note(failures: string[]) {
    this.failures.push(
      ...failures.map((f) => (f.startsWith("seed=") ? f : `seed=${this.seed} ${f}`)),
    );
  }

  private async runCase(index: number): Promise<void> {
    const fuzzCase = this.generate(index);
    this.families[fuzzCase.family] = (this.families[fuzzCase.family] ?? 0) + 1;
    // A case allowed to reach eDesk must not be blamed on, nor hide, known-invalid ones.
    if (!fuzzCase.noUpstream) this.note(await this.upstream.beforeAllowed());
    const problems = await this.runOne(fuzzCase);
    if (problems.length) {
      this.failures.push(oneLine(`${this.label(index, fuzzCase)} → ${problems.join("; ")}`));
    }
    if (fuzzCase.noUpstream) this.note(await this.upstream.ran(index));
    else await this.upstream.allowed();
  }

  async run(): Promise<FuzzReport> {
    const { target } = this;
    const only = replayCase(target.name);
    const indices = only === "skip" ? [] : only === null ? [...Array(target.count).keys()] : [only];
    const started = Date.now();
    // Nothing a case sends may add a property to Object.prototype (prototype pollution).
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
    this.logs.install();
    try {
      await this.upstream.start();
      for (const index of indices) await this.runCase(index);
      this.note(await this.upstream.check());
    } finally {
      this.logs.uninstall();
    }
    if (Object.getOwnPropertyNames(Object.prototype).join() !== prototypeKeys) {
      this.note([`${target.name}: Object.prototype gained properties during the run`]);
    }
    const { failures, families } = this;
    return { cases: indices.length, ms: Date.now() - started, failures, families };
  }
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
