import { spawn, type ChildProcess } from "node:child_process";
import { ROOT } from "../../scripts/dev-stack.mjs";

/** `node_modules/.bin/<name>`: the pinned client versions, never a download. */
export const bin = (name: string) => `${ROOT}/node_modules/.bin/${name}`;

/**
 * Environment for clients started through `npx`: npm must resolve the locally installed package
 * and never ask the registry (CI has no network but loopback), and prints no update notice.
 */
export const OFFLINE_NPM_ENV = { npm_config_offline: "true", npm_config_update_notifier: "false" };

export interface StartOptions {
  env?: Record<string, string | undefined>;
  shell?: boolean;
}

/** A child process in its own process group, with its output collected. */
export class Child {
  readonly proc: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private out = "";
  private err = "";
  private lineListeners = new Set<(line: string) => void>();
  private pending = "";

  constructor(command: string, args: string[], options: StartOptions = {}) {
    this.proc = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      shell: options.shell ?? false,
      stdio: ["pipe", "pipe", "pipe"],
      // Own process group: `npx` and `sh -c` start grandchildren, and killing the group is the
      // only way to be sure none outlives the test (docs/toolchain.md §8.11).
      detached: true,
    });
    this.exited = new Promise((resolve) => {
      this.proc.once("exit", (code, signal) => resolve({ code, signal }));
      this.proc.once("error", () => resolve({ code: -1, signal: null }));
    });
    this.proc.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      this.out += chunk;
      this.pending += chunk;
      let newline: number;
      while ((newline = this.pending.indexOf("\n")) >= 0) {
        const line = this.pending.slice(0, newline).trim();
        this.pending = this.pending.slice(newline + 1);
        if (line) for (const listener of this.lineListeners) listener(line);
      }
    });
    this.proc.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      this.err = (this.err + chunk).slice(-200_000);
    });
    this.proc.stdin!.on("error", () => undefined); // EPIPE once the child is gone
    live.add(this);
  }

  get stdout() {
    return this.out;
  }

  get stderr() {
    return this.err;
  }

  get running() {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }

  onLine(listener: (line: string) => void) {
    this.lineListeners.add(listener);
    return () => this.lineListeners.delete(listener);
  }

  write(text: string) {
    this.proc.stdin!.write(text);
  }

  /** Resolves with the exit, or rejects after `timeoutMs` (the child keeps running). */
  async waitExit(timeoutMs: number) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(`still running after ${timeoutMs} ms; stderr:\n${this.err.slice(-4000)}`),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGTERM to the whole group, SIGKILL after 3 s; resolves once the leader has exited. */
  async kill() {
    live.delete(this);
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-this.proc.pid!, signal);
      } catch {
        // group already gone
      }
    };
    if (this.running) {
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 3_000);
      await this.exited;
      clearTimeout(timer);
    }
    // Grandchildren (npx → sh → node) may outlive the leader; the group must end with it.
    signalGroup("SIGKILL");
  }
}

const live = new Set<Child>();

/** Kills every child started by this module that is still tracked (for `afterEach`). */
export async function killChildren() {
  await Promise.all([...live].map((child) => child.kill()));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion, bounded by `timeoutMs`; the group is killed either way. */
export async function run(
  command: string,
  args: string[],
  options: StartOptions & { timeoutMs: number },
): Promise<RunResult> {
  const started = Date.now();
  const child = new Child(command, args, options);
  child.proc.stdin!.end();
  try {
    const { code } = await child.waitExit(options.timeoutMs);
    return { code, stdout: child.stdout, stderr: child.stderr, ms: Date.now() - started };
  } finally {
    await child.kill();
  }
}

/**
 * Newline-delimited JSON-RPC over a child's stdio, as Claude Desktop speaks to a stdio server
 * (MCP spec, transports: stdio). Every wait is bounded and fails fast if the child exits.
 */
export class StdioJsonRpc {
  private nextId = 1;
  readonly messages: any[] = [];

  constructor(readonly child: Child) {
    child.onLine((line) => {
      try {
        this.messages.push(JSON.parse(line));
      } catch {
        this.messages.push({ unparsed: line });
      }
    });
  }

  notify(method: string, params?: unknown) {
    this.child.write(`${JSON.stringify({ jsonrpc: "2.0", method, params })}\n`);
  }

  /** Sends a request and resolves with its response (`result` or `error`). */
  request(method: string, params: unknown, timeoutMs: number): Promise<any> {
    const id = this.nextId++;
    this.child.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    return new Promise((resolve, reject) => {
      const found = () => this.messages.find((message) => message.id === id);
      let settled = false;
      const done = (error?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve(found());
      };
      const timer = setTimeout(
        () => done(new Error(`no answer to ${method} in ${timeoutMs} ms:\n${this.tail()}`)),
        timeoutMs,
      );
      const unsubscribe = this.child.onLine(() => {
        if (found()) done();
      });
      void this.child.exited.then(({ code, signal }) => {
        if (!found()) {
          done(new Error(`exited (${code ?? signal}) before answering ${method}:\n${this.tail()}`));
        }
      });
    });
  }

  private tail() {
    return this.child.stderr.slice(-4000);
  }
}
