// Builds the release image: compile in the builder image, copy the binary out, build the runtime image.
const shell = require('shelljs');

shell.cd(__dirname + '/..');
if (shell.exec('docker build -t shj/builder -f Dockerfile.build .').code !== 0) {
  shell.echo('Error: the builder image did not build');
  shell.exit(1);
}
const id = shell.exec('docker create shj/builder', { silent: true }).stdout.trim();
shell.exec(`docker cp ${id}:/out/app bin/app`);
shell.exec(`docker rm ${id}`, { silent: true });
if (shell.exec('docker build -t shj/app .').code !== 0) {
  shell.echo('Error: the runtime image did not build');
  shell.exit(1);
}
