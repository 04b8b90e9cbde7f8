rockspec_format = "3.0"
package = "sift"
version = "scm-1"

source = {
    url = "git+https://example.invalid/sift.git",
}

description = {
    summary = "Tokenise, tag and split news articles: a C engine for Lua 5.3 and 5.4.",
    detailed = [[
sift turns news articles into material for reports: Unicode-aware tokens (words, numbers,
abbreviations, URLs, e-mail addresses, @handles, #hashtags, emoji), sentences, entities, keywords,
summaries and translation segments. The engine is plain C99; sift.core binds it to Lua, the sift
module wraps it, and the `sift` command runs its filters over files.
]],
    homepage = "https://example.invalid/sift",
    license = "MIT",
}

dependencies = {
    "lua >= 5.3, < 5.5",
}

-- myhtml, the HTML5 parser: Debian's and Ubuntu's libmodest-dev
external_dependencies = {
    MODEST = { header = "myhtml/myhtml.h", library = "modest" },
}

build = {
    type = "builtin",
    modules = {
        ["sift.core"] = {
            sources = {
                -- the engine, one folder a part (README.md, "Layout"), and its generated tables
                "src/common/status.c",
                "src/unicode/breaks.c",
                "src/unicode/graphemebreak.c",
                "src/unicode/sentencebreak.c",
                "src/unicode/unicode.c",
                "src/unicode/wordbreak.c",
                "src/unicode/generated/unicode_data.c",
                "src/encoding/detect.c",
                "src/encoding/encoding.c",
                "src/encoding/sniff.c",
                "src/encoding/utf8.c",
                "src/encoding/generated/labels.c",
                "src/text/abbrevs.c",
                "src/text/sentences.c",
                "src/text/tokens.c",
                "src/text/wordset.c",
                "src/text/generated/abbrev_data.c",
                "src/text/generated/starters_data.c",
                "src/entities/doc.c",
                "src/entities/features.c",
                "src/entities/gazetteer.c",
                "src/entities/linker.c",
                "src/entities/marks.c",
                "src/entities/numex.c",
                "src/entities/perceptron.c",
                "src/entities/tagger.c",
                "src/entities/generated/gazetteer_data.c",
                "src/entities/generated/ner_model.c",
                "src/keywords/analysis.c",
                "src/keywords/keytable.c",
                "src/keywords/stem.c",
                "src/keywords/terms.c",
                "src/keywords/textrank.c",
                "src/html/dom.c",
                "src/html/myhtml.c",
                "src/html/myhtml_dom.c",
                "src/extract/article.c",
                "src/extract/blocks.c",
                "src/extract/jsonld.c",
                "src/extract/meta.c",
                "src/extract/metavalue.c",
                "src/extract/names.c",
                "src/extract/title.c",
                "src/extract/units.c",
                -- the binding: one file a part of the API, core.c (luaopen_sift_core), util.c
                "src/lua/core.c",
                "src/lua/encoding.c",
                "src/lua/entities.c",
                "src/lua/extract.c",
                "src/lua/keywords.c",
                "src/lua/meta.c",
                "src/lua/sentences.c",
                "src/lua/tokens.c",
                "src/lua/unicode.c",
                "src/lua/units.c",
                "src/lua/util.c",
            },
            -- include/sift.h is the public C interface. The builtin backend takes no compiler flags
            -- (only defines, incdirs, libdirs, libraries), so unlike `make` the rock's core.so is
            -- not built with -fvisibility=hidden and exports the engine's sift_ functions too.
            incdirs = { "include", "src", "$(MODEST_INCDIR)" },
            libdirs = { "$(MODEST_LIBDIR)" },
            -- modest: myhtml, the HTML5 parser (html/myhtml*.c); m: keywords/textrank.c's log and
            -- sqrt, and myhtml's log10 (libmodest does not link libm itself)
            libraries = { "modest", "m" },
        },
        ["sift"] = "lua/sift/init.lua",
        ["sift.check"] = "lua/sift/check.lua",
        ["sift.cli"] = "lua/sift/cli.lua",
        ["sift.json"] = "lua/sift/json.lua",
        ["sift.html"] = "lua/sift/html.lua",
        ["sift.url"] = "lua/sift/url.lua",
        ["sift.html_entities"] = "lua/sift/html_entities.lua",
        ["sift.segments"] = "lua/sift/segments.lua",
        ["sift.xml"] = "lua/sift/xml.lua",
        ["sift.po"] = "lua/sift/po.lua",
        ["sift.merge"] = "lua/sift/merge.lua",
        ["sift.page"] = "lua/sift/page.lua",
        ["sift.srx"] = "lua/sift/srx.lua",
        ["sift.terms"] = "lua/sift/terms.lua",
        ["sift.article"] = "lua/sift/article.lua",
        ["sift.keywords"] = "lua/sift/keywords.lua",
        ["sift.summary"] = "lua/sift/summary.lua",
        ["sift.report"] = "lua/sift/report.lua",
        ["sift.pandoc"] = "lua/sift/pandoc.lua",
        ["sift.data.stopwords"] = "lua/sift/data/stopwords.lua",
        ["sift.data.spelling"] = "lua/sift/data/spelling.lua",
        ["sift.data.weakwords"] = "lua/sift/data/weakwords.lua",
        ["sift.filters.checkout"] = "filters/checkout.lua",
        ["sift.filters.tokens"] = "filters/tokens.lua",
        ["sift.filters.summary"] = "filters/summary.lua",
        ["sift.filters.keywords"] = "filters/keywords.lua",
        ["sift.filters.report"] = "filters/report.lua",
        ["sift.gazetteer"] = "lua/sift/gazetteer.lua",
        ["sift.filters.entities"] = "filters/entities.lua",
        ["sift.filters.segments"] = "filters/segments.lua",
        ["sift.filters.merge"] = "filters/merge.lua",
        ["sift.filters.extract"] = "filters/extract.lua",
    },
    install = {
        bin = {
            sift = "bin/sift",
        },
    },
}

test = {
    type = "command",
    command = "make test",
}
