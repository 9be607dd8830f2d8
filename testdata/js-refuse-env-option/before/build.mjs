import { execSync } from 'node:child_process';

execSync('docker build -t api:build -f Dockerfile.build .');
execSync('docker create --name api-x api:build');
execSync('docker cp api-x:/out/api ./api', { env: { ...process.env, DOCKER_CONTEXT: 'remote' } });
execSync('docker rm api-x');
execSync('docker build -t api .');
