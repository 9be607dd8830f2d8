// The client's name kept in a constant, handed to execFileSync with each argument list.
import { execFileSync } from 'node:child_process';

const DOCKER = 'docker';
execFileSync(DOCKER, ['build', '-t', 'const/builder', '-f', 'Dockerfile.build', '.'], { stdio: 'inherit' });
execFileSync(DOCKER, ['create', '--name', 'const-x', 'const/builder'], { stdio: 'inherit' });
execFileSync(DOCKER, ['cp', 'const-x:/out/app', './app'], { stdio: 'inherit' });
execFileSync(DOCKER, ['rm', 'const-x'], { stdio: 'inherit' });
execFileSync(DOCKER, ['build', '-t', 'const/app', '.'], { stdio: 'inherit' });
