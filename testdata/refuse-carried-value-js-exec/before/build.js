#!/usr/bin/env node
// Builds the release image: the binary in a builder image, then the slim image around it.
const { execSync } = require('child_process');

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });

run('VERSION=$(git describe --tags --always) && docker build --build-arg VERSION="$VERSION" -t example/app-builder -f Dockerfile.build .');
run('docker create --name extract example/app-builder');
run('docker cp extract:/out/app app');
run('docker rm extract');
run('docker build -t example/app .');
