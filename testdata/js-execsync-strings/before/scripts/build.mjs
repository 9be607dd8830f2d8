import { execSync } from 'node:child_process';

const TAG = 'acme/api';
const run = (cmd) => console.log(cmd);

// Build the binary in the builder image, then copy it out.
execSync(`docker build -t ${TAG}:build -f Dockerfile.build .`, { stdio: 'inherit' });
const id = execSync(`docker create ${TAG}:build`, { encoding: 'utf8' }).trim();
execSync(`docker cp ${id}:/out/api ./api`);
execSync(`docker rm ${id}`);
execSync("docker build -t acme/api:latest . && echo \"built\"", { stdio: 'inherit' });
run('done');
