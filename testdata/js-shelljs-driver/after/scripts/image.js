// Builds the release image: compile in the builder image, copy the binary out, build the runtime image.
const shell = require('shelljs');

shell.cd(__dirname + '/..');
if (shell.exec('docker build -t shj/app .').code !== 0) {
  shell.echo('Error: the runtime image did not build');
  shell.exit(1);
}
