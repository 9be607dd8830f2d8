#!/usr/bin/env bash
set -o errexit
source "${KUBE_ROOT}/hack/lib/init.sh"
extract_artifact acme/builder /out/app ./app
docker build -t x .
