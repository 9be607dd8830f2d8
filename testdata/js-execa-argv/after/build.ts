import { execa } from 'execa';

const builder = "web:builder";

await execa('docker', ['build', '--target', 'builder', '--build-arg', 'NODE_VERSION=20', '-t', builder, '--file=Dockerfile', '.']);
await execa('docker', ['run', '--rm', builder, 'npm', 'test'], { stdio: 'inherit' });
await execa('docker', [
  'build', '--build-arg', 'NODE_VERSION=20',
  '-t', 'web:latest',
  '.',
]);
