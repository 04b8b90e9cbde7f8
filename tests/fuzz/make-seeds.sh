#!/usr/bin/env bash
# tests/fuzz/make-seeds.sh - writes the seed corpora tests/fuzz/corpus/NAME/ from samples/ and
# from the small hand-made cases below. The seeds are committed; run this again (from the
# repository root) only to change them. Needs glibc's iconv command. Targets that read text
# (tokens, breaks, unicode, detect, sentences, entities) share the text seeds; convert's seeds
# start with its two control bytes (encoding index, direction and mode: see fuzz_convert.c).
# Seeds of several KB, which would slow the short runs of the text targets tenfold, go to
# tests/fuzz/corpus-long/NAME/ instead: tests/fuzz/run.sh long starts from them too, and the replay
# runs them (api_lua's long programs stay in its corpus: that target is about whole articles).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus
long=tests/fuzz/corpus-long
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. text seeds: each paragraph of each sample (at most 1500 bytes), then hand-made cases
n=0
for f in samples/*; do
    awk -v RS= -v dir="$tmp" -v base="$(basename "$f")" '{ n++; f = dir "/p-" base "-" n; printf "%s\n", substr($0, 1, 1500) > f; close(f) }' "$f"
done
cases=(
    'U.S. Mr. J. K. Rowling met Dr. Smith on Jan. 5 in the U.K. The next day, e.g. Tuesday, he left.'
    'See https://example.com/a_(b)?q=1. Mail desk@example.org, @handle, #Élections2024, #1.'
    "Don't! It's O'Brien's rock'n'roll; they're 24-year-old state-owned COVID-19 U.S.-led."
    '1,000.50 -3.5% +2 25th 22nd 10:30 −4 $1.2bn £350,000 1990s 2010-2015 v2.0.1 3.5.'
    '新型工业化。中国“十四五”规划！他说：“好。”'
    '👩‍👩‍👧 🇬🇧🇨🇳 👍🏽 1️⃣ ❤️ 🏳️‍🌈 a‍😀'
    $'a\xFFb\xE2\x80c\xED\xA0\x80\xF4\x90\x80\x80\xC0\xAF\xF0\x9F\x98'
    $'Headline without a stop\nDATELINE — (Town)\n\nA paragraph ... wrapped\nat the line. And?! "Quoted." (Bracketed.)\n\n1. item one\n2. item two\n'
    $'\u0600\u0661 \u0915\u094D\u0937 \u1100\u1161\u11A8 \uAC00\u11A8 e\u0301 \u200B\u2029x\r\n\x0C'
    "$(printf 'a%.0s' {1..300})"
    "$(printf "a'%.0s" {1..100})"
    "$(printf '.%.0s' {1..200})"
    "$(printf 'e.g. %.0s' {1..50})"
    "$(printf 'a-%.0s' {1..100})"
    "$(printf '@%.0s' {1..100})"
    "$(printf '#a%.0s' {1..100})"
    'Mr. Xi Jinping, President of China, met Joe Biden and Apple Inc. in Paris on 5 June 2024, 3 p.m.; 40% rose $2bn.'
    $'<?xml version="1.0" encoding="windows-1252"?><a>caf\xe9</a>'
    $'<html><head><meta charset="gb2312"></head><body>\xd6\xd0\xce\xc4</body></html>'
    $'\xEF\xBB\xBFbom text'
    $'\xFF\xFEa\x00b\x00'
    ''
)
k=0
for c in "${cases[@]}"; do
    k=$((k + 1))
    printf '%s' "$c" >"$tmp/case-$k"
done
for t in tokens breaks unicode detect sentences entities; do
    rm -rf "${out:?}/$t" "${long:?}/$t"
    mkdir -p "$out/$t" "$long/$t"
    cp "$tmp"/p-* "$tmp"/case-* "$out/$t/"
done
# long seeds (corpus-long/, for tests/fuzz/run.sh long and the replay; under each target's -max_len):
# the tokenizer's once quadratic "1-1-1-..." (8 KB), a URL of 4 KB, a grapheme of 1000 marks, 501
# regional indicators, SB8's look-ahead over 4 KB of closers, digits and spaces, and three whole
# articles (8 KB): paragraphs, clusters, keywords
long_cases=(
    "$(printf '1-%.0s' {1..4000})"
    "https://example.com/$(printf 'a/b_%.0s' {1..1000})?q=1."
    "e$(printf '\xcc\x81%.0s' {1..1000}) x"
    "$(printf '\xf0\x9f\x87\xac%.0s' {1..501})"
    "He said etc.$(printf ') 1 %.0s' {1..1000})and so on. Next."
)
k=0
for c in "${long_cases[@]}"; do
    k=$((k + 1))
    printf '%s' "$c" >"$tmp/long-$k"
done
cat samples/harbour-bridge.txt samples/coffee-prices.txt samples/library-reopens.md >"$tmp/long-articles"
for t in tokens breaks unicode detect sentences entities; do
    cp "$tmp"/long-* "$long/$t/"
done

# 2. detect also gets the paragraphs in legacy encodings
for e in WINDOWS-1252 GB18030 BIG5 SHIFT_JIS EUC-JP EUC-KR KOI8-R WINDOWS-1251 ISO-8859-7 UTF-16LE UTF-16BE UTF-32LE ISO-2022-JP; do
    for f in "$tmp"/p-harbour-bridge.txt-3 "$tmp"/case-5; do
        iconv -f UTF-8 -t "$e//TRANSLIT" "$f" >"$out/detect/$e-$(basename "$f")" 2>/dev/null || true
    done
done

# and a long one past the 64 KB that detection samples, with more than its 4096 high bytes
for _ in $(seq 23); do cat samples/harbour-bridge.txt "$tmp"/case-5 "$tmp"/case-5 "$tmp"/case-5 "$tmp"/case-5 \
    "$tmp"/case-5; echo; done | iconv -f UTF-8 -t GB18030 >"$long/detect/GB18030"

# 3. convert: control bytes + text. The index is the position in fuzz_convert.c's table.
rm -rf "${out:?}/convert" "${long:?}/convert"
mkdir -p "$out/convert" "$long/convert"
encs=(UTF-8 UTF-16LE UTF-16BE UTF-16 UTF-32LE UTF-32BE WINDOWS-1252 GB18030 BIG5 SHIFT_JIS CP932 EUC-JP EUC-KR CP949
      KOI8-R WINDOWS-1251 ISO-8859-7 WINDOWS-1250 WINDOWS-1255 ISO-2022-JP ISO-2022-KR UTF-7 ISO-8859-1 BIG5-HKSCS)
i=0
for e in "${encs[@]}"; do
    for src in "$tmp"/case-5 "$tmp"/case-3 "$tmp"/case-7; do
        for mode in 0 1 2; do
            # to UTF-8 (direction bit 0): the text in encoding e
            { printf "\\x$(printf %02x $i)\\x$(printf %02x $((mode * 2)))"
              iconv -f UTF-8 -t "$e//TRANSLIT" "$src" 2>/dev/null || cat "$src"; } >"$out/convert/to-$e-$mode-$(basename "$src")"
            # from UTF-8 (direction bit 1): the UTF-8 text
            { printf "\\x$(printf %02x $i)\\x$(printf %02x $((mode * 2 + 1)))"; cat "$src"; } \
                >"$out/convert/from-$e-$mode-$(basename "$src")"
        done
    done
    i=$((i + 1))
done
# long ones: 21 KB of UTF-8 to UTF-32LE (index 4), which fills the 64 KB output chunk of a
# conversion in one go; 3 KB of Chinese to WINDOWS-1252 (6) with replacement, past the look-ahead
{ printf '\x04\x01'; cat samples/* samples/*; } >"$long/convert/from-UTF-32LE-0"
{ printf '\x06\x03'; for _ in $(seq 50); do cat "$tmp"/case-5; done; } >"$long/convert/from-WINDOWS-1252-1"
# 4. merge: translated files, as sift segments writes them and as CAT tools give them back. The
# first article is the one fuzz_merge_lua.c applies translations to (its id is "article").
rm -rf "${out:?}/merge_lua"
mkdir -p "$out/merge_lua"
printf 'First sentence. Second one!\n\nA new paragraph.\n' >"$tmp/article"
cp samples/coffee-prices.txt "$tmp/coffee"
for a in article coffee; do
    for f in xliff2 xliff12 po; do
        (cd "$tmp" && lua5.4 "$OLDPWD/bin/sift" segments -q -f "$f" --target-lang fr "$a") >"$tmp/$a.$f"
    done
    # targets = sources, with "FR " before them in XLIFF so that they differ
    sed 's#<source>\([^<]*\)</source></segment>#<source>\1</source><target>FR \1</target></segment>#' \
        "$tmp/$a.xliff2" >"$out/merge_lua/$a-xliff2.xlf"
    sed 's#<source>\([^<]*\)</source>#<source>\1</source><target state="translated">FR \1</target>#' \
        "$tmp/$a.xliff12" >"$out/merge_lua/$a-xliff12.xlf"
    # (the PO header's date fixed, so that the seeds do not change from one run to the next)
    sed 's/^"PO-Revision-Date: .*/"PO-Revision-Date: 2025-01-01 00:00+0000\\n"/' "$tmp/$a.po" >"$tmp/$a.po.fixed"
    mv "$tmp/$a.po.fixed" "$tmp/$a.po"
    awk '/^msgid / { id = substr($0, 7) } /^msgstr ""$/ && id != "\"\"" { print "msgstr " id; next } { print }' \
        "$tmp/$a.po" >"$out/merge_lua/$a.po"
