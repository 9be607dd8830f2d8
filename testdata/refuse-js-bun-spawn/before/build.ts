// A Bun build script: Bun.spawnSync takes the client and its arguments as one array.
Bun.spawnSync(['docker', 'build', '-t', 'bun/builder', '-f', 'Dockerfile.build', '.']);
Bun.spawnSync(['docker', 'create', '--name', 'bun-x', 'bun/builder']);
Bun.spawnSync(['docker', 'cp', 'bun-x:/out/app', './app']);
Bun.spawnSync(['docker', 'build', '-t', 'bun/app', '.']);
