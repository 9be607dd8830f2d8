function enter() { process.chdir('sub'); }
enter();
await $`docker build -t tool:build -f Dockerfile.build .`
await $`docker create --name x tool:build`
await $`docker cp x:/usr/local/bin/tool ./bin/tool`
await $`docker rm x`
await $`docker build -t tool:latest .`
