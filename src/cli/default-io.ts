import type { Io } from '../pipeline/io.js';

/**
 * Whether stdout and stderr are terminals, asked when read: reading process.stdout or process.stderr
 * creates the stream (on a pipe, a socket, with Node's net and stream modules), and a run that prints
 * nothing in colour never needs to.
 */
export const terminals: NonNullable<Io['isTTY']> = {
  get stdout() {
    return process.stdout.isTTY === true;
  },
  get stderr() {
    return process.stderr.isTTY === true;
  },
};

/** The process's own streams, directory and environment. */
export const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
  isTTY: terminals,
};
