// The client's name kept in a constant, handed to execFileSync with each argument list.
import { execFileSync } from 'node:child_process';

const DOCKER = 'docker';
execFileSync(DOCKER, ['build', '-t', 'const/app', '.'], { stdio: 'inherit' });
