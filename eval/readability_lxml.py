#!/usr/bin/python3
"""eval/readability_lxml.py - readability-lxml (Debian's python3-readability) over saved pages,
for eval/extract.lua (`make eval-extract`).

Usage: /usr/bin/python3 eval/readability_lxml.py < LIST > OUT.jsonl

Each line of standard input is a page: `PATH` or `ID<TAB>PATH` (the id defaults to the path), or
`ID<TAB>PATH<TAB>notitle` for a page whose title is not wanted (it takes a parse of its own); a
path ending in .gz is decompressed (gzip). Each page gives one JSON Lines record on standard
output, in input order:

  {"id": ID, "text": TEXT, "title": TITLE, "seconds": S, "bytes": N}

or, when readability fails on the page, {"id": ID, "text": "", "title": null, "error": MESSAGE,
"seconds": S, "bytes": N}. `seconds` is the CPU time (time.process_time) of the article's text
from the page bytes: Document(page).summary() and its HTML made text; not reading or decompressing
the file, nor the title, which readability's API finds by parsing the page once more (as the
speeds published for readability-lxml count it). `bytes` is the size of the page as saved
(decompressed), so that the caller can print MB/s.

The page is given to readability as bytes, as a crawler has it: readability finds the encoding
itself (readability.encoding.get_encoding). TEXT is the text of the summary's HTML with block
elements (p, div, h1-h6, li, tr, blockquote, pre, ...) separated by blank lines and <br> as a line
break, so that paragraphs do not run together; white space inside a paragraph is collapsed. TITLE
is readability's short title (Document.short_title(): the <title> without the site's name, as
htmls.shorten_title finds it), or null.
"""

import gzip
import json
import re
import sys
import time

try:
    import lxml.html
    from readability import Document
except ImportError as err:  # pragma: no cover
    sys.stderr.write("readability_lxml.py: %s (apt-get install python3-readability)\n" % err)
    sys.exit(2)

BLOCK = set(
    """p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table thead tbody tfoot section article header
    footer aside nav main blockquote pre figure figcaption hr address form fieldset details summary
    caption body html""".split()
)
SPACE = re.compile(r"[^\S\n]+")
BREAKS = re.compile(r"\s*\n\s*\n\s*")


def text_of(fragment):
    """The visible text of an HTML fragment, paragraphs separated by blank lines."""
    if not fragment or not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    out = []

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in ("script", "style", "noscript", "template"):
            if el.tail:
                out.append(el.tail)
            return
        block = tag in BLOCK
        if block:
            out.append("\n\n")
        elif tag == "br":
            out.append("\n")
        if el.text and tag:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n\n")
        if el.tail:
            out.append(el.tail)

    walk(root)
    text = "".join(out)
    paras = []
    for para in BREAKS.split(text):
        lines = [SPACE.sub(" ", line).strip() for line in para.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paras.append("\n".join(lines))
    return "\n\n".join(paras)


def main():
    out = sys.stdout.buffer  # UTF-8 whatever the locale; a lone surrogate becomes "?"
    for line in sys.stdin:
        line = line.rstrip("\n")
        if not line:
            continue
        fields = line.split("\t")
        pid, path = (fields[0], fields[1]) if len(fields) > 1 else (line, line)
        want_title = len(fields) < 3 or fields[2] != "notitle"
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            page = f.read()
        rec = {"id": pid, "bytes": len(page)}
        title = None
        try:
            # the title first: summary() mutates the tree (and parses the page again anyway)
            if want_title:
                title = Document(page).short_title() or None
        except Exception:  # noqa: BLE001 - a title readability cannot find is no title
            title = None
        t0 = time.process_time()
        try:
            text = text_of(Document(page).summary())
            rec["seconds"] = time.process_time() - t0
            rec["text"] = text
        except Exception as err:  # noqa: BLE001 - a page readability fails on scores as empty
            rec["seconds"] = time.process_time() - t0
            rec["text"] = ""
            rec["error"] = "%s: %s" % (type(err).__name__, err)
        rec["title"] = title
        out.write(json.dumps(rec, ensure_ascii=False).encode("utf-8", "replace"))
        out.write(b"\n")
    out.flush()


if __name__ == "__main__":
    main()
