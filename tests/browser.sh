#!/usr/bin/env bash
# tests/browser.sh - renders `sift report` in headless Chromium and checks that the page shows
# without errors: the DOM Chromium builds holds the three charts as SVG, and Chromium's log has no
# console message of the page (an error in the page would be one; the page has no scripts, so it
# should have none at all).
#
# `make test-browser` runs it; `make test` too (tests/run.sh). Chromium is large, so it is
# installed here, on demand, through tools/deps.sh, rather than with the other packages.
# With --screenshot FILE it also writes a PNG of the page (docs/report.png in the README).
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
LUA=${LUA:-lua5.4}
shot=
if [ "${1:-}" = "--screenshot" ]; then
    shot=${2:?--screenshot needs a file}
fi

bash tools/deps.sh chromium || exit 1
browser=$(command -v chromium || command -v chromium-browser) || { echo "no chromium on PATH" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ok=0

# The samples, plus JSON Lines articles with dates, so that the timeline chart is drawn too.
"$LUA" bin/sift report --title "sift samples" samples/ -o "$tmp/report.html" || { echo "sift report failed"; exit 1; }

run_chromium() { # run_chromium OUT ERR ARGS...
    local out=$1 err=$2
    shift 2
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$tmp/profile-$RANDOM" --enable-logging=stderr --v=0 "$@" >"$out" 2>"$err"
}

run_chromium "$tmp/dom.html" "$tmp/dom.err" --dump-dom "file://$tmp/report.html" \
    || { echo "chromium --dump-dom failed"; cat "$tmp/dom.err"; exit 1; }
for id in keywords-chart entity-types-chart timeline-chart; do
    grep -q "id=\"$id\"" "$tmp/dom.html" || { echo "the rendered page has no #$id"; ok=1; }
done
n=$(grep -o '<svg class="chart' "$tmp/dom.html" | wc -l)
[ "$n" -eq 3 ] || { echo "expected 3 SVG charts in the rendered page, found $n"; ok=1; }
grep -q '<rect' "$tmp/dom.html" || { echo "no bars in the rendered page"; ok=1; }
grep -q '<polyline' "$tmp/dom.html" || { echo "no lines in the rendered page"; ok=1; }
# Chromium logs the page's console messages as "CONSOLE(...)" or "Console"; errors loading the
# page as "ERROR:...net..." with the file's name.
if grep -E 'CONSOLE|Uncaught|console' "$tmp/dom.err"; then
    echo "the page wrote to the console"
    ok=1
fi
if grep -E 'ERROR:.*(report\.html|ERR_FILE|ERR_)' "$tmp/dom.err"; then
    echo "chromium could not load the page"
    ok=1
fi

if [ -n "$shot" ]; then
    run_chromium "$tmp/shot.out" "$tmp/shot.err" --hide-scrollbars --window-size=1100,1500 \
        --screenshot="$tmp/shot.png" "file://$tmp/report.html" || { echo "chromium --screenshot failed"; ok=1; }
    if [ -s "$tmp/shot.png" ]; then
        cp "$tmp/shot.png" "$shot" && echo "wrote $shot"
    else
        echo "no screenshot written"
        ok=1
    fi
fi

[ $ok -eq 0 ] && echo "report renders in $("$browser" --version 2>/dev/null | head -n 1): 3 charts, no console messages"
exit $ok
