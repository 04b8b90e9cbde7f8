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
                "src/binding.c",
                "src/breaks.c",
                "src/detect.c",
                "src/encoding.c",
                "src/graphemebreak.c",
                "src/sentencebreak.c",
                "src/tokens.c",
                "src/unicode.c",
                "src/unicode_data.c",
                "src/utf8.c",
                "src/wordbreak.c",
                "src/wordset.c",
            },
            incdirs = { "src" },
        },
        ["sift"] = "lua/sift/init.lua",
        ["sift.cli"] = "lua/sift/cli.lua",
        ["sift.json"] = "lua/sift/json.lua",
        ["sift.html"] = "lua/sift/html.lua",
        ["sift.html_entities"] = "lua/sift/html_entities.lua",
        ["sift.filters.checkout"] = "filters/checkout.lua",
        ["sift.filters.tokens"] = "filters/tokens.lua",
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
