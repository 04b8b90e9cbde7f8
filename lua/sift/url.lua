--- sift.url: a URL reference resolved against a base URL, as RFC 3986 (section 5.2) says, for the
-- links a page gives (its canonical URL, its image) when the caller knows where the page came
-- from (sift.extract's option url).
--
-- The reference is read with the RFC's own split (appendix B: scheme, authority, path, query,
-- fragment), and the dot segments of the result's path removed (section 5.2.4); nothing is
-- percent-encoded or decoded, and a host is kept as written: the result is the reference made
-- absolute, not a normalised URL. White space around the reference is trimmed, as browsers trim
-- an attribute's URL. Linear in the length of the URLs, whatever they hold (a page chooses them).
local M = {}

-- The parts of a URL reference (RFC 3986, appendix B); a part that is absent is nil, which is
-- not the same as empty ("http://a?" has an empty query).
local function split(u)
  local scheme, rest = u:match("^(%a[%w+.-]*):(.*)$")
  if not scheme then
    rest = u
  end
  local authority
  if rest:sub(1, 2) == "//" then
    authority, rest = rest:match("^//([^/?#]*)(.*)$")
  end
  local path
  path, rest = rest:match("^([^?#]*)(.*)$")
  local query, fragment
  if rest:sub(1, 1) == "?" then
    query, rest = rest:match("^%?([^#]*)(.*)$")
  end
  if rest:sub(1, 1) == "#" then
    fragment = rest:sub(2)
  end
  return { scheme = scheme, authority = authority, path = path, query = query, fragment = fragment }
end

-- s without the white space around it, in time linear in s (a pattern "^%s*(.-)%s*$" is
-- quadratic on a long run of inner spaces).
local function trim(s)
  local i = s:find("%S")
  if not i then
    return ""
  end
  local j = #s
  while s:find("^%s", j) do
    j = j - 1
  end
  return s:sub(i, j)
end

-- Section 5.2.4, read through an index rather than by cutting the input, so that a path of many
-- segments costs its length once. Each branch is one of the algorithm's steps (A to E).
local function remove_dot_segments(path)
  local out, i, n = {}, 1, #path
  while i <= n do
    if path:find("^%.%./", i) then -- A: "../" dropped
      i = i + 3
    elseif path:find("^%./", i) then -- A: "./" dropped
      i = i + 2
    elseif path:find("^/%./", i) then -- B: "/./" becomes "/"
      i = i + 2
    elseif path:find("^/%.$", i) then -- B: a final "/." becomes "/"
      out[#out + 1] = "/"
      i = n + 1
    elseif path:find("^/%.%./", i) then -- C: "/../" becomes "/", the last segment out
      out[#out] = nil
      i = i + 3
    elseif path:find("^/%.%.$", i) then -- C: a final "/.." becomes "/", the last segment out
      out[#out] = nil
      out[#out + 1] = "/"
      i = n + 1
    elseif path:find("^%.%.?$", i) then -- D: a lone "." or ".." goes
      i = n + 1
    else -- E: the first segment, with its "/" if any, moves to the output
      local j = path:find("/", path:sub(i, i) == "/" and i + 1 or i, true)
      j = j and j - 1 or n
      out[#out + 1] = path:sub(i, j)
      i = j + 1
    end
  end
  return table.concat(out)
end

-- Section 5.2.3: a relative path under the base's directory.
local function merge(base, path)
  if base.authority and base.path == "" then
    return "/" .. path
  end
  return (base.path:match("^(.*/)") or "") .. path
end

-- Section 5.3.
local function recompose(t)
  local parts = {}
  if t.scheme then
    parts[#parts + 1] = t.scheme .. ":"
  end
  if t.authority then
    parts[#parts + 1] = "//" .. t.authority
  end
  parts[#parts + 1] = t.path
  if t.query then
    parts[#parts + 1] = "?" .. t.query
  end
  if t.fragment then
    parts[#parts + 1] = "#" .. t.fragment
  end
  return table.concat(parts)
end

--- Whether `s` is an absolute URL: a string that begins (after white space) with a scheme and
-- its colon, as RFC 3986 writes one ("https:", "mailto:").
function M.is_absolute(s)
  return type(s) == "string" and s:find("^%s*%a[%w+.-]*:") ~= nil
end

--- The reference `ref` made absolute against `base` (both strings): section 5.2.2's transform.
-- A `ref` that has a scheme comes back with its dot segments removed; a `base` without a scheme
-- (not an absolute URL) gives nil and a message, as does a non-string argument.
function M.resolve(base, ref)
  if type(base) ~= "string" or type(ref) ~= "string" then
    return nil, "sift.url.resolve takes two strings"
  end
  local r = split(trim(ref))
  local b = split(trim(base))
  if r.scheme then
    r.path = remove_dot_segments(r.path)
    return recompose(r)
  end
  if not b.scheme then
    return nil, ("the base URL %q has no scheme"):format(#base > 80 and base:sub(1, 77) .. "..." or base)
  end
  local t = { scheme = b.scheme, fragment = r.fragment }
  if r.authority then
    t.authority, t.path, t.query = r.authority, remove_dot_segments(r.path), r.query
  else
    t.authority = b.authority
    if r.path == "" then
      t.path = b.path
      t.query = r.query or b.query
    else
      if r.path:sub(1, 1) == "/" then
        t.path = remove_dot_segments(r.path)
      else
        t.path = remove_dot_segments(merge(b, r.path))
      end
      t.query = r.query
    end
  end
  return recompose(t)
end

return M
