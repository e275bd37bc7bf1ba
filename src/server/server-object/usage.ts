import { catalogTools } from "../../catalog/index";
import type { GuardOutcome } from "../../engine/guard/call-guard";
import { isDiscoveryTool } from "../../engine/tools/discovery";

/** The usage report covers the current hour and the USAGE_HOURS - 1 hours before it. */
export const USAGE_HOURS = 24;
/** Calls of a name that is no tool of the catalog are counted under this name. */
export const UNKNOWN_TOOL = "(unknown tool)";
const HOUR_MS = 60 * 60 * 1000;
/** Refusal kinds are ours, but a stored one is read back bounded all the same. */
const MAX_KIND = 40;

/**
 * Why a call was refused before it could reach eDesk. `tool_not_allowed`: the server's config
 * does not select the tool. The guard rails add theirs (`budget`, `loop`, `unconfirmed`,
 * `declined`): each kind is a counter of its own, so a new one needs no migration.
 */
export type RefusalKind = "tool_not_allowed" | "budget" | "loop" | "unconfirmed" | "declined";

/** The usage refusal of a call the guard rails stopped; null when they let it run. */
export function guardRefusal(outcome: GuardOutcome): RefusalKind | null {
  return GUARD_REFUSALS[outcome];
}

const GUARD_REFUSALS: Record<GuardOutcome, RefusalKind | null> = {
  plain: null,
  confirmed: null,
  declined: "declined",
  refused_budget: "budget",
  refused_loop: "loop",
  refused_unconfirmed: "unconfirmed",
};

/**
 * What became of one call; every call has exactly one outcome, so the counts add up to the
 * calls. `edesk_error`: eDesk answered with an error status other than 429, or did not answer
 * (timeout, network); `rate_limited`: eDesk answered 429; `other_error`: the call failed
 * without eDesk being at fault (bad arguments, a bad cursor, an unexpected fault).
 */
export type CallOutcome =
  | "ok"
  | "edesk_error"
  | "rate_limited"
  | "other_error"
  | { refused: RefusalKind };

/** One call as the usage counts see it. */
export interface UsageCall {
  /** When the call started, in ms since the epoch: it counts in that hour. */
  at: number;
  tool: string;
  outcome: CallOutcome;
}

/** The counts of one hour, one tool, or the whole window. */
export interface UsageCounts {
  calls: number;
  edesk_errors: number;
  rate_limited: number;
  other_errors: number;
  /** Refused calls by kind; a kind with no refusal is absent. */
  refusals: Record<string, number>;
}

export interface UsageReport {
  /** Start of the oldest hour shown and end of the current one (ISO). */
  from: string;
  to: string;
  totals: UsageCounts;
  /** USAGE_HOURS entries, oldest first, hours without calls included. */
  hours: (UsageCounts & { hour: string })[];
  /** Tools with calls in the window, most called first. */
  tools: (UsageCounts & { tool: string })[];
}

/** The outcome of a finished call from what the host saw of it. */
export function outcomeOf(call: {
  isError: boolean;
  upstreamStatus: number | null;
  upstreamTried: boolean;
  refusal: RefusalKind | null;
}): CallOutcome {
  if (call.refusal) return { refused: call.refusal };
  if (!call.isError) return "ok";
  if (call.upstreamStatus === 429) return "rate_limited";
  if (call.upstreamTried && (call.upstreamStatus === null || call.upstreamStatus >= 400)) {
    return "edesk_error";
  }
  return "other_error";
}

const COUNTER: Record<Exclude<CallOutcome, "ok" | { refused: RefusalKind }>, string> = {
  edesk_error: "edesk_errors",
  rate_limited: "rate_limited",
  other_error: "other_errors",
};
const REFUSED = "refused:";

function countersOf(outcome: CallOutcome): string[] {
  if (outcome === "ok") return ["calls"];
  if (typeof outcome === "object") return ["calls", `${REFUSED}${outcome.refused}`];
  return ["calls", COUNTER[outcome]];
}

let knownTools: Set<string> | undefined;

/**
 * The name a call counts under. A refused call's name is the caller's free text: counted as
 * sent, one caller could add a row an hour for every name it invents. Catalog and discovery
 * tool names are a fixed set, so the table holds at most that many tools an hour.
 */
export function usageToolName(name: string): string {
  knownTools ??= new Set(catalogTools().map((tool) => tool.name));
  return knownTools.has(name) || isDiscoveryTool(name) ? name : UNKNOWN_TOOL;
}

const emptyCounts = (): UsageCounts => ({
  calls: 0,
  edesk_errors: 0,
  rate_limited: 0,
  other_errors: 0,
  refusals: {},
});

