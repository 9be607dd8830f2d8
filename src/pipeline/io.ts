/** Where a command writes and the directory its paths are relative to; tests pass their own. */
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** The environment (NO_COLOR) and whether each stream is a terminal: colour's defaults. Absent: no colour. */
  env?: Readonly<Record<string, string | undefined>>;
  isTTY?: { stdout: boolean; stderr: boolean };
}
