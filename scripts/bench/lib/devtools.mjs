// A minimal DevTools protocol client for the worker's inspector (wrangler's inspector proxy):
// CPU profiles for `npm run bench:profile`, the JS heap for the benchmark's memory section.
import WebSocket from "ws";

/** A minimal DevTools protocol client over wrangler's inspector proxy. */
export async function devtools(port, { timeoutMs = 30_000 } = {}) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const closed = new Promise((resolve) => ws.once("close", resolve));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("inspector: no connection")), timeoutMs);
    ws.once("open", () => (clearTimeout(timer), resolve()));
    ws.once("error", (error) => (clearTimeout(timer), reject(error)));
  });
  let nextId = 0;
  const pending = new Map();
  const scripts = [];
  // The proxy takes one client at a time and closes any other (1013): fail what is waiting.
  ws.once("close", (code, reason) => {
    for (const waiter of pending.values())
      waiter.reject(new Error(`inspector closed (${code} ${reason})`));
    pending.clear();
  });
  ws.on("message", (data) => {
    const text = String(data);
    // Network.* events of every subrequest arrive too; only answers (with an id) matter here.
    if (!text.startsWith('{"id"')) {
      if (text.includes('"Debugger.scriptParsed"')) scripts.push(JSON.parse(text).params);
      return;
    }
    const message = JSON.parse(text);
    if (message.method === "Debugger.scriptParsed") scripts.push(message.params);
    // The proxy echoes each command back (with its `method`) before the runtime's answer; a
    // command without a result is acknowledged by the echo.
    const waiter = pending.get(message.id);
    if (!waiter || (!message.result && !message.error && waiter.needsResult)) return;
    pending.delete(message.id);
    clearTimeout(waiter.timer);
    waiter.resolve(message.result ?? {});
  });
  const send = (method, params = {}, needsResult = false) =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${method}: no answer`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, needsResult, timer });
      ws.send(JSON.stringify({ id, method, params }));
    });
  /** Resolves once the socket is closed, so the proxy can take the next client. */
  const close = () => {
    ws.close();
    return closed;
  };
  return { send, scripts, close };
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
