#!/usr/bin/env bash
# tests/pandoc.sh - sift's filters as pandoc Lua filters, with Debian's pandoc (which embeds
# Lua 5.3, so the C module is built for 5.3 first). A .docx is made by pandoc itself from a
# Markdown sample; then `pandoc article.docx -L filters/summary.lua -o out.md` must put the summary
# first in the document and in its metadata, filters/keywords.lua the keywords and
# filters/entities.lua the entities in the metadata, and filters/segments.lua a segments file whose
# sentences keep the document's emphasis and links as inline codes.
# tests/run.sh runs it as one check.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)
MAKE=${MAKE:-make}

command -v pandoc >/dev/null || { echo "pandoc is not installed (tools/deps.sh installs it)"; exit 1; }
# the Lua pandoc embeds, as the filters will see it
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'return {{Pandoc = function(d) io.stderr:write(_VERSION:match("%%d+%%.%%d+"), "\\n") return d end}}\n' \
    >"$tmp/v.lua"
lua_version=$(echo x | pandoc -L "$tmp/v.lua" -t plain 2>&1 >/dev/null | tail -n 1)
case $lua_version in
    5.3 | 5.4) ;;
    *) echo "cannot tell the Lua version of pandoc ($lua_version)"; exit 1 ;;
esac
"$MAKE" --no-print-directory LUA_VERSION="$lua_version" all >/dev/null || { echo "make LUA_VERSION=$lua_version failed"; exit 1; }
echo "pandoc $(pandoc --version | head -n 1 | cut -d' ' -f2) with Lua $lua_version"

ok=0
# An article as Markdown: the title in the metadata, paragraphs, a list. Everything runs from
# another directory, so the filters must find the checkout by their own path.
cat >"$tmp/article.md" <<'MD'
---
title: Port Calloway approves £48m harbour bridge after two-year row
---

Councillors in Port Calloway voted 31 to 9 on Tuesday night to build a pedestrian and cycle bridge
across the old harbour, ending a two-year dispute that split the town's business community.

The £48m scheme, drawn up by the Calloway Harbour Trust with the engineering firm Brannock & Vale,
will link the ferry terminal on the north quay with the rebuilt fish market on the south side.
Construction is due to start in early 2026 and take about 30 months.

Council leader Edwina Sarrow said the vote was a decision for the next fifty years. Opponents had
warned that a low-level span would block tall-masted boats and cost the marina money.

- a lifting section for tall boats
- a cycle lane on both sides
MD
(cd "$tmp" && pandoc article.md -o article.docx) || { echo "pandoc could not make the .docx"; exit 1; }

(cd "$tmp" && pandoc article.docx -L "$ROOT/filters/summary.lua" -o out.md) \
    || { echo "pandoc -L filters/summary.lua failed"; exit 1; }
grep -q '^::: summary' "$tmp/out.md" || { echo "no summary div in out.md"; ok=1; }
head -n 5 "$tmp/out.md" | grep -q '^\*\*Summary\*\*' || { echo "the summary does not come first"; ok=1; }
grep -q 'Councillors in Port Calloway voted 31 to 9' "$tmp/out.md" || { echo "the article is gone"; ok=1; }
# the summary's sentences are the article's: the first bullet is a sentence of the text
first=$(sed -n 's/^-   //p' "$tmp/out.md" | head -n 1 | cut -c1-40)
[ -n "$first" ] && grep -c -F "$first" "$tmp/out.md" | grep -q '^2$' \
    || { echo "the summary's first sentence ($first) is not once in the summary and once in the text"; ok=1; }

# metadata: summary, keywords, entities; -s writes the YAML block
(cd "$tmp" && pandoc article.docx -L "$ROOT/filters/summary.lua" -L "$ROOT/filters/keywords.lua" \
    -M summary-sentences=2 -M keywords-top=5 -s -t markdown -o meta.md) || { echo "pandoc with two filters failed"; ok=1; }
awk '/^---$/ { n++; next } n == 1' "$tmp/meta.md" >"$tmp/yaml"
grep -q '^summary:' "$tmp/yaml" || { echo "no summary in the metadata"; ok=1; }
grep -q '^keywords:' "$tmp/yaml" || { echo "no keywords in the metadata"; ok=1; }
n=$(awk '/^keywords:/ { on = 1; next } /^[^ -]/ { on = 0 } on && /^- / { n++ } END { print n + 0 }' "$tmp/yaml")
[ "$n" -eq 5 ] || { echo "expected 5 keywords in the metadata, found $n"; ok=1; }
grep -q -- '- bridge\|- harbour\|- Port Calloway' "$tmp/yaml" || { echo "the keywords miss the article's subject"; ok=1; }
n=$(grep -c '^-   ' "$tmp/meta.md")
[ "$n" -eq 4 ] || { echo "expected 2 summary sentences and the 2 list items as bullets, found $n"; ok=1; }

