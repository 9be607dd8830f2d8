import { execSync } from 'node:child_process';

execSync('docker build -t tool:build -f Dockerfile.build .');
for (const arch of ['amd64', 'arm64']) {
  execSync(`docker create --name x-${arch} tool:build`);
  execSync(`docker cp x-${arch}:/usr/local/bin/tool ./bin/tool`);
  execSync(`docker rm x-${arch}`);
}
execSync('docker build -t tool:latest .');
