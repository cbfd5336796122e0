import { Writable } from 'node:stream';

/** A writable stream that keeps what is written, for commands that print. */
export function textSink(): Writable & { text(): string } {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return Object.assign(sink, { text: () => text });
}