function addTo(counts: UsageCounts, counter: string, n: number) {
  if (counter.startsWith(REFUSED)) {
    const kind = counter.slice(REFUSED.length, REFUSED.length + MAX_KIND);
    counts.refusals[kind] = (counts.refusals[kind] ?? 0) + n;
  } else if (counter in counts && counter !== "refusals") {
    counts[counter as Exclude<keyof UsageCounts, "refusals">] += n;
  }
}

const hourOf = (ms: number) => Math.floor(ms / HOUR_MS);
const isoHour = (hour: number) => new Date(hour * HOUR_MS).toISOString();

/**
 * Hourly call counts per tool, in the ServerObject's SQLite: one row per (hour, tool, counter),
 * so a new refusal kind is a new counter name, not a new column. Calls are added up in memory
 * and written with the audit trail's batch (off the answer's path); a report reads at most
 * USAGE_HOURS hours of these rows, never the audit trail. Hours that have left the report's
 * window are deleted at the first batch of each new hour.
 */
export class UsageTable {
  private ready = false;
  private pending = new Map<string, { hour: number; tool: string; counter: string; n: number }>();
  private prunedHour: number | undefined;

  constructor(private readonly sql: SqlStorage) {}

  private ensure() {
    if (this.ready) return;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS usage_hourly (
      hour INTEGER NOT NULL, tool TEXT NOT NULL, counter TEXT NOT NULL, n INTEGER NOT NULL,
      PRIMARY KEY (hour, tool, counter)) WITHOUT ROWID`);
    this.ready = true;
  }

  add(call: UsageCall): void {
    const hour = hourOf(call.at);
    const tool = usageToolName(call.tool);
    for (const counter of countersOf(call.outcome)) {
      const key = `${hour}\n${tool}\n${counter}`;
      const row = this.pending.get(key);
      if (row) row.n++;
      else this.pending.set(key, { hour, tool, counter, n: 1 });
    }
  }

  /** Adds the pending counts to their rows (one implicit transaction) and prunes old hours. */
  flush(now = Date.now()): void {
    const rows = [...this.pending.values()];
    this.pending.clear();
    if (rows.length === 0 && this.prunedHour === hourOf(now)) return;
    this.ensure();
    for (const row of rows) {
      this.sql.exec(
        `INSERT INTO usage_hourly (hour, tool, counter, n) VALUES (?, ?, ?, ?)
          ON CONFLICT (hour, tool, counter) DO UPDATE SET n = n + excluded.n`,
        row.hour,
        row.tool,
        row.counter,
        row.n,
      );
    }
    if (this.prunedHour !== hourOf(now)) {
      this.sql.exec("DELETE FROM usage_hourly WHERE hour <= ?", hourOf(now) - USAGE_HOURS);
      this.prunedHour = hourOf(now);
    }
  }

  /** The last USAGE_HOURS hours, up to `now`, per hour and per tool. */
  report(now = Date.now()): UsageReport {
    this.flush(now);
    this.ensure();
    const last = hourOf(now);
    const first = last - USAGE_HOURS + 1;
    const hours = Array.from({ length: USAGE_HOURS }, (_, i) => ({
      hour: isoHour(first + i),
      ...emptyCounts(),
    }));
    const totals = emptyCounts();
    const byHour = this.sql.exec<{ hour: number; counter: string; n: number }>(
      `SELECT hour, counter, SUM(n) AS n FROM usage_hourly
        WHERE hour BETWEEN ? AND ? GROUP BY hour, counter`,
      first,
      last,
    );
    for (const row of byHour) {
      addTo(hours[row.hour - first]!, row.counter, row.n);
      addTo(totals, row.counter, row.n);
    }
    const tools = new Map<string, UsageCounts & { tool: string }>();
    const byTool = this.sql.exec<{ tool: string; counter: string; n: number }>(
      `SELECT substr(tool, 1, 100) AS tool, counter, SUM(n) AS n FROM usage_hourly
        WHERE hour BETWEEN ? AND ? GROUP BY tool, counter`,
      first,
      last,
    );
    for (const row of byTool) {
      let counts = tools.get(row.tool);
      if (!counts) tools.set(row.tool, (counts = { tool: row.tool, ...emptyCounts() }));
      addTo(counts, row.counter, row.n);
    }
    return {
      from: isoHour(first),
      to: isoHour(last + 1),
      totals,
      hours,
      tools: [...tools.values()].sort((a, b) => b.calls - a.calls || (a.tool < b.tool ? -1 : 1)),
    };
  }

  /** Drops pending counts and the prepared state: the object's storage is being wiped. */
  reset(): void {
    this.pending.clear();
    this.ready = false;
    this.prunedHour = undefined;
  }
}
