# Helpers for build.sh.
pull_artifact() {
  python3 tools/pull_artifact.py "$1"
}
