--- sift.gazetteer: the user's own names, from TSV files, as a tagger.
--
-- A gazetteer file holds one name a line, `NAME<TAB>TYPE` (the types of sift.entities: PERSON,
-- ORG, GPE, FAC, ...); blank lines and lines starting with # are skipped. Filters that tag
-- entities take such files with `--gazetteer FILE`.
local sift = require "sift"

local gazetteer = {}

--- Reads a gazetteer file, appending {name, type, where = "FILE:LINE"} to entries.
-- Returns entries, or nil and a message naming the file (and line).
function gazetteer.read(path, entries)
  entries = entries or {}
  local f, err = io.open(path, "rb")
  if not f then
    return nil, err
  end
  local lineno = 0
  for line in f:lines() do
    lineno = lineno + 1
    line = line:gsub("\r$", "")
    if line:match("%S") and not line:match("^%s*#") then
      local name, type = line:match("^%s*([^\t]-)%s*\t%s*(%S+)%s*$")
      if not name or name == "" then
        f:close()
        return nil, ("%s:%d: expected NAME<TAB>TYPE"):format(path, lineno)
      end
      entries[#entries + 1] = { name, type, where = ("%s:%d"):format(path, lineno) }
    end
  end
  f:close()
  return entries
end

--- A tagger (sift.tagger) with the names of the files in paths (a list) added.
-- Returns it, or nil and a message naming the file and line at fault.
function gazetteer.tagger(paths)
  local entries = {}
  for _, path in ipairs(paths or {}) do
    local ok, err = gazetteer.read(path, entries)
    if not ok then
      return nil, err
    end
  end
  local ok, tagger = pcall(sift.tagger, { entities = entries })
  if not ok then
    -- the message names entities[N]: say which line of which file that is
    local msg = tostring(tagger)
    local n = tonumber(msg:match("entities%[(%d+)%]"))
    local where = n and entries[n] and entries[n].where
    return nil, (where and (where .. ": ") or "") .. msg:gsub("^.-%((.*)%)$", "%1")
  end
  return tagger
end

return gazetteer
