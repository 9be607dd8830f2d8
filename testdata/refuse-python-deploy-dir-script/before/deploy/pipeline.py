"""Builds the service image: compile in the builder image, then package the binary."""
import subprocess


def sh(*args):
    subprocess.run(args, check=True)


sh("docker", "build", "-t", "app-builder", "-f", "Dockerfile.build", ".")
sh("docker", "create", "--name", "app-extract", "app-builder")
sh("docker", "cp", "app-extract:/go/src/app/out/app", "app")
sh("docker", "rm", "app-extract")
sh("docker", "build", "-t", "example/app", ".")
