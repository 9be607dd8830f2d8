import { execSync } from 'child_process';
execSync('docker cp x:/a ./a'
