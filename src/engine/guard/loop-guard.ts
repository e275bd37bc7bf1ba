import { BoundedMap } from "../../lib/collections/bounded-map";
import { LOOP_LIMIT, LOOP_WINDOW_MS } from "./settings";

/** Calls remembered per server; the least recently made is dropped beyond this. */
const MAX_REMEMBERED = 1_000;

/**
 * The loop guard of one MCP server (`config.loop_guard`): the same tool with the same arguments
 * more than LOOP_LIMIT times within LOOP_WINDOW_MS is a model going round in circles, and the
 * next such call is refused before it reaches eDesk. Calls are told apart by a fingerprint of
 * the tool name and canonical arguments; memory holds at most MAX_REMEMBERED of them, each with
 * at most LOOP_LIMIT times.
 */
export class LoopGuard {
  private readonly calls = new BoundedMap<string, number[]>(MAX_REMEMBERED);

  /** Seconds until this call may run again, or 0 when it may run now. */
  wait(fingerprint: string, now: number): number {
    const times = this.recent(fingerprint, now);
    if (times.length < LOOP_LIMIT) return 0;
    return Math.max(1, Math.ceil((times[0]! + LOOP_WINDOW_MS - now) / 1000));
  }

  /** Counts one call made now. */
  record(fingerprint: string, now: number): void {
    const times = this.recent(fingerprint, now);
    times.push(now);
    if (times.length > LOOP_LIMIT) times.shift();
    this.calls.set(fingerprint, times);
  }

  /** Takes back a call counted at `at` that never reached eDesk (a budget refused it). */
  forget(fingerprint: string, at: number): void {
    const times = this.calls.peek(fingerprint) ?? [];
    const index = times.lastIndexOf(at);
    if (index >= 0) times.splice(index, 1);
  }

  /** The times of this call within the window, oldest first. */
  private recent(fingerprint: string, now: number): number[] {
    const times = this.calls.peek(fingerprint) ?? [];
    while (times.length && times[0]! <= now - LOOP_WINDOW_MS) times.shift();
    return times;
  }
}
