#!/bin/sh
# Agreement with a mature reference parser on a legacy and malformed corpus: feedparser 6.0.11's
# ~2,200 test feeds, each with an `Expect:` assertion. The corpus is fetched at run time into a
# temporary folder (never committed); byline runs as `byline peek URL --json`, release build.
#
#     benches/feedcorpus.sh              # byline's figures
#     benches/feedcorpus.sh --feedparser # feedparser's own score on the same checks too
#     benches/feedcorpus.sh --misses     # list every check byline does not agree with
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/feedcorpus.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! (cd "$work" && pip download --quiet --no-deps --no-binary :all: feedparser==6.0.11 >/dev/null 2>&1); then
    echo "feedcorpus: cannot download the feedparser 6.0.11 sdist from PyPI (pip download failed; offline?)" >&2
    exit 1
fi
tar -xzf "$work"/feedparser-6.0.11.tar.gz -C "$work"

cargo build --release --locked --quiet
args=""
for a in "$@"; do
    case "$a" in
        --feedparser)
            if pip install --quiet --target "$work/fp" feedparser==6.0.11 >/dev/null 2>&1; then
                args="$args --feedparser $work/fp"
            else
                echo "feedcorpus: cannot install feedparser for its own score; skipping it" >&2
            fi ;;
        *) args="$args $a" ;;
    esac
done
# shellcheck disable=SC2086
python3 benches/feedcorpus.py "$PWD/target/release/byline" "$work/feedparser-6.0.11" $args
