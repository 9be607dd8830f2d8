// What `restage verify` leaves on an engine: images under its tag prefix and containers under its name
// prefix. A suite judges only what appeared after it took the engine: objects an earlier run left (a
// test run killed mid-build on the same engine) are reported once as a warning, not as every later
// test's leak.
import { execFileSync } from 'node:child_process';

/** The docker CLI against one engine (the default one when host is null). */
function dockerOn(host: string | null, args: string[]): string {
  const env = { ...process.env };
  if (host === null) delete env.DOCKER_HOST;
  else env.DOCKER_HOST = host;
  return execFileSync('docker', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every image and container of verify's on the engine now. */
export function verifyObjects(host: string | null = null): string[] {
  const images = dockerOn(host, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])
    .split('\n')
    .filter((l) => l.startsWith('restage-verify/'));
  const containers = dockerOn(host, ['ps', '-a', '--format', '{{.Names}}'])
    .split('\n')
    .filter((l) => l.startsWith('restage-verify-'));
  return [...images, ...containers];
}

/** Reads the engine now; the function returned lists verify's objects that were not there then. */
export function leftoversSince(host: string | null = null): () => string[] {
  const before = new Set(verifyObjects(host));
  if (before.size > 0)
    console.warn(`[restage e2e] the engine${host ? ` at ${host}` : ''} already holds objects of an earlier verify run, not judged: ${[...before].join(', ')}`);
  return () => verifyObjects(host).filter((o) => !before.has(o));
}
