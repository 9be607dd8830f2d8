docker build -t ps/builder -f Dockerfile.build .
docker create --name ps-x ps/builder
docker cp ps-x:/app .\app
docker rm ps-x
docker build -t ps/app .