done
cp "$tmp/article.xliff2" "$out/merge_lua/article-untranslated.xlf"
m=$out/merge_lua
x2='<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr"><file id="f1" original="article">'
printf '%s<unit id="u1"><originalData><data id="d1">&lt;b&gt;</data></originalData><segment id="s1"><source>First <ph id="1" dataRef="d1"/>sentence.</source><target><![CDATA[Premi\xc3\xa8re <phrase>]]> &amp; &#x41;&#65;<pc id="2">x</pc><cp hex="1F600"/><sm id="3"/><mrk id="4" translate="no">U.S.</mrk></target></segment></unit></file></xliff>\n' "$x2" >"$m/inline.xlf"
printf '<?xml version="1.0" encoding="ISO-8859-1"?>\n<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0"><x:file id="f"><x:unit id="u"><x:segment id="s"><x:source>a</x:source><x:target>caf\xe9</x:target></x:segment></x:unit></x:file></x:xliff>\n' >"$m/prefixed-latin1.xlf"
printf '<!DOCTYPE xliff [<!ENTITY e "x">]>\n<xliff version="1.2"><file original="article" source-language="en" datatype="plaintext"><body><group id="g"><trans-unit id="t"><source>a</source><seg-source><mrk mtype="seg" mid="s1">a</mrk></seg-source><target><mrk mtype="seg" mid="s1">&e;<g id="1">b</g><x id="2"/><bpt id="3">&lt;i&gt;</bpt>c<ept id="3">&lt;/i&gt;</ept></mrk></target></trans-unit></group></body></file></xliff>\n' >"$m/xliff12-codes.xlf"
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=GB18030\\n"\n\n#, fuzzy\n#. article: article, paragraph 1\nmsgctxt "s1"\nmsgid "a"\nmsgstr ""\n"\xd6\xd0"\n"\\t\\"\\\\\\n"\n\nmsgctxt "s2"\nmsgid "b"\nmsgid_plural "bs"\nmsgstr[0] "c"\nmsgstr[1] "d"\n#~ msgid "old"\n' >"$m/gb18030-fuzzy.po"
{ printf '\xff\xfe'; printf '%s<unit id="u"><segment id="s"><source>a</source><target>b</target></segment></unit></file></xliff>' "$x2" | iconv -f UTF-8 -t UTF-16LE; } >"$m/utf16.xlf"
{ printf '%s<unit id="u"><segment id="s"><source>a</source><target>' "$x2"; for _ in $(seq 200); do printf '<pc id="p">'; done; printf 'deep'; for _ in $(seq 200); do printf '</pc>'; done; printf '</target></segment></unit></file></xliff>'; } >"$m/nested.xlf"

