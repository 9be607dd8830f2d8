import subprocess, sys
cid = subprocess.check_output(["docker", "create", sys.argv[1]]).decode().strip()
subprocess.check_call(["docker", "cp", cid + ":/out/app", "app"])
