#!/bin/sh
# Regenerate the window's translations: extract the strings of ui/ into the .ts sources
# (existing translations are kept, vanished strings dropped), then compile the .qm files.
# Translate new strings in resources/translations/baokan_zh_CN.ts (Qt Linguist or an
# editor), then run this script again and commit both the .ts and the .qm files.
set -eu
cd "$(dirname "$0")/.."
BIN="${PYSIDE_BIN:-.venv/bin}"
OUT=resources/translations
mkdir -p "$OUT"
SOURCES=$(find ui -name '*.py' | sort)
# shellcheck disable=SC2086
"$BIN/pyside6-lupdate" -no-obsolete -locations none -source-language en \
    -target-language zh_CN $SOURCES -ts "$OUT/baokan_zh_CN.ts"
# English is the source language: only plural forms (%n) need entries.
# shellcheck disable=SC2086
"$BIN/pyside6-lupdate" -no-obsolete -locations none -pluralonly -source-language en \
    -target-language en $SOURCES -ts "$OUT/baokan_en.ts"
for ts in "$OUT"/baokan_*.ts; do
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
