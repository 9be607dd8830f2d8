import fs from 'node:fs';
import path from 'node:path';
import { findRule } from '../../rules/index.js';
import { withoutBom } from '../text/file-style.js';

/** What a repository can configure: restage.config.json at the scanned root, or `restage` in package.json. */
export interface RestageConfig {
  /** Where the settings came from (`restage.config.json`, `package.json#restage`), or null for defaults. */
  source: string | null;
  /** The name restage gives a builder stage it has to name (default `builder`). */
  builderStage: string;
  /** Rule ids turned off. */
  rulesOff: ReadonlySet<string>;
  /** Globs of root-relative paths: a setup with a file there is skipped. */
  ignore: readonly string[];
  /** Base URL of the rule pages (`<base><id>.md`) in SARIF, JSON and markdown reports; null: the installed package's. */
  helpBaseUrl: string | null;
}

export const DEFAULT_CONFIG: RestageConfig = { source: null, builderStage: 'builder', rulesOff: new Set(), ignore: [], helpBaseUrl: null };

const CONFIG_FILE = 'restage.config.json';

export class ConfigError extends Error {}

export function loadConfig(root: string): RestageConfig {
  const own = readIfExists(path.join(root, CONFIG_FILE));
  if (own !== null) return parseConfig(parseJson(own, CONFIG_FILE), CONFIG_FILE);
  const pkg = readIfExists(path.join(root, 'package.json'));
  if (pkg === null) return DEFAULT_CONFIG;
  const value = (parseJson(pkg, 'package.json') as Record<string, unknown> | null)?.restage;
  return value === undefined ? DEFAULT_CONFIG : parseConfig(value, 'package.json#restage');
}

/** Strict: an unknown key or a misspelled rule id is an error, not a silently ignored setting. */
export function parseConfig(value: unknown, source: string): RestageConfig {
  const fail = (msg: string): never => {
    throw new ConfigError(`${source}: ${msg}`);
  };
  if (!isObject(value)) return fail('expected an object');
  const config = { ...DEFAULT_CONFIG, source, rulesOff: new Set<string>() };
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema') continue;
    if (key === 'stages') {
      if (!isObject(v)) return fail('"stages" must be an object like {"builder": "build"}');
      for (const [stage, name] of Object.entries(v)) {
        if (stage !== 'builder') return fail(`"stages": unknown stage "${stage}" (known: builder)`);
        if (typeof name !== 'string' || !/^[a-z][a-z0-9._-]*$/.test(name) || name === 'scratch' || name === 'context') {
          return fail(
            `"stages.builder": ${JSON.stringify(name)} is not a stage name (lower case, starting with a letter, then letters, digits, ".", "_" or "-"; not "scratch" or "context")`,
          );
        }
        config.builderStage = name;
      }
    } else if (key === 'rules') {
      if (!isObject(v)) return fail('"rules" must be an object like {"rule-id": "off"}');
      for (const [id, setting] of Object.entries(v)) {
        if (!findRule(id)) return fail(`"rules": unknown rule "${id}" (\`restage rules\` lists them)`);
        if (setting !== 'off' && setting !== 'on') return fail(`"rules.${id}": expected "off" or "on", got ${JSON.stringify(setting)}`);
        if (setting === 'off') config.rulesOff.add(id);
      }
    } else if (key === 'ignore') {
      if (!Array.isArray(v) || !v.every((g): g is string => typeof g === 'string' && g.trim() !== '')) return fail('"ignore" must be an array of path globs');
      config.ignore = v;
    } else if (key === 'helpBaseUrl') {
      if (typeof v !== 'string' || !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(v)) return fail('"helpBaseUrl" must be an absolute URL');
      config.helpBaseUrl = v.endsWith('/') ? v : `${v}/`;
    } else {
      return fail(`unknown setting "${key}" (known: stages, rules, ignore, helpBaseUrl)`);
    }
  }
  return config;
}

function parseJson(text: string, file: string): unknown {
  try {
    // npm reads a package.json that starts with a byte order mark; so does restage.
    return JSON.parse(withoutBom(text)) as unknown;
  } catch (err) {
    // Node's message quotes the text around the error, newlines included: a diagnostic is one line.
    const why = (err instanceof Error ? err.message : String(err)).replace(/\s*[\r\n]+\s*/g, ' ');
    throw new ConfigError(`${file}: not valid JSON: ${why}`);
  }
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(`${path.basename(file)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
