import { isObject } from "../validate";

/**
 * Upstream fault rules for the test-only control API (`PUT /__sim/faults`): what a flaky eDesk
 * or a proxy in front of it can do to a client. They exist to test the worker's handling of
 * eDesk faults (docs/edesk-api.md §3: 429, 5xx, 401) and of broken transport, never in a deployment.
 */

export const FAULT_KINDS = ["status", "delay", "truncate", "non_json", "empty", "reset"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const METHODS = ["GET", "POST", "PUT", "DELETE"] as const;

/** A delay longer than this is a test that forgot to finish, not a slow upstream. */
export const MAX_DELAY_MS = 120_000;

export interface FaultRule {
  kind: FaultKind;
  /** kind `status`: the HTTP status to answer (400–599). */
  status?: number;
  /** kind `delay`: how long to wait before answering normally. */
  delay_ms?: number;
  /** Only this method; default any. */
  method?: (typeof METHODS)[number];
  /** Only paths below `/v1` under this prefix, by whole segments; default any. */
  path?: string;
  /** Apply to the next N matching requests, then the rule is spent. */
  times?: number;
  /** Apply to each matching request with this chance (seeded PRNG, reproducible). */
  probability?: number;
}

export interface FaultConfig {
  rules: FaultRule[];
  seed: number;
}

/** Seed of the PRNG when `PUT /__sim/faults` names none: runs are reproducible by default. */
export const DEFAULT_SEED = 1;

const KNOWN_KEYS = new Set([
  "kind",
  "status",
  "delay_ms",
  "method",
  "path",
  "times",
  "probability",
]);

const isInt = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value);

/** Checks one rule; returns the normalised rule or a message naming the bad field. */
function parseRule(raw: unknown, at: string): FaultRule | string {
  if (!isObject(raw)) return `${at} must be an object`;
  const unknown = Object.keys(raw).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length) return `${at} has unknown field(s): ${unknown.join(", ")}`;
  const { kind, status, delay_ms: delay, method, path, times, probability } = raw;
  if (!FAULT_KINDS.includes(kind as FaultKind)) {
    return `${at}.kind must be one of ${FAULT_KINDS.join(", ")}`;
  }
  const rule: FaultRule = { kind: kind as FaultKind };
  if (kind === "status") {
    if (!isInt(status) || status < 400 || status > 599) {
      return `${at}.status must be an integer from 400 to 599 (kind status)`;
    }
    rule.status = status;
  } else if (status !== undefined) return `${at}.status is only for kind status`;
  if (kind === "delay") {
    if (!isInt(delay) || delay < 0 || delay > MAX_DELAY_MS) {
      return `${at}.delay_ms must be an integer from 0 to ${MAX_DELAY_MS} (kind delay)`;
    }
    rule.delay_ms = delay;
  } else if (delay !== undefined) return `${at}.delay_ms is only for kind delay`;
  if (method !== undefined) {
    const upper = typeof method === "string" ? method.toUpperCase() : "";
    if (!METHODS.includes(upper as FaultRule["method"] & string)) {
      return `${at}.method must be one of ${METHODS.join(", ")}`;
    }
    rule.method = upper as FaultRule["method"];
  }
  if (path !== undefined) {
    if (typeof path !== "string" || !path.startsWith("/")) {
      return `${at}.path must be a path below /v1 starting with "/", e.g. "/tickets"`;
    }
    rule.path = path;
  }
  if (times !== undefined && probability !== undefined) {
    return `${at} may have times or probability, not both`;
  }
  if (times !== undefined) {
    if (!isInt(times) || times < 1) return `${at}.times must be an integer >= 1`;
    rule.times = times;
  }
  if (probability !== undefined) {
    if (typeof probability !== "number" || !(probability > 0 && probability <= 1)) {
      return `${at}.probability must be a number in (0, 1]`;
    }
    rule.probability = probability;
  }
  return rule;
}

/** Reads a `PUT /__sim/faults` body `{rules, seed?}`; a string is the 400's message. */
export function parseFaultConfig(body: unknown): FaultConfig | string {
  if (!isObject(body) || !Array.isArray(body.rules)) {
    return 'Send {"rules": [FaultRule, ...], "seed"?: number}';
  }
  const { seed = DEFAULT_SEED } = body;
  if (typeof seed !== "number" || !Number.isFinite(seed)) return "seed must be a finite number";
  const rules: FaultRule[] = [];
  for (const [index, raw] of body.rules.entries()) {
    const rule = parseRule(raw, `rules[${index}]`);
    if (typeof rule === "string") return rule;
    rules.push(rule);
  }
  return { rules, seed };
}

/** Whether `rule` applies to this request; `path` is below `/v1` without a trailing slash. */
export function ruleMatches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method !== method) return false;
  const prefix = (rule.path ?? "/").replace(/\/+$/, "");
  // Whole segments: "/sales-orders" must not catch "/sales-orders-tracking-links/…".
  return prefix === "" || path === prefix || path.startsWith(`${prefix}/`);
}

/** The key a fault is counted under in `GET /__sim/faults`: the status, or the kind. */
export const injectedKey = (rule: FaultRule) =>
  rule.kind === "status" ? String(rule.status) : rule.kind;
