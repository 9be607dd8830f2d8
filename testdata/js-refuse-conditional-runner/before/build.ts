import { execFileSync } from 'node:child_process';

function extract(name: string) {
  execFileSync('docker', ['cp', `${name}:/usr/local/bin/tool`, './bin/tool']);
  execFileSync('docker', ['rm', name]);
}

execFileSync('docker', ['build', '-t', 'tool:build', '-f', 'Dockerfile.build', '.']);
execFileSync('docker', ['create', '--name', 'tool-x', 'tool:build']);
if (!process.env.SKIP_EXTRACT) {
  extract('tool-x');
}
execFileSync('docker', ['build', '-t', 'tool:latest', '.']);
