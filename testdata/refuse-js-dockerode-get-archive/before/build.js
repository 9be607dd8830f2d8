const Docker = require('dockerode');
const tar = require('tar-fs');
const docker = new Docker();
async function main() {
  const stream = await docker.buildImage({ context: __dirname, src: ['Dockerfile.build'] }, { t: 'b', dockerfile: 'Dockerfile.build' });
  await new Promise((r) => docker.modem.followProgress(stream, r));
  const container = await docker.createContainer({ Image: 'b' });
  const archive = await container.getArchive({ path: '/out/app' });
  archive.pipe(tar.extract('dist'));
  await container.remove();
  await docker.buildImage({ context: __dirname, src: ['Dockerfile', 'dist'] }, { t: 'app' });
}
main();
