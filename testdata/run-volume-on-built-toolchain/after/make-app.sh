#!/bin/sh
mkdir -p "$(dirname "$1")"
echo "$TOOL_GREETING from $(cat input.txt)" > "$1"
chmod 0755 "$1"
