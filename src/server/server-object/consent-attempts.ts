const KEY = "consent_failures";

/**
 * Wrong keys a server's consent page takes in one window, and the window. An `mcp` key is 256
 * random bits, but an `API_KEYS` entry (an admin key, accepted unless MCP_ACCEPT_ADMIN_KEYS is
 * false) is only as strong as the operator chose it, and the page checks any key posted to it:
 * without a bound, a holder of the server URL could guess online. Five in a minute leave room
 * for a person's typos and hold guessing to 7,200 a day per server.
 */
export const MAX_CONSENT_FAILURES = 5;
export const CONSENT_WINDOW_MS = 60_000;

interface Window {
  start: number;
  failures: number;
}

/**
 * The throttle of wrong keys on one server's consent page, kept in the ServerObject's storage
 * (so a restart of the object does not reset it) and wiped with the server. Each attempt is
 * counted as a failure before its key is checked, and given back when the key was right, so
 * that concurrent attempts cannot pass the bound together.
 */
export class ConsentAttempts {
  /** Injectable so that tests move time instead of sleeping. */
  now: () => number = Date.now;
  private window: Window | null | undefined;

  constructor(private readonly storage: DurableObjectStorage) {}

  /** Takes one attempt: 0 when its key may be checked, else the seconds until one may. */
  async take(): Promise<number> {
    const now = this.now();
    let window = await this.load();
    if (!window || now - window.start >= CONSENT_WINDOW_MS) window = { start: now, failures: 0 };
    if (window.failures >= MAX_CONSENT_FAILURES) {
      return Math.max(1, Math.ceil((window.start + CONSENT_WINDOW_MS - now) / 1000));
    }
    await this.save({ ...window, failures: window.failures + 1 });
    return 0;
  }

  /** The attempt's key was right: it was no failure. */
  async succeeded(): Promise<void> {
    const window = await this.load();
    if (window && window.failures > 0)
      await this.save({ ...window, failures: window.failures - 1 });
  }

  /** The storage was wiped (purge): forget the copy in memory. */
  reset(): void {
    this.window = undefined;
  }

  private async load(): Promise<Window | null> {
    if (this.window === undefined) this.window = (await this.storage.get<Window>(KEY)) ?? null;
    return this.window;
  }

  private async save(window: Window): Promise<void> {
    this.window = window;
    await this.storage.put(KEY, window);
  }
}
