// The upstream faults a soak injects through the simulator's `PUT /__sim/faults`, and which
// surfaced errors each of them explains.

/** Fault rules (without probability) and the counter key `GET /__sim/faults` uses for each. */
function kinds(delayMs) {
  return [
    { key: "429", rule: { kind: "status", status: 429 } },
    { key: "500", rule: { kind: "status", status: 500 } },
    { key: "502", rule: { kind: "status", status: 502 } },
    { key: "503", rule: { kind: "status", status: 503 } },
    { key: "non_json", rule: { kind: "non_json" } },
    { key: "truncate", rule: { kind: "truncate" } },
    { key: "reset", rule: { kind: "reset" } },
    { key: "delay", rule: { kind: "delay", delay_ms: delayMs } },
  ];
}

/**
 * Rules that fault `rate` of all upstream requests, each kind an equal share. The simulator tries
 * rules in order and draws for each, so rule k fires with the conditional chance
 * share / (1 − k·share): every kind then hits exactly `share` of requests, `rate` in total.
 */
export function faultRules(rate, delayMs) {
  const all = kinds(delayMs);
  const share = rate / all.length;
  return all.map(({ rule }, k) => ({ ...rule, probability: share / (1 - k * share) }));
}

/** Which fault counters explain each error kind of classify.mjs. */
export function explanations(timeoutEffective) {
  return {
    rate_limited: ["429"],
    upstream_500: ["500"],
    upstream_502: ["502"],
    upstream_503: ["503"],
    bad_response: ["non_json", "truncate"],
    unreachable: ["reset"],
    ...(timeoutEffective ? { timeout: ["delay"] } : {}),
  };
}

/**
 * Surfaced errors against injected faults, per fault group. An error kind no fault explains, or
 * more errors of a kind than faults injected for it, is unexplained. Fewer surfaced than
 * injected means the worker absorbed some (retries of reads), or a delay only made a call slow.
 */
export function explain(errorsByKind, injected, timeoutEffective) {
  const map = explanations(timeoutEffective);
  const groups = [];
  const unexplained = {};
  for (const [kind, keys] of Object.entries(map)) {
    const inj = keys.reduce((sum, key) => sum + (injected[key] ?? 0), 0);
    const surfaced = errorsByKind[kind] ?? 0;
    groups.push({
      error_kind: kind,
      faults: keys,
      injected: inj,
      surfaced,
      absorbed: Math.max(0, inj - surfaced),
    });
    if (surfaced > inj) unexplained[kind] = surfaced - inj;
  }
  for (const [kind, count] of Object.entries(errorsByKind)) {
    if (!(kind in map)) unexplained[kind] = count;
  }
  const uncovered = Object.keys(injected).filter(
    (key) => !Object.values(map).some((keys) => keys.includes(key)),
  );
  return {
    groups,
    // Injected faults no error kind stands for (a delay within the worker's timeout).
    not_error_faults: Object.fromEntries(uncovered.map((key) => [key, injected[key]])),
    unexplained,
    all_explained: Object.keys(unexplained).length === 0,
  };
}
