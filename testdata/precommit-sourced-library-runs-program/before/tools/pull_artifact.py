import sys
import docker

client = docker.from_env()
c = client.containers.create(sys.argv[1])
bits, _ = c.get_archive("/out/app")
with open("app.tar", "wb") as f:
    for chunk in bits:
        f.write(chunk)
c.remove()
