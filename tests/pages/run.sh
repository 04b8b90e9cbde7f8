#!/usr/bin/env bash
# tests/pages/run.sh [all|sample] - the web-page translation round trips of issue 15 on the saved
# pages of ../shared/data/web-pages (tests/pages/roundtrip.lua says what each round trip checks),
# then the files they wrote: every XLIFF 2.0 and 1.2 file against the OASIS schemas of
# ../shared/schemas (xmllint), every TMX file against the TMX 1.4b DTD, every PO file through
# gettext's msgfmt -c, every XLIFF 1.2 and PO file read by translate-toolkit (Debian's
# python3-translate-toolkit) with as many units as sift wrote.
#   all     the 130 readability pages and the 990 trafilatura-eval pages (make test-pages, .ci/run)
#   sample  the 130 readability pages and every 10th trafilatura-eval page (make test)
# Two processes share the pages (CI has 2 cores). Exit status 1 when anything failed.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
WHICH=${1:-sample}
LUA=${LUA:-lua5.4}
BUILD=${BUILD:-build/5.4}
DATA=../shared/data/web-pages
if [ ! -d "$DATA" ]; then
    echo "tests/pages/run.sh: $DATA is missing (the shared data must be beside the project)" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/pages" "$tmp/out"
for d in "$DATA"/readability/*/; do
    gzip -dc "$d/source.html.gz" > "$tmp/pages/r-$(basename "$d").html"
done
n=0
for f in "$DATA"/trafilatura-eval/pages/*.html.gz; do
    n=$((n + 1))
    if [ "$WHICH" = all ] || [ $((n % 10)) -eq 1 ]; then
        gzip -dc "$f" > "$tmp/pages/t-$(basename "$f" .gz)"
    fi
done
mapfile -t pages < <(ls "$tmp"/pages/*.html)
half=$(( (${#pages[@]} + 1) / 2 ))
failed=0
"$LUA" tests/pages/roundtrip.lua "$BUILD" "$tmp/out" "${pages[@]:0:$half}" > "$tmp/a.log" 2>&1 &
a=$!
"$LUA" tests/pages/roundtrip.lua "$BUILD" "$tmp/out" "${pages[@]:$half}" > "$tmp/b.log" 2>&1 &
b=$!
wait $a || failed=1
wait $b || failed=1
grep -h "^FAIL" "$tmp/a.log" "$tmp/b.log" | head -n 40
grep -hv "^FAIL" "$tmp/a.log" "$tmp/b.log"
trips=$(sed -n 's/.* \([0-9]*\) round trips, .*/\1/p' "$tmp/a.log" "$tmp/b.log" | awk '{s += $1} END {print s + 0}')
trips_failed=$(grep -hc "^FAIL" "$tmp/a.log" "$tmp/b.log" | awk '{s += $1} END {print s + 0}')

# the schemas: a file that does not validate is a failure
schema_failed=0
files=0
for f in "$tmp"/out/*.xliff2.xlf; do
    files=$((files + 1))
    xmllint --noout --schema ../shared/schemas/xliff-2.0/xliff_core_2.0.xsd "$f" > /dev/null 2> "$tmp/err" ||
        { schema_failed=$((schema_failed + 1)); head -n 3 "$tmp/err"; }
done
for f in "$tmp"/out/*.xliff12.xlf; do
    files=$((files + 1))
    xmllint --noout --schema ../shared/schemas/xliff-1.2/xliff-core-1.2-strict.xsd "$f" > /dev/null 2> "$tmp/err" ||
        { schema_failed=$((schema_failed + 1)); head -n 3 "$tmp/err"; }
done
for f in "$tmp"/out/*.tmx; do
    files=$((files + 1))
    xmllint --noout --dtdvalid ../shared/schemas/tmx-1.4/tmx14.dtd "$f" > /dev/null 2> "$tmp/err" ||
        { schema_failed=$((schema_failed + 1)); head -n 3 "$tmp/err"; }
done
for f in "$tmp"/out/*.po; do
    files=$((files + 1))
    msgfmt -c -o /dev/null "$f" 2> "$tmp/err" || { schema_failed=$((schema_failed + 1)); head -n 3 "$tmp/err"; }
done
echo "schemas: $files XLIFF, TMX and PO files (xmllint, msgfmt -c), $((files - schema_failed)) valid, $schema_failed not"
[ "$schema_failed" -eq 0 ] || failed=1

# translate-toolkit: each file read, with the units sift wrote (PO: its msgctxt entries)
/usr/bin/python3 - "$tmp/out" <<'EOF' || failed=1
import glob, sys
from translate.storage import factory
bad, n, units = [], 0, 0
for f in sorted(glob.glob(sys.argv[1] + "/*.xliff12.xlf") + glob.glob(sys.argv[1] + "/*.po")):
    text = open(f, encoding="utf-8").read()
    want = text.count("<trans-unit ") if f.endswith(".xlf") else text.count("\nmsgctxt ")
    try:
        got = [u for u in factory.getobject(f).units if not u.isheader()]
    except Exception as e:  # what a user of translate-toolkit would see
        bad.append("%s: %s" % (f, e))
        continue
    n += 1
    units += len(got)
    if len(got) != want:
        bad.append("%s: translate-toolkit reads %d units, sift wrote %d" % (f, len(got), want))
print("translate-toolkit: %d files read, %d units, %d problems" % (n, units, len(bad)))
open(sys.argv[1] + "/../tt", "w").write("%d %d\n" % (n, len(bad)))
for b in bad[:20]:
    print("  " + b)
sys.exit(1 if bad else 0)
EOF
read -r tt_ok tt_bad < "$tmp/tt" || { tt_ok=0; tt_bad=1; }
# one line for .ci/run: each round trip, each XLIFF file validated and each file read counts once
echo "$((trips - trips_failed + files - schema_failed + tt_ok)) passed, $((trips_failed + schema_failed + tt_bad)) failed"
exit $failed
