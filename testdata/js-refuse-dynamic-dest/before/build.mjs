import { execSync } from 'node:child_process';

const out = process.env.OUT_DIR;
execSync('docker build -t tool:build -f Dockerfile.build .');
execSync('docker create --name x tool:build');
execSync(`docker cp x:/usr/local/bin/tool ./${out}/tool`);
execSync('docker rm x');
execSync('docker build -t tool:latest .');
