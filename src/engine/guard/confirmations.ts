/** How long a used confirmation is remembered: longer than its signed state is valid. */
export const CONFIRMATION_TTL_MS = 15 * 60 * 1000;

/** The signed state of a 2026-07-28 question is valid this long (the person's time to answer). */
export const QUESTION_TTL_SECONDS = 600;

/**
 * The 2026-07-28 confirmations already used, in the ServerObject's SQLite storage: an accepted
 * answer travels back inside the call's retry, and a client that sends that retry twice must
 * not send the reply twice. Rows hold a random nonce and a time, nothing of the call.
 */
export class UsedConfirmations {
  private ready = false;

  constructor(
    private readonly sql: SqlStorage,
    private readonly now: () => number,
  ) {}

  /** Marks a confirmation used; false when it already was. */
  use(nonce: string): boolean {
    if (!this.ready) {
      this.sql.exec(
        "CREATE TABLE IF NOT EXISTS confirmations (nonce TEXT PRIMARY KEY, at INTEGER NOT NULL)",
      );
      this.ready = true;
    }
    const now = this.now();
    this.sql.exec("DELETE FROM confirmations WHERE at <= ?", now - CONFIRMATION_TTL_MS);
    const cursor = this.sql.exec(
      "INSERT OR IGNORE INTO confirmations (nonce, at) VALUES (?, ?)",
      nonce.slice(0, 64),
      now,
    );
    return cursor.rowsWritten > 0;
  }

  /** Forgets the prepared state after the object's storage is wiped. */
  reset(): void {
    this.ready = false;
  }
}
