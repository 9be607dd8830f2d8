// The client and the output directory come from the environment, with defaults.
import { execFileSync, execSync } from 'node:child_process';

const docker = process.env.DOCKER ?? 'docker';
const { OUT_DIR: out = 'bin' } = process.env;
execFileSync(docker, ['build', '-t', 'envjs/builder', '-f', 'Dockerfile.build', '.']);
execSync(`${docker} create --name envjs-x envjs/builder`);
execSync(`mkdir -p ${out}`);
execSync(`${process.env.DOCKER || 'docker'} cp envjs-x:/out/tool ./${out}/tool`);
execSync(`${docker} rm envjs-x`);
execSync(`${docker} build -t envjs/app:latest .`, { stdio: 'inherit' });
