#!/bin/sh
echo "the host tool, not the artifact"
