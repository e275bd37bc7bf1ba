import { DurableObject } from "cloudflare:workers";
import type { ApiRequest, ApiResponse, RequestBody } from "./context";
import { formatDateTime } from "./dates";
import type { SimulatorEnv } from "./env";
import { ApiError, errorBody, notFound } from "./errors";
import { faultedAnswer } from "./faults/answer";
import { FaultPlan, freshState, NO_FAULTS, type FaultState } from "./faults/plan";
import type { FaultConfig, FaultRule } from "./faults/rule";
import { BucketSet, DEFAULT_BUCKET, type BucketConfig } from "./rate-limit";
import { cleanPath, match } from "./router";
import { ROUTES } from "./routes";
import { seedTenant } from "./seed/seed-tenant";
import { SqlDb, type RequestLogEntry } from "./storage";
import { Store } from "./store";

const json = (status: number, body: unknown, retryAfter?: number): ApiResponse => ({
  status,
  json: JSON.stringify(body),
  ...(retryAfter ? { retryAfter } : {}),
});

const FAULTS_KEY = "faults";

const failure = (err: ApiError) =>
  json(err.status, errorBody(err.status, err.message, err.details));

/** What the request log keeps of a body: JSON as sent, multipart as field values and file names. */
function loggedBody(body: RequestBody): unknown {
  switch (body.kind) {
    case "json":
      return body.value;
    case "multipart":
      return {
        fields: body.fields,
        files: body.files.map(({ field, name, type }) => ({ field, name, type })),
      };
    case "invalid-json":
      return "<invalid JSON>";
    default:
      return null;
  }
}

/**
 * One eDesk account (tenant): its data, the request log and the per-token rate-limit buckets.
 * Data is seeded deterministically on first access, kept in memory and written through to the
 * object's SQLite storage, so reads never wait on storage.
 */
export class TenantStore extends DurableObject<SimulatorEnv> {
  private readonly db: SqlDb;
  private store: Store | undefined;
  private buckets: BucketSet;
  private faults: FaultPlan;

  constructor(ctx: DurableObjectState, env: SimulatorEnv) {
    super(ctx, env);
    this.db = new SqlDb(ctx.storage);
    this.buckets = new BucketSet(this.db.getSetting<BucketConfig>("bucket") ?? DEFAULT_BUCKET);
    this.faults = this.planOf(this.db.getSetting<FaultState>(FAULTS_KEY) ?? NO_FAULTS);
  }

  private open(tenant: string): Store {
    if (!this.store) {
      let data = this.db.load();
      if (!data) {
        data = seedTenant(tenant);
        this.db.replaceAll(data);
      }
      this.store = new Store(data, this.db);
    }
    return this.store;
  }

  /**
   * Answers one `/v1` call and records it in the request log. An injected fault comes first:
   * before the rate limit and before any change, so a faulted write changes nothing (except
   * `delay`, which waits and then answers normally).
   */
  async handle(req: ApiRequest): Promise<ApiResponse> {
    const fault = this.faults.pick(req.method, cleanPath(req.path));
    let response: ApiResponse;
    if (fault?.kind === "delay") {
      // The object keeps serving the tenant's other requests while this one waits.
      await scheduler.wait(fault.delay_ms!);
      response = { ...this.respond(req), fault: "delay" };
    } else if (fault) {
      response = faultedAnswer(fault, req, this.buckets.current, () => this.answer(req));
    } else response = this.respond(req);
    this.db.appendRequest({
      method: req.method,
      path: `/v1${req.path}`,
      query: req.query,
      body: loggedBody(req.body),
      status: response.status,
      time: new Date().toISOString(),
      ...(response.fault ? { fault: response.fault } : {}),
    });
    return response;
  }

  private respond(req: ApiRequest): ApiResponse {
    const wait = this.buckets.take(req.tokenKey);
    if (wait > 0) return json(429, errorBody(429, "Too many requests", "Out of quota"), wait);
    return this.answer(req);
  }

  /** The answer past the rate limit. */
  private answer(req: ApiRequest): ApiResponse {
    try {
      // Read-only tokens may only GET (§1, [SUP]).
      // GUESS: the status for a write with a read-only token is unknown; 403 is the natural one
      // and the [CLI] client treats 401 and 403 alike as auth errors (§5).
      if (req.readOnly && req.method !== "GET") {
        throw new ApiError(403, "Forbidden", "This API token is read-only");
      }
      const found = match(ROUTES, req.method, req.path);
      if (!found) throw notFound(`No route for ${req.method} /v1${req.path}`);
      const store = this.open(req.tenant);
      const now = formatDateTime(Date.now());
      const body = found.handler({ store, id: found.id, query: req.query, body: req.body, now });
      return json(200, body);
    } catch (err) {
      if (err instanceof ApiError) return failure(err);
      console.error(
        "simulator: unexpected error:",
        err instanceof Error ? err.message : String(err),
      );
      return failure(new ApiError(500, "Internal server error", "Unexpected simulator error"));
    }
  }

  /** Test control: reseed, restore the default bucket, clear the fault rules and request log. */
  async reset(tenant: string): Promise<void> {
    const data = seedTenant(tenant);
    this.db.replaceAll(data);
    this.store = new Store(data, this.db);
    this.db.deleteSetting("bucket");
    this.buckets = new BucketSet(DEFAULT_BUCKET);
    this.setFaults(NO_FAULTS);
    this.db.clearRequests();
  }

  /** Test control: replaces the fault rules (`null` clears them) and their counts. */
  async configureFaults(config: FaultConfig | null): Promise<FaultRule[]> {
    this.setFaults(config ? freshState(config) : NO_FAULTS);
    return this.faults.rules;
  }

  /** Test control: the fault rules and how many faults they injected so far. */
  async faultReport(): Promise<{ rules: FaultRule[]; injected: Record<string, number> }> {
    return { rules: this.faults.rules, injected: this.faults.injected };
  }

  private setFaults(state: FaultState): void {
    if (state.rules.length) this.db.setSetting(FAULTS_KEY, state);
    else this.db.deleteSetting(FAULTS_KEY);
    this.faults = this.planOf(state);
  }

  private planOf(state: FaultState): FaultPlan {
    return new FaultPlan(structuredClone(state), (changed) =>
      this.db.setSetting(FAULTS_KEY, changed),
    );
  }

  /** Test control: new bucket limits for every token of this tenant, buckets refilled. */
  async configureBucket(config: BucketConfig): Promise<void> {
    this.db.setSetting("bucket", config);
    this.buckets.configure(config);
  }

  async requestLog(): Promise<RequestLogEntry[]> {
    return this.db.listRequests();
  }

  async clearRequestLog(): Promise<void> {
    this.db.clearRequests();
  }
}
