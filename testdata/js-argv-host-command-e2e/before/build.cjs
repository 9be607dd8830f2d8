const { spawnSync, execFileSync } = require('node:child_process');

spawnSync('docker', ['build', '-t', 'agent:build', '-f', 'Dockerfile.build', '.'], { stdio: 'inherit' });
spawnSync('docker', ['create', '--name', 'agent-x', 'agent:build']);
spawnSync('docker', ['cp', 'agent-x:/out/agent', 'agent']);
spawnSync('docker', ['rm', '-f', 'agent-x']);
execFileSync('chmod', ['0755', 'agent']);
spawnSync('docker', ['build', '-t', 'agent:latest', '.'], { stdio: 'inherit' });
execFileSync('rm', ['-f', 'agent']);