# the entities filter puts the entities in the metadata
(cd "$tmp" && pandoc article.docx -L "$ROOT/filters/entities.lua" -s -t markdown -o ents.md) \
    || { echo "pandoc -L filters/entities.lua failed"; ok=1; }
grep -q '^entities:' "$tmp/ents.md" || { echo "no entities in the metadata"; ok=1; }
grep -q 'canonical: Edwina Sarrow' "$tmp/ents.md" || { echo "the entities miss Edwina Sarrow"; ok=1; }

# the segments filter: a .docx with emphasis and a link gives a segments file whose sentences keep
# them as inline codes (it goes through the web-page segmentation), valid XLIFF 2.0; PO too
printf 'Councillors voted *by a wide margin* for the [bridge](https://example.org/b). It opens in **2028**.\n' \
    >"$tmp/em.md"
(cd "$tmp" && pandoc em.md -o em.docx && pandoc em.docx -L "$ROOT/filters/segments.lua" -M segments-output=em.xlf \
    -M target-lang=fr -o em.out.md) || { echo "pandoc -L filters/segments.lua failed"; ok=1; }
grep -q '<pc id="c1" dataRefStart="dc1" dataRefEnd="dc2" dispStart="&lt;em&gt;" dispEnd="&lt;/em&gt;">by a wide margin</pc>' \
    "$tmp/em.xlf" || { echo "the emphasis is not an inline code in em.xlf"; ok=1; }
grep -q 'href=&quot;https://example.org/b&quot;&gt;' "$tmp/em.xlf" || { echo "the link is not in em.xlf"; ok=1; }
xmllint --noout --schema "$ROOT/../shared/schemas/xliff-2.0/xliff_core_2.0.xsd" "$tmp/em.xlf" 2>/dev/null \
    || { echo "em.xlf is not valid XLIFF 2.0"; ok=1; }
grep -q 'Councillors voted' "$tmp/em.out.md" || { echo "the document did not pass through"; ok=1; }
(cd "$tmp" && pandoc em.docx -L "$ROOT/filters/segments.lua" -M segments-output=em.po -M segments-format=po -t plain \
    -o /dev/null) || { echo "pandoc -L filters/segments.lua (po) failed"; ok=1; }
grep -q 'msgid "Councillors voted {1}by a wide margin{/1} for the {3}bridge{/3}."' "$tmp/em.po" \
    || { echo "the PO file lacks the placeholders"; ok=1; }
(cd "$tmp" && pandoc em.docx -L "$ROOT/filters/segments.lua" -t plain -o /dev/null 2>"$tmp/err") \
    && { echo "filters/segments.lua ran without segments-output"; ok=1; }
grep -q 'segments-output=FILE' "$tmp/err" || { echo "no message for a missing segments-output"; ok=1; }

# a filter that has no pandoc mode says so
(cd "$tmp" && pandoc article.md -L "$ROOT/filters/tokens.lua" -o x.md 2>"$tmp/err") \
    && { echo "filters/tokens.lua ran under pandoc"; ok=1; }
grep -q 'cannot run as a pandoc filter' "$tmp/err" || { echo "no message for a filter without pandoc mode"; ok=1; }

# metadata numbers are checked as the command line's options are: a bad one is an error naming
# the field (pandoc adds its traceback to any filter error), not the library's bad argument nor a
# silent default
for bad in "summary.lua summary-ratio=0" "summary.lua summary-ratio=nan" "summary.lua summary-sentences=2.5" \
    "keywords.lua keywords-top=1e308"; do
    set -- $bad
    (cd "$tmp" && pandoc article.md -L "$ROOT/filters/$1" -M "$2" -o x.md 2>"$tmp/err") \
        && { echo "pandoc -L filters/$1 -M $2 succeeded"; ok=1; }
    grep -q "metadata field '${2%%=*}' takes" "$tmp/err" || { echo "no message for -M $2:"; cat "$tmp/err"; ok=1; }
    grep -q "bad argument" "$tmp/err" && { echo "the library's message for -M $2"; ok=1; }
done

[ $ok -eq 0 ] && echo "pandoc filters: summary block and metadata, keywords and entities metadata, segments with inline codes, bad metadata numbers"
exit $ok
