#!/usr/bin/env python3
"""Builds the app in the builder image and copies it into the runtime image."""
import subprocess

subprocess.run(["docker", "build", "-t", "pyb/builder", "-f", "Dockerfile.build", "."], check=True)
cid = subprocess.check_output(["docker", "create", "pyb/builder"], text=True).strip()
subprocess.run(["docker", "cp", f"{cid}:/go/src/app/out/app", "app"], check=True)
subprocess.run(["docker", "rm", cid], check=True)
subprocess.run(["docker", "build", "-t", "pyb/app:latest", "."], check=True)
