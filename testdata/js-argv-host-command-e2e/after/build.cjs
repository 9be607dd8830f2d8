const { spawnSync, execFileSync } = require('node:child_process');

spawnSync('docker', ['build', '-t', 'agent:latest', '.'], { stdio: 'inherit' });
