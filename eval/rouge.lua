--- eval/rouge.lua - ROUGE-N and ROUGE-L (Lin, 2004), for eval/summary.lua.
--
-- Tokens as in the original ROUGE script: the text is lower-cased (ASCII) and every character
-- that is not a letter or digit separates tokens; no stemming and no stop words. ROUGE-N counts
-- the candidate's n-grams that the reference holds, clipped to the reference's count; ROUGE-L
-- takes the longest common subsequence of the two token sequences (the candidate and the
-- reference each as one sequence). Each gives precision, recall and F1 (beta = 1).
local rouge = {}

function rouge.tokens(s)
  local out = {}
  for w in s:lower():gmatch("[%w]+") do
    out[#out + 1] = w
  end
  return out
end

local function ngrams(tokens, n)
  local counts, total = {}, 0
  for i = 1, #tokens - n + 1 do
    local g = table.concat(tokens, " ", i, i + n - 1)
    counts[g] = (counts[g] or 0) + 1
    total = total + 1
  end
  return counts, total
end

local function prf(hits, cand_total, ref_total)
  local p = cand_total > 0 and hits / cand_total or 0
  local r = ref_total > 0 and hits / ref_total or 0
  local f = (p + r) > 0 and 2 * p * r / (p + r) or 0
  return { p = p, r = r, f = f }
end

--- ROUGE-N of token arrays: {p =, r =, f =}.
function rouge.n(cand, ref, n)
  local c, ct = ngrams(cand, n)
  local r, rt = ngrams(ref, n)
  local hits = 0
  for g, k in pairs(c) do
    local m = r[g]
    if m then
      hits = hits + math.min(k, m)
    end
  end
  return prf(hits, ct, rt)
end

--- Length of the longest common subsequence of two arrays (two rows of the table at a time).
function rouge.lcs(a, b)
  local prev, cur = {}, {}
  for j = 0, #b do
    prev[j] = 0
  end
  for i = 1, #a do
    cur[0] = 0
    local ai = a[i]
    for j = 1, #b do
      if ai == b[j] then
        cur[j] = prev[j - 1] + 1
      else
        local x, y = prev[j], cur[j - 1]
        cur[j] = x > y and x or y
      end
    end
    prev, cur = cur, prev
  end
  return prev[#b]
end

--- ROUGE-L of token arrays: {p =, r =, f =}.
function rouge.l(cand, ref)
  return prf(rouge.lcs(cand, ref), #cand, #ref)
end

--- ROUGE-1, ROUGE-2 and ROUGE-L of two texts.
function rouge.scores(candidate, reference)
  local c, r = rouge.tokens(candidate), rouge.tokens(reference)
  return { r1 = rouge.n(c, r, 1), r2 = rouge.n(c, r, 2), rl = rouge.l(c, r) }
end

return rouge
