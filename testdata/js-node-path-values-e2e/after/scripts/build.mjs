import { execSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Paths from the script's own place, so that it builds the same from any directory.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const out = path.join(root, 'dist');

execSync(`docker build -t site:latest ${root}`, { stdio: 'inherit' });
