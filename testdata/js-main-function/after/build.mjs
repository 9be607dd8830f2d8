import { execFileSync } from 'node:child_process';

const docker = (...args) => execFileSync('docker', args, { stdio: 'inherit' });
const IMAGE = 'acme/worker';

async function main() {
  execFileSync('docker', ['build', '-t', `${IMAGE}:latest`, '.']);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
