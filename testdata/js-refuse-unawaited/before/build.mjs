import { execa } from 'execa';

await execa('docker', ['build', '-t', 'tool:build', '-f', 'Dockerfile.build', '.']);
await execa('docker', ['create', '--name', 'x', 'tool:build']);
execa('docker', ['cp', 'x:/usr/local/bin/tool', './bin/tool']);
await execa('docker', ['rm', 'x']);
await execa('docker', ['build', '-t', 'tool:latest', '.']);
