import { execSync } from 'node:child_process';

const opts = { stdio: 'inherit' };
execSync('docker build -t svc .', { cwd: 'service' });
