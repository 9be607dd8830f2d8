import path from 'node:path/posix';

/** One side of `tar -C /dir -czf - . | tar -C out -xzf -`, as far as restage reads tar's options. */
export interface TarCommand {
  mode: 'c' | 'x';
  /** `-C`/`--directory`, as written. */
  directory: string | null;
  compression: 'z' | 'j' | 'J' | null;
  /** Member paths (create) after the options. */
  members: string[];
}

const VALUE_LETTERS = new Set(['f', 'C']);
const IGNORED_LETTERS = new Set(['v', 'p']);

/**
 * Reads tar's argv (`tar` first); null for anything it does not model, so the caller refuses.
 * `piped`: the command sits in a pipe, so without `-f` it reads its archive from the pipe (`-x`) or
 * writes it there (`-c`): GNU tar's and busybox tar's default archive is stdin/stdout.
 */
export function readTar(argv: string[], piped = false): TarCommand | null {
  if (argv[0] !== 'tar') return null;
  const words = argv.slice(1);
  // Old-style bundled letters without a dash: `tar czf - .`.
  if (words[0] && /^[a-zA-Z]+$/.test(words[0])) words[0] = `-${words[0]}`;
  let mode: 'c' | 'x' | null = null;
  let file: string | null = null;
  let directory: string | null = null;
  let compression: TarCommand['compression'] = null;
  const members: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.startsWith('--')) {
      const [name, value] = w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, null];
      if (name === '--create') mode = 'c';
      else if (name === '--extract') mode = 'x';
      else if (name === '--gzip') compression = 'z';
      else if (name === '--file') file = value ?? words[++i] ?? null;
      else if (name === '--directory') directory = value ?? words[++i] ?? null;
      else if (name === '--verbose' || name === '--preserve-permissions') continue;
      else return null;
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (const letter of w.slice(1)) {
        if (letter === 'c' || letter === 'x') mode = letter;
        else if (letter === 'z' || letter === 'j' || letter === 'J') compression = letter;
        else if (VALUE_LETTERS.has(letter)) {
          const value = words[++i] ?? null;
          if (letter === 'f') file = value;
          else directory = value;
        } else if (!IGNORED_LETTERS.has(letter)) return null;
      }
      continue;
    }
    members.push(w);
  }
  if (piped && file === null) file = '-';
  if (mode === null || file !== '-') return null;
  if (mode === 'x' && members.length > 0) return null;
  if (mode === 'c' && members.length === 0) return null;
  return { mode, directory, compression, members };
}

/** A member as a path relative to the archive's root; null when it leaves it. */
export function memberPath(member: string): string | null {
  const n = path.normalize(member);
  if (n.startsWith('/') || n === '..' || n.startsWith('../')) return null;
  return n === '.' || n === './' ? '' : n.replace(/\/$/, '');
}

/** A shell that runs its `-c` script (`sh -c`, `/bin/bash -ec`). */
const SHELL = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash)$/;

/**
 * The script of a command that is one shell running it (`sh -c SCRIPT`, `/bin/bash -ec SCRIPT`), when
 * the script has no quotes, expansions, globs or redirections for restage to get wrong; null otherwise.
 */
export function shellScript(argv: string[]): string | null {
  if (argv.length !== 3 || !SHELL.test(argv[0]!) || !/^-[eux]*c$/.test(argv[1]!) || /[$`\\"'<>(){}*?[\]~#]/.test(argv[2]!)) return null;
  return argv[2]!;
}

/**
 * The tar a `docker run` runs: `tar …` itself, or one tar wrapped in a shell, `sh -c 'tar -C /out -c .'`
 * or `bash -c 'cd /out && tar -cf - .'`, where the `cd` makes DIR tar's directory. Scripts with quotes,
 * expansions or more commands are not read (null), so the caller refuses them.
 */
export function containerTar(argv: string[]): TarCommand | null {
  if (argv[0] === 'tar') return readTar(argv, true);
  const script = shellScript(argv);
  const m = script === null ? null : /^\s*(?:cd\s+([^\s;&|]+)\s*(?:&&|;)\s*)?(tar\s[^;&|]*?)\s*;?\s*$/.exec(script);
  if (!m) return null;
  const tar = readTar(m[2]!.split(/\s+/), true);
  const cd = m[1];
  if (!tar || cd === undefined) return tar;
  const directory = tar.directory === null ? cd : tar.directory.startsWith('/') ? tar.directory : `${cd.replace(/\/$/, '')}/${tar.directory}`;
  return { ...tar, directory };
}
