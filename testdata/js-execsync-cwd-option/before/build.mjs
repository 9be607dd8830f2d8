import { execSync } from 'node:child_process';

const opts = { stdio: 'inherit' };
execSync('docker build -t svc:build -f Dockerfile.build .', { cwd: 'service', stdio: 'inherit' });
execSync('docker create --name svc-x svc:build');
execSync('docker cp svc-x:/out/svc service/svc');
execSync('docker rm svc-x');
execSync('docker build -t svc .', { cwd: 'service' });
