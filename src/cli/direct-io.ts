import fs from 'node:fs';
import type { Io } from '../pipeline/io.js';
import { terminals } from './default-io.js';

/**
 * The no-scan answer's streams: its one line is written to the descriptor itself. process.stderr on a
 * pipe (a pre-commit hook's) is a socket, and creating it loads Node's net and stream modules, about
 * 10 ms of a 120 ms run. Whether a stream is a terminal is asked only to colour (migrate-output.ts).
 */
export const directIo: Io = {
  stdout: (s) => writeDirect(1, s, () => process.stdout),
  stderr: (s) => writeDirect(2, s, () => process.stderr),
  cwd: process.cwd(),
  env: process.env,
  isTTY: terminals,
};

/** `stream` is asked for only if the descriptor fails: the getters of process.stdout and process.stderr create them. */
export function writeDirect(fd: number, s: string, stream: () => { write(bytes: Uint8Array): unknown }): void {
  let bytes = Buffer.from(s);
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(fs.writeSync(fd, bytes));
    } catch {
      // A descriptor another process left non-blocking (EAGAIN), or a closed one: what is left goes to
      // the stream, which waits for the first and reports the second as every other run does.
      stream().write(bytes);
      return;
    }
  }
}
