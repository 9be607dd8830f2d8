import { claims as ci } from './ci/claims.js';
import { claims as js } from './js/claims.js';
import { claims as make } from './make/claims.js';
import { claims as packageJson } from './package-json/claims.js';
import { claims as sh } from './sh/claims.js';
import { claims as unsupported } from './unsupported/claims.js';

/**
 * Which files each driver kind reads, asked in this order (the first that claims a file has it). Apart
 * from the kinds themselves (index.ts) so that choosing what to scan loads none of their parsers: a
 * pre-commit run on files no setup holds stops before them.
 */
const DRIVER_CLAIMS = [
  ['sh', sh],
  ['make', make],
  ['package-json', packageJson],
  ['ci', ci],
  ['js', js],
  ['unsupported', unsupported],
] as const;

export type DriverKindName = (typeof DRIVER_CLAIMS)[number][0];

/** The kind that claims a file; `head` is the file's first bytes, for shebangs. */
export function driverKindOf(relPath: string, head: string): DriverKindName | undefined {
  return DRIVER_CLAIMS.find(([, claims]) => claims(relPath, head))?.[0];
}
