import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** `FUZZ_SEED` of the host, passed through vitest.config.ts (workerd has no process.env). */
    fuzzSeed: string;
    /** `FUZZ_CASE` of the host, e.g. `tools:123`: run only that case (replay). */
    fuzzCase: string;
  }
}

/** The seed when `FUZZ_SEED` is not set: every plain `npm test` runs the same cases. */
export const DEFAULT_SEED = 20_260_426;

function provided(key: "fuzzSeed" | "fuzzCase"): string {
  try {
    return inject(key) ?? "";
  } catch {
    return "";
  }
}

/** The run's seed: `FUZZ_SEED` (any integer, or a word hashed to one) or the default. */
export function fuzzSeed(): number {
  const raw = provided("fuzzSeed").trim();
  if (!raw) return DEFAULT_SEED;
  const number = Number(raw);
  if (Number.isSafeInteger(number)) return number >>> 0;
  let hash = 0;
  for (let i = 0; i < raw.length; i++) hash = (Math.imul(hash, 31) + raw.charCodeAt(i)) >>> 0;
  return hash;
}

/** With `FUZZ_CASE=<target>:<index>`, only that case of that target runs. */
export function replayCase(target: string): number | null | "skip" {
  const raw = provided("fuzzCase").trim();
  if (!raw) return null;
  const [name, index] = raw.split(":");
  if (name !== target) return "skip";
  const number = Number(index);
  return Number.isSafeInteger(number) && number >= 0 ? number : null;
}
