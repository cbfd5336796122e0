/**
 * Source ports for connections a proxy opens itself, cycling through Linux's default
 * `ip_local_port_range` (32768–60999) as its kernel would.
 */
export class EphemeralPorts {
  private next = first;

  take(): number {
    const port = this.next;
    this.next = port === last ? first : port + 1;
    return port;
  }
}

const first = 32768;
const last = 60999;
