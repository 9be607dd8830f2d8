import { execa } from 'execa';

await execa('docker', ['build', '-t', 'svc:latest', '.'], { stdio: 'inherit' });
console.log('svc image ready');
