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

build = {
    type = "builtin",
    modules = {
        ["sift.core"] = {
            sources = {
                "src/abbrev_data.c",
                "src/abbrevs.c",
                "src/analysis.c",
                "src/binding.c",
                "src/breaks.c",
                "src/detect.c",
                "src/encoding.c",
                "src/features.c",
                "src/gazetteer.c",
                "src/gazetteer_data.c",
                "src/graphemebreak.c",
                "src/keytable.c",
                "src/linker.c",
                "src/ner_model.c",
                "src/numex.c",
                "src/perceptron.c",
                "src/sentencebreak.c",
                "src/sentences.c",
                "src/starters_data.c",
                "src/stem.c",
                "src/tagger.c",
                "src/terms.c",
                "src/textrank.c",
                "src/tokens.c",
                "src/unicode.c",
                "src/unicode_data.c",
                "src/utf8.c",
                "src/wordbreak.c",
                "src/wordset.c",
            },
            incdirs = { "src" },
            libraries = { "m" }, -- textrank.c: log, sqrt
        },
        ["sift"] = "lua/sift/init.lua",
        ["sift.check"] = "lua/sift/check.lua",
        ["sift.cli"] = "lua/sift/cli.lua",
        ["sift.json"] = "lua/sift/json.lua",
        ["sift.html"] = "lua/sift/html.lua",
        ["sift.html_entities"] = "lua/sift/html_entities.lua",
        ["sift.segments"] = "lua/sift/segments.lua",
        ["sift.xml"] = "lua/sift/xml.lua",
        ["sift.po"] = "lua/sift/po.lua",
        ["sift.merge"] = "lua/sift/merge.lua",
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
