// Run by `npm run image` (package.json), so from the package's directory, not from scripts/.
import { execSync } from 'node:child_process';
import { join } from 'node:path';

execSync('docker build -t tool:build -f Dockerfile.build .', { stdio: 'inherit' });
const id = execSync('docker create tool:build').toString().trim();
execSync(`docker cp ${id}:/out/tool ${join(process.cwd(), 'tool')}`);
execSync(`docker rm -f ${id}`);
execSync('docker build -t tool:latest .', { stdio: 'inherit' });
execSync('rm -f tool');
