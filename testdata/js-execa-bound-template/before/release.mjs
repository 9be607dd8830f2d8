import { $ } from 'execa';

// Every command prints to the console as it runs.
const $$ = $({ stdio: 'inherit' });

await $$`docker build --file build.Dockerfile --tag api:build .`;
await $$`docker create --name api-build api:build`;
await $$`docker cp api-build:/src/target/api.jar ./api.jar`;
await $$`docker rm api-build`;
await $$`docker build --tag api:latest .`;
