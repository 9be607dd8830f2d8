// The first step of every `migrate`: the roots the arguments name, each with its configuration and
// whether it needs a scan at all. Apart from migrate.ts so that the launcher's no-scan path
// (src/cli/no-scan.ts) can answer a pre-commit run with this alone, before the pipeline loads.
import { ConfigError, loadConfig, type RestageConfig } from '../config/load.js';
import type { RunReport } from '../emit/report.js';
import { displayRoot, mayBelongToSetup, resolveRoots } from './targets.js';
import { UsageError } from './usage-error.js';

export interface ConfiguredRoot {
  root: string;
  /** The repo-relative files the arguments named, or null when the root is scanned whole. */
  selected: Set<string> | null;
  config: RestageConfig;
  /** False when every named file is neither a driver nor a Dockerfile: it belongs to no setup. */
  scan: boolean;
}

export function configuredRoots(targets: string[], cwd: string): ConfiguredRoot[] {
  const roots = resolveRoots(targets.length > 0 ? targets : ['.'], cwd);
  // Every configuration is read before anything is written: a bad one stops the run with no change.
  const configs = new Map([...roots.keys()].map((root) => [root, loadRootConfig(root)]));
  return [...roots].map(([root, selected]) => ({
    root,
    selected,
    config: configs.get(root)!,
    scan: selected === null || [...selected].some((f) => mayBelongToSetup(root, f)),
  }));
}

/** The report of a run none of whose roots needs a scan (nothing can change), or null when one does. */
export function reportWithoutScan(targets: string[], opts: { write: boolean; cwd: string }): (RunReport & { writeFailed: boolean }) | null {
  const roots = configuredRoots(targets, opts.cwd);
  if (roots.some((r) => r.scan)) return null;
  return { roots: roots.map((r) => ({ root: displayRoot(opts.cwd, r.root), setups: [], config: r.config })), written: opts.write, writeFailed: false };
}

function loadRootConfig(root: string): RestageConfig {
  try {
    return loadConfig(root);
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(err.message);
    throw err;
  }
}