# 5. api_lua: byte 0 the function, bytes 1-2 the allocation that fails, then the text; and the
# sweep (every function, every allocation) and the first calls (each function's first call failing
# in a fresh state) that the replay in make test runs
rm -rf "${out:?}/api_lua"
mkdir -p "$out/api_lua"
for i in $(seq 0 27); do
    printf "\\x$(printf %02x "$i")\\x00\\x07Mr. Okafor\xe2\x80\x99s firm cut 1,200 jobs (-3.5%%) in Paris on 5 June. \xff Xinhua News said.\n\nNew para.\n" \
        >"$out/api_lua/f$i"
done
printf 'SWEEPMr. Okafor\xe2\x80\x99s firm cut 1,200 jobs in Paris on 5 June. \xff Xinhua said.\n\nNew para.\n' \
    >"$out/api_lua/sweep"
# long programs: each function on whole articles (1, 2 or 3 samples, 2.6-8 KB; tests/fuzz/run.sh gives
# the target a -max_len of 8192), the conversions on the samples encoded for them, merge.read on an
# XLIFF of coffee-prices.txt
one=samples/harbour-bridge.txt two="samples/coffee-prices.txt samples/library-reopens.md"
# shellcheck disable=SC2086
long_text() {
    case $1 in
        8) iconv -f UTF-8 -t GB18030 $one "$tmp"/case-5 ;;
        10) cat $one; for _ in $(seq 20); do cat "$tmp"/case-5; done ;;
        11) iconv -f UTF-8 -t UTF-16LE samples/library-reopens.md ;;
        13) iconv -f UTF-8 -t WINDOWS-1252//TRANSLIT $one $two ;;
        27) cat "$out/merge_lua/coffee-xliff2.xlf" ;;
        *) case $(($1 % 3)) in 0) cat $one $two ;; 1) cat $two ;; *) cat samples/library-reopens.md ;; esac ;;
    esac
}
for i in $(seq 0 27); do
    { printf "\\x$(printf %02x "$i")\\x01\\x2a"; long_text "$i"; } >"$out/api_lua/long$i"
done
printf 'FIRSTMr. Okafor\xe2\x80\x99s firm cut 1,200 jobs in Paris on 5 June. \xff Xinhua said.\n\nNew para.\n' \
    >"$out/api_lua/first"

echo "seeds written: $(find "$out" "$long" -type f | wc -l) files, $(du -sh "$out" | cut -f1) + $(du -sh "$long" | cut -f1) long"
