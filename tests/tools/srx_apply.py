#!/usr/bin/python3
"""Cuts texts with the rules of an SRX 2.0 file, as a CAT tool would: a test helper of sift.

usage: srx_apply.py RULES.srx FILE...

For every FILE, prints one line per segment: FILE<TAB>I<TAB>J, the 1-based inclusive byte offsets
of the segment with its leading and trailing white space left out (segments of white space only
are dropped), which is how sift reports sentences.

The SRX semantics: at each position between two characters, the rules of the language rule are
tried in order, and the first whose <beforebreak> matches text ending there and whose
<afterbreak> matches text starting there decides (break="yes" or "no"); where none matches,
there is no break. The regexes are run with the `regex` module (Debian's python3-regex), which
reads the ICU and Java syntax SRX uses (\\p{Lu}, look-ahead) and allows the look-behind of any
length that the before-break test needs.
"""
import sys
import xml.etree.ElementTree as ET

import regex

NS = "{http://www.lisa.org/srx20}"


def load_rules(path):
    root = ET.parse(path).getroot()
    rules = []
    for lr in root.iter(NS + "languagerule"):
        for rule in lr.findall(NS + "rule"):
            before = rule.find(NS + "beforebreak")
            after = rule.find(NS + "afterbreak")
            pattern = ""
            if before is not None and before.text:
                pattern += "(?<=" + before.text + ")"
            if after is not None and after.text:
                pattern += "(?=" + after.text + ")"
            rules.append((rule.get("break") == "yes", regex.compile(pattern)))
    return rules


def breaks(text, rules):
    decided = {}
    for brk, rx in rules:
        for m in rx.finditer(text):
            decided.setdefault(m.start(), brk)
    return sorted(p for p, brk in decided.items() if brk and 0 < p < len(text))


def main():
    rules = load_rules(sys.argv[1])
    out = sys.stdout
    for name in sys.argv[2:]:
        with open(name, "rb") as f:
            data = f.read()
        text = data.decode("utf-8", errors="surrogateescape")
        # byte offset of each character position
        offsets = [0]
        for ch in text:
            offsets.append(offsets[-1] + len(ch.encode("utf-8", errors="surrogateescape")))
        cuts = [0] + breaks(text, rules) + [len(text)]
        for a, b in zip(cuts, cuts[1:]):
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.write("%s\t%d\t%d\n" % (name, offsets[a] + 1, offsets[b]))


if __name__ == "__main__":
    main()
