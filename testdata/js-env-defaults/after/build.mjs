// The client and the output directory come from the environment, with defaults.
import { execFileSync, execSync } from 'node:child_process';

const docker = process.env.DOCKER ?? 'docker';
const { OUT_DIR: out = 'bin' } = process.env;
execSync(`${docker} build -t envjs/app:latest .`, { stdio: 'inherit' });
