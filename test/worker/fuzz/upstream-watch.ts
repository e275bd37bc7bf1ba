import { clearUpstreamLog, upstreamLog, type UpstreamRequest } from "./setup";

/** Upstream log checks are batched; a dirty batch is replayed case by case to name the culprit. */
const BATCH = 100;

const list = (requests: UpstreamRequest[]) =>
  requests.map((r) => `${r.method} ${r.path}`).join(", ");

/**
 * Watches a simulator tenant's request log for requests that known-invalid cases must never
 * cause. Looking after every case would double the run's time, so the log is read once per
 * batch; when it is not empty, the batch's cases are replayed one at a time to find which.
 */
export class UpstreamWatch {
  private pending: number[] = [];

  /**
   * `replay` runs case `index` again and returns its label; `tenant` undefined watches nothing.
   */
  constructor(
    private readonly tenant: string | undefined,
    private readonly replay: (index: number) => Promise<string>,
  ) {}

  async start(): Promise<void> {
    if (this.tenant) await clearUpstreamLog(this.tenant);
  }

  /** A known-invalid case ran; returns failures once a full batch has been looked at. */
  async ran(index: number): Promise<string[]> {
    this.pending.push(index);
    return this.pending.length >= BATCH ? this.check() : [];
  }

  /**
   * Before a case that may reach eDesk: looks at the batch so far (so it cannot be blamed on
   * that case). After it: `allowed()` forgets what it sent.
   */
  async beforeAllowed(): Promise<string[]> {
    return this.check();
  }

  async allowed(): Promise<void> {
    if (this.tenant) await clearUpstreamLog(this.tenant);
  }

  /** Failures for the batch so far: each case that sent a request, with what it sent. */
  async check(): Promise<string[]> {
    const { tenant } = this;
    const batch = this.pending;
    this.pending = [];
    if (!tenant || batch.length === 0) return [];
    const sent = await upstreamLog(tenant);
    if (sent.length === 0) return [];
    await clearUpstreamLog(tenant);
    const failures: string[] = [];
    for (const index of batch) {
      const label = await this.replay(index);
      const again = await upstreamLog(tenant);
      if (again.length === 0) continue;
      failures.push(`${label} → eDesk saw ${list(again)} for a known-invalid call`);
      await clearUpstreamLog(tenant);
    }
    if (failures.length) return failures;
    return [
      `cases ${batch[0]}–${batch.at(-1)} → eDesk saw ${list(sent)}, and no single case ` +
        "repeats it (state-dependent)",
    ];
  }
}
