import { execa } from 'execa';

await execa('docker', ['build', '-t', 'svc:build', '-f', 'Dockerfile.build', '.'], { stdio: 'inherit' });
const { stdout: container } = await execa('docker', ['create', 'svc:build']);
await execa('docker', ['cp', `${container}:/out/svc`, 'svc']);
await execa('docker', ['rm', container]);
await execa('docker', ['build', '-t', 'svc:latest', '.'], { stdio: 'inherit' });
console.log('svc image ready');
