import { $ } from 'execa';

// Every command prints to the console as it runs.
const $$ = $({ stdio: 'inherit' });

await $$`docker build --tag api:latest .`;
