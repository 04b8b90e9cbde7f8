--- sift.check: the argument checks of sift's Lua functions, raising errors in Lua's own style:
--
--   bad argument #N to 'NAME' (WHAT)
--
-- NAME is the short name of the function checked, as Lua's own libraries give it ('summarize',
-- 'entity_index', 'add'), and N the argument's place. Every function takes, last, an optional
-- `level`: where the error points, counted as error() counts from the function that calls the
-- check (default 2: that function's caller, the user's code). A helper of a public function passes
-- 3, its helper 4.
--
--   check.arg(fname, n, value, "string")       types as type() names them, "string|table" for either,
--                                              "?table" when nil may stand for it too
--   check.opts(fname, n, opts, spec)           an option table: spec maps each option's name to a
--                                              type ("number", "function|boolean", "any") or to an
--                                              array of the strings it may be; nil gives {}
--   check.fields(fname, n, t, spec)            a table of fields ({text =, id =}), the same way
--   check.field(fname, n, t, key, want)        one field of a table
--   check.count(fname, n, v, what, lo)         a whole number >= lo, math.huge (or any number of
--                                              check.ALL or more) meaning all: an integer
--   check.whole(fname, n, v, what, lo, hi)     a finite whole number (from lo, to hi): an integer
--   check.number(fname, n, v, what, range)     a number within range {min =, above =, max =,
--                                              finite =}
--   check.fail(fname, n, message)              any other message
--
-- `what` names the value when it is not the argument itself ("option 'top'", "option
-- 'sentence_list': field 'i' of item 3"): the message is then "WHAT must be ..., got X", and for
-- the argument itself "... expected, got X". X is what `check.shown` gives.
local check = {}

local format, concat = string.format, table.concat
local floor, huge, tointeger = math.floor, math.huge, math.tointeger

-- A count this large or larger stands for "all of them": no text has 2^53 keywords or sentences,
-- n + 1 stays exact, and it is an integer that C takes (math.huge, 2^63 and 1e308 have no
-- lua_Integer).
check.ALL = 1 << 53
local ALL = check.ALL

--- A value as a message shows it: a number as tostring writes it ("nan" whatever its sign bit),
-- anything else by its type.
function check.shown(v)
  if type(v) ~= "number" then
    return type(v)
  end
  return v ~= v and "nan" or tostring(v)
end
local shown = check.shown

-- Raises the message for argument n of fname at `level` counted from raise's caller's caller
-- (a public check function passes its own level + 1).
local function raise(level, fname, n, message)
  error(format("bad argument #%d to '%s' (%s)", n, fname, message), level + 1)
end

-- "WHAT must be DESC, got GOT", or "DESC expected, got GOT" when what is nil.
local function expected(what, desc, got)
  if what then
    return format("%s must be %s, got %s", what, desc, got)
  end
  return format("%s expected, got %s", desc, got)
end

-- "a", "a or b", "a, b or c"
local function either(list)
  if #list == 1 then
    return list[1]
  end
  return concat(list, ", ", 1, #list - 1) .. " or " .. list[#list]
end

-- The parts of a type spec ("string|table"), cached: a spec is a constant of its module, and there
-- are a few dozen of them. A table goes in whole or not at all (a memory error on the way leaves
-- nothing half made).
local parts_of = {}
local function parts(spec)
  local p = parts_of[spec]
  if not p then
    p = { optional = spec:sub(1, 1) == "?", set = {}, list = {} }
    for name in spec:gsub("^%?", ""):gmatch("[^|]+") do
      p.set[name] = true
      p.list[#p.list + 1] = name
    end
    p.text = either(p.list)
    parts_of[spec] = p
  end
  return p
end

--- Checks that argument n of fname is of type `want` ("string", "string|table", "?table": or
-- nil). Returns the value.
function check.arg(fname, n, value, want, level)
  local p = parts(want)
  local t = type(value)
  if not p.set[t] and not (p.optional and value == nil) then
    raise((level or 2) + 1, fname, n, format("%s expected, got %s", p.text, t))
  end
  return value
end

--- Raises "bad argument #n to 'fname' (message)".
function check.fail(fname, n, message, level)
  raise((level or 2) + 1, fname, n, message)
end

-- "'a', 'b' or 'c'"
local function quoted(list)
  local q = {}
  for k, s in ipairs(list) do
    q[k] = "'" .. s .. "'"
  end
  return either(q)
end

-- Checks value, held by `key` of a table, against want (a type spec or an array of strings);
-- `noun` ("option", "field") names what the key is.
local function check_value(level, fname, n, noun, key, value, want)
  if type(want) == "table" then
    for _, s in ipairs(want) do
      if value == s then
        return
      end
    end
    raise(level + 1, fname, n, expected(format("%s '%s'", noun, key), quoted(want),
      type(value) == "string" and ("'" .. value .. "'") or type(value)))
  elseif want ~= "any" then
    local p = parts(want)
    if not p.set[type(value)] and not (p.optional and value == nil) then
      raise(level + 1, fname, n, expected(format("%s '%s'", noun, key), "a " .. p.text, type(value)))
    end
  end
end

-- Raises unless every key of table t is one of spec's, holding a value it takes.
local function check_table(level, fname, n, noun, t, spec)
  if type(t) ~= "table" then
    raise(level + 1, fname, n, "table expected, got " .. type(t))
  end
  for key, value in pairs(t) do
    local want = spec[key]
    if want == nil then
      raise(level + 1, fname, n, format("unknown %s '%s'", noun, tostring(key)))
    end
    check_value(level + 1, fname, n, noun, key, value, want)
  end
end

--- Checks the option table opts, argument n of fname: nil (none: returns a new empty table) or a
-- table whose every key is an option of `spec` holding a value of its type (spec[name] "number",
-- "function|boolean", "any"), or one of its strings (spec[name] an array of them). Returns opts.
-- The values are checked as they are, no further: ranges are the caller's (check.count, ...).
function check.opts(fname, n, opts, spec, level)
  if opts == nil then
    return {}
  end
  check_table((level or 2) + 1, fname, n, "option", opts, spec)
  return opts
end

--- Checks the table t, argument n of fname, whose fields are those of `spec`, as check.opts does
-- options, except that a field must be there unless its type is "any" or starts with "?"
-- ({ text = "string", title = "?string" }). Returns t.
function check.fields(fname, n, t, spec, level)
  level = (level or 2) + 1
  check_table(level, fname, n, "field", t, spec)
  for key, want in pairs(spec) do
    if t[key] == nil then
      check_value(level, fname, n, "field", key, nil, want)
    end
  end
  return t
end

--- Checks field `key` of the table t (argument n of fname) against want, as check.fields does.
-- Returns its value.
function check.field(fname, n, t, key, want, level)
  check_value((level or 2) + 1, fname, n, "field", key, t[key], want)
  return t[key]
end

--- A count: nil (returned as it is), or a whole number >= lo (default 0), where math.huge and any
-- other number of check.ALL or more mean all (check.ALL). Returns it as an integer. NaN, fractions,
-- what is below lo and what is no number are refused.
function check.count(fname, n, v, what, lo, level)
  if v == nil then
    return nil
  end
  lo = lo or 0
  if type(v) ~= "number" or v ~= v or v < lo or v ~= floor(v) then
    raise((level or 2) + 1, fname, n, expected(what, format("a whole number >= %d", lo), shown(v)))
  end
  return v >= ALL and ALL or tointeger(v)
end

--- A finite whole number, from lo and to hi when they are given. Returns it, as an integer when it
-- has one.
function check.whole(fname, n, v, what, lo, hi, level)
  if type(v) ~= "number" or v ~= floor(v) or v == huge or v == -huge or (lo and v < lo) or (hi and v > hi) then
    local desc = "a whole number"
    if lo and hi then
      desc = format("a whole number from %d to %d", lo, hi)
    elseif lo then
      desc = format("a whole number >= %d", lo)
    elseif hi then
      desc = format("a whole number <= %d", hi)
    end
    raise((level or 2) + 1, fname, n, expected(what, desc, shown(v)))
  end
  return tointeger(v) or v
end

-- "a finite number above 0 and at most 1"
local function range_text(range)
  local out = { range.finite and "a finite number" or "a number" }
  if range.above then
    out[#out + 1] = "above " .. shown(range.above)
  elseif range.min then
    out[#out + 1] = ">= " .. shown(range.min)
  end
  if range.max then
    out[#out + 1] = ((range.above or range.min) and "and at most " or "at most ") .. shown(range.max)
  end
  return concat(out, " ")
end

--- A number (no NaN) within `range`: {min = (at least), above = (more than), max = (at most),
-- finite = true (no infinity)}, each optional. Returns it.
function check.number(fname, n, v, what, range, level)
  range = range or {}
  if type(v) ~= "number" or v ~= v or (range.finite and (v == huge or v == -huge))
    or (range.min and v < range.min) or (range.above and v <= range.above) or (range.max and v > range.max) then
    raise((level or 2) + 1, fname, n, expected(what, range_text(range), shown(v)))
  end
  return v
end

return check
