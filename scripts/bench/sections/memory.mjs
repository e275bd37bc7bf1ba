// Section 7's diagnosis: does the worker's JS heap grow with calls? Reads the isolate's used heap
// after a full collection, through the worker's inspector, across rounds of calls on the same
// open sessions, beside the runtime workerd's resident memory.
import { RawSession } from "../lib/clients.mjs";
import { heapAfterGc } from "../lib/devtools.mjs";
import { rssMib } from "../lib/procs.mjs";
import { TICKET_ID, TOOL } from "./overhead.mjs";

export async function runHeapCheck({
  server,
  inspector,
  runtimePid,
  sessions = 50,
  rounds = 6,
  callsPerSession = 20,
}) {
  const open = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const session = new RawSession(server.url);
      await session.initialize();
      return session;
    }),
  );
  const samples = [];
  try {
    for (let round = 0; round <= rounds; round++) {
      if (round > 0) {
        await Promise.all(
          open.map(async (session) => {
            for (let i = 0; i < callsPerSession; i++)
              await session.request("tools/call", { name: TOOL, arguments: { id: TICKET_ID } });
          }),
        );
      }
      samples.push({
        calls: round * sessions * callsPerSession,
        heap_mib: await heapAfterGc(inspector),
        runtime_rss_mib: runtimePid ? rssMib(runtimePid) : null,
      });
    }
  } finally {
    await Promise.all(open.map((session) => session.close()));
  }
  return { sessions, rounds, calls_per_round: sessions * callsPerSession, samples };
}
