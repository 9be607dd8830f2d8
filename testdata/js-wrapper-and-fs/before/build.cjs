#!/usr/bin/env node
const { execSync } = require('child_process');
const fs = require('fs');

const sh = (cmd) => execSync(cmd, { stdio: 'inherit' });

function publish(tag) {
  execSync(`docker push ${tag}`);
}

sh('docker build -t cli:build -f Dockerfile.build .');
sh('docker create --name cli-x cli:build');
fs.mkdirSync('bin', { recursive: true });
sh('docker cp cli-x:/out/cli bin/cli');
sh('docker rm cli-x');
fs.chmodSync('bin/cli', 0o755);
sh('docker build -t cli:latest .');
fs.rmSync('bin', { recursive: true, force: true });
