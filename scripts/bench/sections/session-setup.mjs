// Section 4: a new session end to end: connect (initialize + initialized) and tools/list.
import { closeSdk, connectSdk, RawSession } from "../lib/clients.mjs";
import { summarize } from "../lib/stats.mjs";

const KINDS = ["json", "sse", "legacy"];

export async function runSessionSetup({ server, warmup, samples }) {
  const rows = Object.fromEntries(
    [...KINDS, "raw"].map((k) => [k, { connect: [], list: [], total: [] }]),
  );
  let errors = 0;
  let firstError;
  for (let r = 0; r < warmup + samples; r++) {
    for (let k = 0; k < KINDS.length + 1; k++) {
      const kind = [...KINDS, "raw"][(r + k) % (KINDS.length + 1)];
      let close = () => Promise.resolve();
      try {
        const t0 = performance.now();
        let t1;
        if (kind === "raw") {
          const session = new RawSession(server.url);
          close = () => session.close();
          await session.initialize();
          t1 = performance.now();
          await session.request("tools/list");
        } else {
          const client = await connectSdk(server.url, kind);
          close = () => closeSdk(client);
          t1 = performance.now();
          await client.listTools();
        }
        const t2 = performance.now();
        if (r >= warmup) {
          rows[kind].connect.push(t1 - t0);
          rows[kind].list.push(t2 - t1);
          rows[kind].total.push(t2 - t0);
        }
      } catch (error) {
        errors++;
        firstError ??= String(error?.message ?? error).slice(0, 300);
      } finally {
        await close();
      }
    }
  }
  const summaries = Object.fromEntries(
    Object.entries(rows).map(([kind, row]) => [
      kind,
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, summarize(v)])),
    ]),
  );
  return { warmup, samples, errors, first_error: firstError, summaries };
}
