-- filters/tokens.lua - `sift tokens`: the tokens of articles, one a line.
-- Also a script (`lua5.4 filters/tokens.lua FILE...`) and the module sift.filters.tokens.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local sift = require "sift"
local cli = require "sift.cli"

local M = {
  name = "tokens",
  summary = "split text into tokens: words, numbers, URLs, e-mails, emoji, ... (TSV, JSON, text)",
  description = [[
Prints the tokens of each input. With --format tsv (the default) a line is
FILE<TAB>I<TAB>J<TAB>KIND<TAB>TEXT, where I..J are the 1-based inclusive byte offsets of TEXT in
the input's UTF-8 text (for HTML and Markdown inputs, in the text left once the markup is gone),
and a tab, newline, carriage return or backslash in TEXT is written \t \n \r \\. --format json
writes the same fields as JSON Lines; --format text the token texts joined by single spaces, a
line per input.

Kinds: word number abbrev clitic punct symbol url email mention hashtag emoji ideograph space
invalid other.]],
  options = {
    { name = "format", short = "f", arg = "FORMAT", choices = { "tsv", "json", "text" }, default = "tsv",
      help = "output format" },
    { name = "spaces", help = "also print the white space between tokens (kind space), so that they tile the text" },
  },
}

-- A line per token: the loops write to the file under `out` and check each write themselves
-- (cli.sink), a call fewer per token than out:write.
local WRITERS = {
  tsv = function(out, doc, opts)
    local name, text = cli.tsv(doc.name), doc.text
    local file, failed = cli.sink(out)
    for i, j, kind in sift.each_token(text, { spaces = opts.spaces }) do
      local ok, err = file:write(name, "\t", i, "\t", j, "\t", kind, "\t", cli.tsv(text:sub(i, j)), "\n")
      if not ok then
        failed(err)
      end
    end
  end,
  json = function(out, doc, opts)
    local encode, text = cli.json.encode, doc.text
    local prefix = '{"file":' .. encode(doc.name) .. ',"i":'
    local file, failed = cli.sink(out)
    for i, j, kind in sift.each_token(text, { spaces = opts.spaces }) do
      local ok, err = file:write(prefix, i, ',"j":', j, ',"kind":"', kind, '","text":', encode(text:sub(i, j)), "}\n")
      if not ok then
        failed(err)
      end
    end
  end,
  text = function(out, doc, opts)
    local words, text = {}, doc.text
    for i, j, kind in sift.each_token(text, { spaces = opts.spaces }) do
      if kind ~= "space" then
        words[#words + 1] = text:sub(i, j)
      end
    end
    out:write(table.concat(words, " "), "\n")
  end,
}

function M.document(doc, opts, out)
  WRITERS[opts.format](out, doc, opts)
end

return cli.entry(M, ...)
