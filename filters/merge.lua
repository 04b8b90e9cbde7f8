-- filters/merge.lua - `sift merge`: puts a translation (XLIFF 2.0, XLIFF 1.2 or PO from `sift
-- segments`, targets filled in) back into the original article.
-- Also a script (`lua5.4 filters/merge.lua TRANSLATION ARTICLE`) and the module sift.filters.merge.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local cli = require "sift.cli"
local merge = require "sift.merge"

local M = {
  name = "merge",
  summary = "put a translated XLIFF or PO file back into the article: translated text, same layout",
  description = [[
The first FILE is the TRANSLATION: an XLIFF 2.0, XLIFF 1.2 or PO file written by `sift segments`
whose targets have been filled in (by a translator, a CAT tool or an MT engine); the other FILES
are the original articles (standard input when there is none). Each article is cut into sentences
again; each sentence whose id has a translation is replaced by it, and everything between the
sentences - paragraph breaks, indentation, line ends - is kept as it is. Sentences without a
translation keep their text (a warning says how many; --strict makes that an error). The article
must be read as it was for `sift segments` (same --encoding, --input and --abbreviation options).
Several articles are written one after the other.

A web page (HTML input) is written back whole: each translated unit's text replaces the page's,
its tags (the translation's codes) copied from the page, every other byte as it was; the <html>
element's lang becomes the target language. A translation whose codes were dropped, repeated or
crossed is refused, with the unit's id and the line of the translation. The page keeps its
encoding (characters it cannot hold become numeric character references) unless --utf8 is given.

A malformed TRANSLATION is reported with its line number, and nothing is written. With -o FILE the
result is written to a temporary file beside FILE and renamed only when everything went well, so
that no partial FILE is ever left.]],
  options = {
    { name = "output", short = "o", arg = "FILE", help = "write to FILE instead of standard output" },
    { name = "article-id", arg = "ID",
      help = "the article's id when it was exported (default: the one of TRANSLATION that fits)" },
    { name = "fuzzy", help = "use fuzzy PO entries too (they are left out by default, as msgfmt does)" },
    { name = "strict", help = "fail (exit 1) when a sentence has no translation" },
    { name = "scope", arg = "SCOPE", choices = { "article", "page" }, default = "article",
      help = "of a web page: the --scope given to `sift segments`" },
    { name = "target-lang", arg = "LANG",
      help = "of a web page: the lang its <html> gets (default: the translation's target language)" },
    { name = "utf8", help = "of a web page: write it in UTF-8, its charset declaration changed to say so, "
      .. "not in its own encoding" },
    { name = "abbreviation", arg = "WORD", multi = true,
      help = "an abbreviation given to `sift segments --abbreviation` (repeatable)" },
  },
}

function M.main(args, prog)
  prog = prog or "sift merge"
  local opts, inputs = cli.parse(M, args or {})
  local function usage_error(message)
    io.stderr:write(prog, ": ", message, "\n", "try '", prog, " --help'\n")
    return 2
  end
  if not opts then
    return usage_error(inputs)
  end
  if opts.help then
    return cli.print(prog, cli.help(M, prog))
  end
  if #inputs == 0 then
    return usage_error("no TRANSLATION file given")
  end
  if opts.encoding ~= "auto" then
    local ok, err = require("sift").to_utf8("", opts.encoding)
    if not ok then
      return usage_error(err)
    end
  end
  local tname = table.remove(inputs, 1)
  if tname == "-" and (#inputs == 0 or inputs[1] == "-") then
    return usage_error("the translation and the article cannot both come from standard input")
  end
  local function fail(message)
    io.stderr:write(prog, ": ", message, "\n")
    return 1
  end
  local data, rerr = cli.read_file(tname)
  if not data then
    return fail(rerr)
  end
  local translation, perr = merge.read(data, { fuzzy = opts.fuzzy })
  if not translation then
    return fail(tname .. ":" .. perr:gsub("^line ", ""))
  end
  if translation.fuzzy and translation.fuzzy > 0 then
    io.stderr:write(prog, ": ", tname, ": ", translation.fuzzy,
      " fuzzy entries left out (--fuzzy uses them)\n")
  end

  -- everything is merged in memory first: a failure leaves no output at all
  local parts, failed = {}, false
  local page_translation
  cli.each_document(inputs, opts, function(doc)
    local text, report
    if doc.html then
      -- a page's translation is read again, its codes as markers (once, for all the pages)
      page_translation = page_translation or assert(merge.read(data, { fuzzy = opts.fuzzy, codes = true }))
      text, report = require("sift.page").merge(doc.html, page_translation, {
        id = opts.article_id, name = doc.id, scope = opts.whole_page and "page" or opts.scope,
        encoding = doc.label, target_lang = opts.target_lang or page_translation.target_lang, utf8 = opts.utf8,
        abbreviations = #opts.abbreviation > 0 and opts.abbreviation or nil,
      })
      if not text and report:match("^line %d+: ") then
        report = tname .. ":" .. report:gsub("^line ", "") -- the place in the translation
      end
    else
      text, report = merge.apply(doc.text, translation, {
        id = opts.article_id, name = doc.id,
        abbreviations = #opts.abbreviation > 0 and opts.abbreviation or nil,
      })
    end
    if not text then
      failed = true
      io.stderr:write(prog, ": ", doc.name, ": ", report, "\n")
      return
    end
    local missing = #report.untranslated
    if missing > 0 then
      local first = report.untranslated[1]
      io.stderr:write(("%s: %s: %d of %d sentences have no translation and keep their text (the first: %s, "
        .. "byte %d)\n"):format(prog, doc.name, missing, report.segments, first.id, first.page_i or first.i))
      if opts.strict then
        failed = true
      end
    end
    parts[#parts + 1] = text
  end, function(message)
    failed = true
    io.stderr:write(prog, ": ", message, "\n")
  end)
  if failed then
    if opts.output then
      io.stderr:write(prog, ": ", opts.output, " not written\n")
    end
    return 1
  end
  local result = table.concat(parts)
  local out = cli.output(io.stdout, "standard output")
  if opts.output then
    local oerr
    out, oerr = cli.file_output(opts.output)
    if not out then
      return fail(oerr)
    end
  end
  local ok, werr = cli.guard(function()
    out:write(result)
    out:commit()
  end)
  if not ok then
    return fail(werr)
  end
  return 0
end

return cli.entry(M, ...)
