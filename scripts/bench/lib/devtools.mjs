// A minimal DevTools protocol client for the worker's inspector (wrangler's inspector proxy):
// CPU profiles for `npm run bench:profile`, the JS heap for the benchmark's memory section.
import WebSocket from "ws";

/** A minimal DevTools protocol client over wrangler's inspector proxy. */
export async function devtools(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let nextId = 0;
  const pending = new Map();
  const scripts = [];
  ws.on("message", (data) => {
    const message = JSON.parse(data);
    if (message.method === "Debugger.scriptParsed") scripts.push(message.params);
    // The proxy echoes each command back (with its `method`) before the runtime's answer; a
    // command without a result is acknowledged by the echo.
    const waiter = pending.get(message.id);
    if (!waiter || (!message.result && !message.error && waiter.needsResult)) return;
    pending.delete(message.id);
    waiter.resolve(message.result ?? {});
  });
  const send = (method, params = {}, needsResult = false) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, needsResult });
      ws.send(JSON.stringify({ id, method, params }));
      setTimeout(() => reject(new Error(`${method}: no answer`)), 60_000).unref();
    });
  return { send, scripts, close: () => ws.close() };
}

/**
 * The isolate's used JS heap in MiB after a full collection. workerd does not answer
 * HeapProfiler.collectGarbage; a heap snapshot collects first (its chunks are ignored).
 */
export async function heapAfterGc(inspector) {
  await inspector.send("HeapProfiler.enable");
  await inspector.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  const heap = await inspector.send("Runtime.getHeapUsage", {}, true);
  await inspector.send("HeapProfiler.disable");
  return Math.round((heap.usedSize / 2 ** 20) * 10) / 10;
}
