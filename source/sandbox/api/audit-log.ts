/** One request as the sandbox saw it, for tests that prove what a client did. */
export interface AuditEntry {
  verb: string;
  method: string;
  path: string;
  query: string;
  userAgent: string;
  code: number;
}

const capacity = 50_000;

/** A bounded record of requests, oldest dropped first. */
export class AuditLog {
  private readonly entries: AuditEntry[] = [];

  record(entry: AuditEntry): void {
    this.entries.push(entry);
    if (this.entries.length > capacity) this.entries.shift();
  }

  all(): readonly AuditEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
