#!/usr/bin/env bash
# tools/compare_html2po.sh [N]: how sift's translation units compare with translate-toolkit's
# html2po on the same web pages: the 130 readability test pages and, with N, the first N
# trafilatura-eval pages. Prints one table; needs lua5.4, a built sift (`make`), html2po and a
# python3 with the `translate` library (Debian's translate-toolkit package gives both).
#
# html2po runs with its defaults (--duplicates=msgctxt, no --keepcomments: comments become notes,
# not units, so they would not change the counts); --progress=none and --errorlevel=message only
# keep its output quiet. Each tool runs once over the whole folder, so neither pays its start-up
# per page. KEEP=1 keeps the work folder (the PO files) for a look at the entries.
set -euo pipefail

n_traf=${1:-0}
[[ $n_traf =~ ^[0-9]+$ ]] || { echo "usage: $0 [N]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
data=${SIFT_WEB_PAGES:-$root/../shared/data/web-pages}
py=${PYTHON:-/usr/bin/python3} # the system python is the one that has `translate`
work=$(mktemp -d)
if [[ ${KEEP:-} == 1 ]]; then echo "work folder: $work" >&2; else trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$work/in" "$work/h2p"

# Flat names (r<case>.html, t<number>.html) so that both tools name a page the same way.
for d in "$data"/readability/*/; do
  gzip -dc "$d/source.html.gz" >"$work/in/r$(basename "$d").html"
done
if ((n_traf > 0)); then
  for f in $(printf '%s\n' "$data"/trafilatura-eval/pages/*.html.gz | head -n "$n_traf"); do
    gzip -dc "$f" >"$work/in/t$(basename "$f" .html.gz).html"
  done
fi

now() { date +%s.%N; }
cd "$root"
t0=$(now)
# html2po exits 0 even when a page fails: it warns and leaves an empty .po, counted below.
html2po --progress=none --errorlevel=message "$work/in" "$work/h2p" 2>"$work/h2p.log"
t1=$(now)
# sift exits 1 when it cannot read a page but writes the others: that page shows as "no entries".
lua5.4 bin/sift segments -q --scope page -f po "$work/in" >"$work/sift-page.po" 2>"$work/sift.log" ||
  echo "sift --scope page exited $? (see the table)" >&2
t2=$(now)
lua5.4 bin/sift segments -q --scope article -f po "$work/in" >"$work/sift-article.po" 2>>"$work/sift.log" ||
  echo "sift --scope article exited $? (see the table)" >&2
t3=$(now)

# sift's PO does not say which entries come from attributes (alt, title, <meta content>...);
# the units sift.page cuts do (kind "attribute"), so count the segments of those units. Not timed.
for scope in page article; do
  lua5.4 - "$scope" "$work"/in/*.html >"$work/attr-$scope.tsv" <<'LUA'
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/5.4/?.so;" .. package.cpath
local page = require "sift.page"
for k = 2, #arg do
  local f = assert(io.open(arg[k], "rb"))
  local html = f:read("a")
  f:close()
  local ok, a = pcall(page.segment, html, { scope = arg[1], entities = false })
  local attr = 0
  for _, u in ipairs(ok and a.units or {}) do
    if a.page.units[u.page_unit].kind == "attribute" then attr = attr + #u.segments end
  end
  print(arg[k]:match("[^/]+$"), attr)
end
LUA
done

"$py" - "$work" "$t0" "$t1" "$t2" "$t3" <<'PY'
import os, re, sys, statistics
from translate.storage import po
work, t = sys.argv[1], [float(x) for x in sys.argv[2:]]
pages = sorted(os.listdir(os.path.join(work, "in")))

# Heuristics, each applied to every column alike, so sift's column (which never offers scripts
# or tags) shows how often a heuristic fires on ordinary text.
MARKUP = re.compile(r"<[A-Za-z/]")  # a tag left in the msgid
# JS/CSS: "function(", "{ name:" (an object or a CSS rule), "; var" or "; const", an arrow
# function or a CDATA wrapper. Words English also uses (if, let, return) are left out.
CODE = re.compile(r"function\s*\(|\{\s*[\"']?[\w$-]+[\"']?\s*:|[;{}]\s*(?:var|const)\s|=>|CDATA\[")
# two sentences or more: a word ending in two lower-case letters (so not "U.S.", "J. Smith"
# or "1."), an end mark, optional closing quote/bracket, space, a capital letter
MULTI = re.compile(r"[a-z]{2}[.!?][\"'\u201d\u2019)\]]*\s+[\"'\u201c\u2018(]*[A-Z]")
PLACEHOLDER = re.compile(r"\{/?\d+/?\}")
# CODE and MULTI read the text without tags and placeholders, so that neither "{/1} if" nor
# ".</a> The" decides for one tool
STRIP = re.compile(r"<[^>]*>|\{/?\d+/?\}")
ATTR_LOC = re.compile(r"\[[\w:.-]+\]:\d+-\d+$")  # html2po's location of an attribute: tag[attr]:L-C

def units(path):
    return [u for u in po.pofile.parsefile(path).units if not u.isheader() and u.source]

def tool_h2p():
    per, failed = {}, set()
    for p in pages:
        out = os.path.join(work, "h2p", p[:-5] + ".po")
        if not os.path.exists(out) or os.path.getsize(out) == 0:
            failed.add(p)
            per[p] = []
        else:
            per[p] = units(out)
    attr = {p: sum(any(ATTR_LOC.search(l) for l in u.getlocations()) for u in us) for p, us in per.items()}
    return per, failed, attr

def tool_sift(scope):
    per = {p: [] for p in pages}
    for u in units(os.path.join(work, "sift-%s.po" % scope)):
        m = re.search(r"article: (.*), paragraph \d+", u.getnotes("developer"))
        per[os.path.basename(m.group(1))].append(u)
    attr = {}
    with open(os.path.join(work, "attr-%s.tsv" % scope)) as f:
        for line in f:
            name, n = line.split("\t")
            attr[name] = int(n)
    return per, {p for p in pages if not per[p]}, attr

cols = [("html2po",) + tool_h2p(), ("sift page",) + tool_sift("page"), ("sift article",) + tool_sift("article")]
common = [p for p in pages if p not in cols[0][2]]  # the pages html2po converted
secs = [t[1] - t[0], t[2] - t[1], t[3] - t[2]]

def count(per, rx, strip=False):
    return sum(1 for p in pages for u in per[p] if rx.search(STRIP.sub("", u.source) if strip else u.source))

rows = [
    ("pages processed", [len(pages)] * 3),
    ("pages failed (html2po) / no entries (sift)", [len(c[2]) for c in cols]),
    ("entries, all pages", [sum(len(v) for v in c[1].values()) for c in cols]),
    ("entries, pages html2po converted", [sum(len(c[1][p]) for p in common) for c in cols]),
    ("median entries/page (those pages)", [statistics.median([len(c[1][p]) for p in common] or [0]) for c in cols]),
    ("entries with raw tags  <x or </", [count(c[1], MARKUP) for c in cols]),
    ("entries with placeholders {1}", [count(c[1], PLACEHOLDER) for c in cols]),
    ("entries that look like JS/CSS", [count(c[1], CODE, True) for c in cols]),
    ("entries of 2+ sentences", [count(c[1], MULTI, True) for c in cols]),
    ("entries from attributes", [sum(c[3].values()) for c in cols]),
    ("wall time, s", ["%.1f" % s for s in secs]),
    ("pages/s", ["%.1f" % (len(pages) / s) for s in secs]),
]
w = max(len(r[0]) for r in rows)
print("%-*s %12s %12s %12s" % (w, "", *[c[0] for c in cols]))
for name, vals in rows:
    print("%-*s %12s %12s %12s" % (w, name, *vals))
h2p = cols[0][1]
inpre = sum(1 for p in pages for u in h2p[p] if CODE.search(STRIP.sub("", u.source))
            and any(re.search(r"\.(pre|code)[.:\[]", l) for l in u.getlocations()))
print("\nhtml2po JS/CSS-looking entries inside <pre>/<code> (code samples, not <script>): %d" % inpre)
# html2po's reasons, from its warnings, in a few kinds (the full list is in h2p.log with KEEP=1)
causes = {}
for line in open(os.path.join(work, "h2p.log")):
    m = re.search(r"template None: (.*)", line)
    if m:
        why = re.sub(r"expected .* at line \d+", "expected X got Y", m.group(1))
        why = re.sub(r"(unknown encoding|codec can't decode).*", r"\1 ...", why)
        causes[why] = causes.get(why, 0) + 1
print("html2po failures by cause: " + "; ".join("%d %s" % (n, w) for w, n in
      sorted(causes.items(), key=lambda x: -x[1])))
PY
