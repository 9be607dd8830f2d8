import { execa } from 'execa';

const builder = "web:builder";

await execa('docker', ['build', '--build-arg', 'NODE_VERSION=20', '-t', builder, '--file=Dockerfile.build', '.']);
await execa('docker', ['run', '--rm', builder, 'npm', 'test'], { stdio: 'inherit' });
await execa('docker', ['create', '--name', 'web-out', builder]);
await execa('docker', ['cp', 'web-out:/app/dist', 'dist']);
await execa('docker', ['rm', 'web-out']);
await execa('docker', [
  'build',
  '-t', 'web:latest',
  '.',
]);
