// Copies the compiled binary out of the builder container with the Engine API (CI runs this before `docker build .`).
const fs = require('node:fs');
const tar = require('tar-fs');
const Docker = require('dockerode');

async function main() {
  const docker = new Docker();
  const container = await docker.createContainer({ Image: 'acme/builder:ci' });
  const archive = await container.getArchive({ path: '/out/app' });
  archive.pipe(tar.extract('bin'));
  await new Promise((done) => archive.on('end', done));
  await container.remove();
}

main();
