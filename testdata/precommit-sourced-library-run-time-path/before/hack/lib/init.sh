# shellcheck shell=bash
extract_artifact() {
  docker build -t "$1" -f Dockerfile.build .
  local id
  id=$(docker create "$1")
  docker cp "$id:$2" "$3"
  docker rm "$id"
}
