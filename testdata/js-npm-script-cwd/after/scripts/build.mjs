// Run by `npm run image` (package.json), so from the package's directory, not from scripts/.
import { execSync } from 'node:child_process';
import { join } from 'node:path';

execSync('docker build -t tool:latest .', { stdio: 'inherit' });
