import { vi } from "vitest";

const LEVELS = ["log", "info", "warn", "error", "debug"] as const;

function format(args: unknown[]): string {
  return args
    .map((arg) => {
      if (typeof arg === "string") return arg;
      if (arg instanceof Error) return `${arg.name}: ${arg.message}\n${arg.stack ?? ""}`;
      try {
        return JSON.stringify(arg);
      } catch {
        return String(arg);
      }
    })
    .join(" ");
}

/**
 * Captures every console line written while it is installed. The worker and its Durable
 * Objects run in the test's isolate, so their log lines land here too. Lines are kept, not
 * printed: the runner reports the ones a case is blamed for.
 */
export class LogCapture {
  private lines: string[] = [];
  private spies: { mockRestore(): void }[] = [];

  install(): void {
    this.spies = LEVELS.map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        this.lines.push(`${level}: ${format(args)}`);
      }),
    );
  }

  /** The lines written since the last call. */
  take(): string[] {
    const lines = this.lines;
    this.lines = [];
    return lines;
  }

  uninstall(): void {
    for (const spy of this.spies) spy.mockRestore();
    this.spies = [];
  }
}
