// Builds the image the old way, one awaited command at a time.
import { promisify } from 'node:util';
import { exec as execCallback } from 'node:child_process';

const exec = promisify(execCallback);

await exec('docker build -t tool:latest .');
