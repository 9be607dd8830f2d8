const { spawn } = require('child_process');

// Runs a command with its output on the console; resolves when it exits cleanly.
const run = (args) =>
  new Promise((resolve, reject) => {
    const p = spawn('docker', args, { stdio: 'inherit' });
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`docker ${args[0]} failed`))));
  });

(async () => {
  await run(['build', '-t', 'web:builder', '-f', 'Dockerfile.build', '.']);
  await run(['create', '--name', 'web-out', 'web:builder']);
  await run(['cp', 'web-out:/app/dist', 'dist']);
  await run(['rm', 'web-out']);
  await run(['build', '-t', 'web:latest', '.']);
})();
