-- tests/memory_pipeline.lua - one run of the memory test (tests/memory.sh runs it under
-- /usr/bin/time and compares the peak with the input's size).
--
--   lua5.4 tests/memory_pipeline.lua corpus CORPUS.jsonl   the pipeline, article by article, over
--       every article of a JSON Lines corpus held in memory: tokens, sentences, entities, keywords
--       (one collector over all the articles), summary
--   lua5.4 tests/memory_pipeline.lua single FILE STEP      one step over the whole file as one string
--   lua5.4 tests/memory_pipeline.lua baseline              the modules loaded, no input
--
-- Prints, for each step, the peak resident memory of the process so far (VmHWM), so that a step
-- that goes over the limit can be told from the others.
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./build/" .. _VERSION:match("%d+%.%d+") .. "/?.so;" .. package.cpath

local sift = require "sift"
local keywords = require "sift.keywords"
local json = require "dkjson"

local function hwm()
  local f = io.open("/proc/self/status")
  local kb = f and f:read("a"):match("VmHWM:%s*(%d+) kB")
  if f then
    f:close()
  end
  return tonumber(kb) or 0
end

local function report(step, what)
  io.stdout:write(("%-12s peak so far %8.1f MB  (%s)\n"):format(step, hwm() / 1024, what))
  io.stdout:flush()
end

local mode = arg[1]
if mode == "baseline" then
  sift.summarize("One sentence. Two sentences.")
  sift.entities("Xi Jinping met Joe Biden.")
  report("baseline", "modules loaded")
elseif mode == "corpus" then
  local texts, total = {}, 0
  for line in io.lines(arg[2]) do
    local v = json.decode(line)
    texts[#texts + 1] = v.text
    total = total + #v.text
  end
  report("read", ("%d articles, %d bytes of text"):format(#texts, total))
  local n = 0
  for _, t in ipairs(texts) do
    for _ in sift.each_token(t) do
      n = n + 1
    end
  end
  report("tokens", n .. " tokens")
  n = 0
  for _, t in ipairs(texts) do
    n = n + #sift.sentences(t)
  end
  report("sentences", n .. " sentences")
  n = 0
  local tagger = sift.tagger()
  for _, t in ipairs(texts) do
    n = n + #tagger:entities(t)
  end
  report("entities", n .. " entities")
  do
    local c = keywords.collector()
    for k, t in ipairs(texts) do
      c:add({ text = t, id = "a" .. k })
    end
    report("keywords", #c:result().articles .. " articles with keywords")
  end
  collectgarbage()
  n = 0
  for _, t in ipairs(texts) do
    n = n + #sift.summarize(t)
  end
  report("summary", n .. " summary sentences")
elseif mode == "single" then
  local f = assert(io.open(arg[2], "rb"))
  local s = f:read("a")
  f:close()
  local step, n = arg[3], 0
  if step == "clean_utf8" then
    -- an ill-formed byte, so that there is something to repair; the text with it replaces the
    -- text read (holding both would charge the check's own copy to clean_utf8)
    s = s .. "\xFF"
    collectgarbage()
  end
  report("read", #s .. " bytes")
  if step == "each_token" then
    for _ in sift.each_token(s) do
      n = n + 1
    end
  elseif step == "each_sentence" then
    for _ in sift.each_sentence(s) do
      n = n + 1
    end
  elseif step == "sentences" then
    n = #sift.sentences(s)
  elseif step == "breaks" then
    n = #sift.breaks(s, "sentence")
  elseif step == "clean_utf8" then
    n = #sift.clean_utf8(s)
  elseif step == "to_utf8" then
    n = #sift.to_utf8(s, "WINDOWS-1252", { invalid = "replace" })
  elseif step == "entities" then
    n = #sift.entities(s)
  elseif step == "keywords" then
    n = #sift.keywords(s)
  elseif step == "summary" then
    n = #sift.summarize(s)
  else
    error("unknown step " .. tostring(step))
  end
  report(step, tostring(n))
else
  io.stderr:write("usage: pipeline.lua corpus FILE | single FILE STEP | baseline\n")
  os.exit(2)
end
