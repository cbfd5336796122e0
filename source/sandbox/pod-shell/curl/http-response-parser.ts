/**
 * An HTTP/1.x response read from a byte stream, incrementally: the status line and headers
 * exactly as the server sent them (for `-i` and `-v`), then the body framed by
 * Content-Length, chunked transfer coding, or the connection's end.
 */

export interface ResponseHead {
  /** `HTTP/1.1` */
  protocol: string;
  status: number;
  reason: string;
  /** Header lines in order, names as the server spelled them. */
  headers: [name: string, value: string][];
  /** The status line and header lines exactly as received, the blank line included. */
  raw: string;
}

export type ParseProblem =
  | { kind: 'empty-reply' }
  | { kind: 'bad-response'; detail: string }
  | { kind: 'partial-body'; remaining: number | undefined };

const headerEnd = Buffer.from('\r\n\r\n');

export class HttpResponseParser {
  head: ResponseHead | undefined;
  readonly body: Buffer[] = [];
  bodyBytes = 0;
  done = false;
  problem: ParseProblem | undefined;
  /** Bytes the server sent so far, header bytes included. */
  received = 0;

  private pending: Buffer = Buffer.alloc(0);
  private framing: 'length' | 'chunked' | 'close' | 'none' = 'none';
  private remaining = 0;
  /** Inside chunked coding: waiting for a size line, inside a chunk, or after the last chunk. */
  private chunkState: 'size' | 'data' | 'data-end' | 'trailer' = 'size';

  constructor(
    private readonly method: string,
    private readonly onHead: (head: ResponseHead) => void = () => {},
    private readonly onBody: (data: Buffer) => void = () => {},
  ) {}

  /** The body's length as the server announced it, when it did. */
  get expectedLength(): number | undefined {
    if (this.framing !== 'length') return undefined;
    return this.bodyBytes + this.remaining;
  }

  feed(chunk: Buffer): void {
    if (this.done) return;
    this.received += chunk.length;
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (!this.head) {
      const end = this.pending.indexOf(headerEnd);
      if (end < 0) return;
      const text = this.pending.subarray(0, end).toString('latin1');
      const head = parseHead(text);
      if (typeof head === 'string') {
        this.problem = { kind: 'bad-response', detail: head };
        this.done = true;
        return;
      }
      this.pending = this.pending.subarray(end + 4);
      // Interim responses (100 Continue) come before the real one.
      if (head.status >= 100 && head.status < 200 && head.status !== 101) {
        this.feedRest();
        return;
      }
      this.head = head;
      this.onHead(head);
      this.chooseFraming(head);
    }
    this.readBody();
  }

  /** The server closed its side. */
  end(): void {
    if (this.done) return;
    if (!this.head) {
      this.problem =
        this.received === 0
          ? { kind: 'empty-reply' }
          : { kind: 'bad-response', detail: 'incomplete headers' };
    } else if (this.framing === 'close') {
      // The connection's end is the body's end.
    } else {
      this.problem = {
        kind: 'partial-body',
        remaining: this.framing === 'length' ? this.remaining : undefined,
      };
    }
    this.done = true;
  }

  private feedRest(): void {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    this.received -= rest.length;
    if (rest.length) this.feed(rest);
  }

  private chooseFraming(head: ResponseHead): void {
    const header = (name: string) =>
      head.headers.find(([key]) => key.toLowerCase() === name)?.[1]?.trim();
    const noBody =
      this.method === 'HEAD' || head.status === 204 || head.status === 304 || head.status < 200;
    if (noBody) {
      this.framing = 'none';
      this.done = true;
      return;
    }
    if (header('transfer-encoding')?.toLowerCase().includes('chunked')) {
      this.framing = 'chunked';
      return;
    }
    const length = header('content-length');
    if (length !== undefined && /^\d+$/.test(length)) {
      this.framing = 'length';
      this.remaining = Number(length);
      if (this.remaining === 0) this.done = true;
      return;
    }
    this.framing = 'close';
  }

  private deliver(data: Buffer): void {
    if (data.length === 0) return;
    this.body.push(data);
    this.bodyBytes += data.length;
    this.onBody(data);
  }

  private readBody(): void {
    if (this.done || !this.head) return;
    if (this.framing === 'close') {
      this.deliver(this.pending);
      this.pending = Buffer.alloc(0);
      return;
    }
    if (this.framing === 'length') {
      const take = this.pending.subarray(0, this.remaining);
      this.pending = this.pending.subarray(take.length);
      this.remaining -= take.length;
      this.deliver(take);
      if (this.remaining === 0) this.done = true;
      return;
    }
    this.readChunks();
  }

  private readChunks(): void {
    for (;;) {
      if (this.chunkState === 'size' || this.chunkState === 'data-end') {
        const lineEnd = this.pending.indexOf('\r\n');
        if (lineEnd < 0) return;
        const line = this.pending.subarray(0, lineEnd).toString('latin1');
        this.pending = this.pending.subarray(lineEnd + 2);
        if (this.chunkState === 'data-end') {
          this.chunkState = 'size';
          continue;
        }
        const size = Number.parseInt(line.split(';')[0]!.trim(), 16);
        if (Number.isNaN(size)) {
          this.problem = { kind: 'bad-response', detail: 'bad chunk size' };
          this.done = true;
          return;
        }
        if (size === 0) {
          this.chunkState = 'trailer';
          continue;
        }
        this.remaining = size;
        this.chunkState = 'data';
      }
      if (this.chunkState === 'data') {
        if (this.pending.length === 0) return;
        const take = this.pending.subarray(0, this.remaining);
        this.pending = this.pending.subarray(take.length);
        this.remaining -= take.length;
        this.deliver(take);
        if (this.remaining > 0) return;
        this.chunkState = 'data-end';
        continue;
      }
      // Trailer section: header lines until an empty line.
      const lineEnd = this.pending.indexOf('\r\n');
      if (lineEnd < 0) return;
      const empty = lineEnd === 0;
      this.pending = this.pending.subarray(lineEnd + 2);
      if (empty) {
        this.done = true;
        return;
      }
    }
  }
}

function parseHead(text: string): ResponseHead | string {
  const [statusLine = '', ...lines] = text.split('\r\n');
  const match = /^(HTTP\/\d(?:\.\d)?) (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!match) return `bad status line: ${statusLine}`;
  const headers: [string, string][] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return {
    protocol: match[1]!,
    status: Number(match[2]),
    reason: match[3] ?? '',
    headers,
    raw: `${text}\r\n\r\n`,
  };
}
