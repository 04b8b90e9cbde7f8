--[[
gen_unicode_data.lua - writes src/unicode/generated/unicode_data.c, the property and case-folding
tables declared in src/unicode/unicode.h, from the Unicode Character Database as Debian's
unicode-data package installs it.

Usage: lua5.4 tools/gen_unicode_data.lua [UNICODE_DIR] > src/unicode/generated/unicode_data.c
       (UNICODE_DIR defaults to /usr/share/unicode; runs under Lua 5.3 too, no modules needed)

The output must be byte-identical from run to run and between Lua 5.3 and 5.4, so nothing here
walks a hash table with pairs() on the way to the output: every list that is written is built
in code point order, and the Lua version is deliberately left out of the header comment.
]]

local UNICODE_VERSION = "15.0.0"
local EMOJI_VERSION = "15.0"
local MAX_CP = 0x10FFFF
local NCP = MAX_CP + 1
local BLOCK = 256

local dir = arg[1] or "/usr/share/unicode"

local function die(msg)
    io.stderr:write("gen_unicode_data.lua: ", msg, "\n")
    os.exit(1)
end

-- Value lists in the order of the enums in src/unicode/unicode.h: the position is the enum value, and a
-- value name the files use that is missing here is an error rather than a silently wrong table.
local WB_NAMES = {
    "Other", "CR", "LF", "Newline", "Extend", "ZWJ", "Regional_Indicator", "Format", "Katakana",
    "Hebrew_Letter", "ALetter", "Single_Quote", "Double_Quote", "MidNumLet", "MidLetter",
    "MidNum", "Numeric", "ExtendNumLet", "WSegSpace",
}
local GB_NAMES = {
    "Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator", "Prepend",
    "SpacingMark", "L", "V", "T", "LV", "LVT",
}
local SB_NAMES = {
    "Other", "CR", "LF", "Extend", "Sep", "Format", "Sp", "Lower", "Upper", "OLetter", "Numeric",
    "ATerm", "SContinue", "STerm", "Close",
}
local GC_NAMES = {
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
}
-- Flag bits, in bit order; each names the file and property it comes from.
local FLAGS = {
    { enum = "SIFT_UF_EXTPICT", file = "emoji/emoji-data.txt", prop = "Extended_Pictographic" },
    { enum = "SIFT_UF_WHITE_SPACE", file = "PropList.txt", prop = "White_Space" },
    { enum = "SIFT_UF_IDEOGRAPHIC", file = "PropList.txt", prop = "Ideographic" },
    { enum = "SIFT_UF_EMOJI_PRESENTATION", file = "emoji/emoji-data.txt", prop = "Emoji_Presentation" },
    { enum = "SIFT_UF_EMOJI_MODIFIER", file = "emoji/emoji-data.txt", prop = "Emoji_Modifier" },
    { enum = "SIFT_UF_EMOJI", file = "emoji/emoji-data.txt", prop = "Emoji" },
    { enum = "SIFT_UF_ALPHABETIC", file = "DerivedCoreProperties.txt", prop = "Alphabetic" },
    { enum = "SIFT_UF_DASH", file = "PropList.txt", prop = "Dash" },
}

local function index_of(names)
    local t = {}
    for i, n in ipairs(names) do t[n] = i - 1 end
    return t
end

local function enum_names(prefix, names)
    local t = {}
    for i, n in ipairs(names) do t[i - 1] = prefix .. n:upper() end
    return t
end

-- Files in the order they are read; the header comment lists them in this order.
local provenance = {}

local function read_file(rel)
    local path = dir .. "/" .. rel
    local f, err = io.open(path, "rb")
    if not f then die("cannot open " .. path .. ": " .. tostring(err)) end
    local text = f:read("a")
    f:close()
    local lines = {}
    for line in text:gmatch("([^\n]*)\n?") do
        lines[#lines + 1] = line:gsub("\r$", "")
    end
    -- A UCD file names its version in its first line ("# WordBreakProperty-15.0.0.txt");
    -- emoji-data.txt instead names the emoji version in a later header comment.
    local first = lines[1] or ""
    local date = ""
    for i = 1, math.min(#lines, 10) do
        local d = lines[i]:match("^#%s*(Date:.*)$")
        if d then date = d; break end
    end
    local base = rel:match("([^/]+)%.txt$")
    local label
    if base == "emoji-data" then
        local ok = false
        for i = 1, math.min(#lines, 20) do
            if lines[i]:match("^#%s*Used with Emoji Version " .. EMOJI_VERSION:gsub("%.", "%%.") .. "%f[^%d.]") then
                ok = true
            end
        end
        if first ~= "# emoji-data.txt" or not ok then
            die(path .. ": not emoji data for Emoji Version " .. EMOJI_VERSION)
        end
        label = "emoji-data.txt (Emoji Version " .. EMOJI_VERSION .. ")"
    else
        local want = "# " .. base .. "-" .. UNICODE_VERSION .. ".txt"
        if first ~= want then
            die(path .. ": first line is '" .. first .. "', expected '" .. want .. "'")
        end
        label = base .. "-" .. UNICODE_VERSION .. ".txt"
    end
    provenance[#provenance + 1] = rel .. ": " .. label .. ", " .. date
    return lines
end

-- Calls fn(first, last, fields) for each data line; fields are the ';'-separated fields after
-- the code point range, trimmed, with the comment removed.
local function each_range(lines, rel, fn)
    for n, line in ipairs(lines) do
        local data = line:gsub("#.*$", "")
        if data:match("%S") then
            local lo, hi, rest = data:match("^%s*(%x+)%.%.(%x+)%s*;(.*)$")
            if not lo then
                lo, rest = data:match("^%s*(%x+)%s*;(.*)$")
                hi = lo
            end
            if not lo then die(rel .. ":" .. n .. ": cannot parse '" .. line .. "'") end
            local fields = {}
            for field in (rest .. ";"):gmatch("([^;]*);") do
                fields[#fields + 1] = field:match("^%s*(.-)%s*$")
            end
            local a, b = tonumber(lo, 16), tonumber(hi, 16)
            if a > b or b > MAX_CP then die(rel .. ":" .. n .. ": bad range " .. lo .. ".." .. hi) end
            fn(a, b, fields, n)
        end
    end
end

-- One enumerated property into arr (indexed by code point, missing means 0 = the default);
-- a code point listed twice means the file is not what this script expects.
local function load_enum(rel, names, arr)
    local idx = index_of(names)
    local seen = {}
    each_range(read_file(rel), rel, function(a, b, fields, n)
        local v = idx[fields[1]]
        if v == nil then die(rel .. ":" .. n .. ": unknown value '" .. tostring(fields[1]) .. "'") end
        for cp = a, b do
            if seen[cp] then die(rel .. ":" .. n .. string.format(": U+%04X listed twice", cp)) end
            seen[cp] = true
            if v ~= 0 then arr[cp] = v end
        end
    end)
end

local wb, gb, sb, gc, flags = {}, {}, {}, {}, {}
load_enum("auxiliary/WordBreakProperty.txt", WB_NAMES, wb)
load_enum("auxiliary/GraphemeBreakProperty.txt", GB_NAMES, gb)
load_enum("auxiliary/SentenceBreakProperty.txt", SB_NAMES, sb)
load_enum("extracted/DerivedGeneralCategory.txt", GC_NAMES, gc)

-- Binary properties: read each file once, in the order the flags first name them.
do
    local files, by_file = {}, {}
    for bit, fl in ipairs(FLAGS) do
        if not by_file[fl.file] then
            by_file[fl.file] = {}
            files[#files + 1] = fl.file
        end
        by_file[fl.file][fl.prop] = { mask = 1 << (bit - 1), found = false }
    end
    for _, rel in ipairs(files) do
        local wanted = by_file[rel]
        each_range(read_file(rel), rel, function(a, b, fields)
            local w = wanted[fields[1]]
            if w then
                w.found = true
                for cp = a, b do flags[cp] = (flags[cp] or 0) | w.mask end
            end
        end)
    end
    for _, fl in ipairs(FLAGS) do
        if not by_file[fl.file][fl.prop].found then die(fl.file .. ": no " .. fl.prop .. " lines") end
    end
end

-- Case folding, statuses C and F only (S would duplicate F with a simple mapping, T is Turkic).
local fold = {}
do
    local rel = "CaseFolding.txt"
    each_range(read_file(rel), rel, function(a, b, fields, n)
        if a ~= b then die(rel .. ":" .. n .. ": unexpected range") end
        local status = fields[1]
        if status == "C" or status == "F" then
            if fold[a] then die(rel .. ":" .. n .. string.format(": U+%04X folded twice", a)) end
            local to = {}
            for h in fields[2]:gmatch("%x+") do to[#to + 1] = tonumber(h, 16) end
            if #to < 1 or #to > 3 then die(rel .. ":" .. n .. ": folding of length " .. #to) end
            fold[a] = to
        elseif status ~= "S" and status ~= "T" then
            die(rel .. ":" .. n .. ": unknown status '" .. tostring(status) .. "'")
        end
    end)
end

local function utf8_len(cp)
    if cp < 0x80 then return 1 elseif cp < 0x800 then return 2 elseif cp < 0x10000 then return 3 end
    return 4
end

-- sift_fold promises that 3 * len output bytes are always enough; hold the data to that.
for cp = 0, MAX_CP do
    local to = fold[cp]
    if to then
        local n = 0
        for _, c in ipairs(to) do n = n + utf8_len(c) end
        if n > 3 * utf8_len(cp) then
            die(string.format("U+%04X folds to %d UTF-8 bytes, more than 3 times its own", cp, n))
        end
    end
end

-- Two-stage table: values(cp) gives a small integer per code point; blocks of 256 are
-- deduplicated in the order they first occur, so block 0 is the one for U+0000..U+00FF.
local function two_stage(value_of)
    local stage1, blocks, block_index = {}, {}, {}
    local parts = {}
    for b = 0, NCP // BLOCK - 1 do
        local base = b * BLOCK
        for i = 0, BLOCK - 1 do parts[i + 1] = value_of(base + i) end
        local key = table.concat(parts, ",")
        local idx = block_index[key]
        if not idx then
            idx = #blocks
            block_index[key] = idx
            local copy = {}
            for i = 1, BLOCK do copy[i] = parts[i] end
            blocks[#blocks + 1] = copy
        end
        stage1[b + 1] = idx
    end
    if #blocks > 0xFFFF then die("too many blocks for uint16_t") end
    return stage1, blocks
end

-- Property records: record 0 is the all-default one (what an unassigned code point has), the
-- others are numbered in order of the first code point that has them.
local records, record_index = { 0 }, { [0] = 0 }
local function record_of(cp)
    local key = (wb[cp] or 0) | (gb[cp] or 0) << 5 | (sb[cp] or 0) << 10
        | (gc[cp] or 0) << 15 | (flags[cp] or 0) << 20
    local idx = record_index[key]
    if not idx then
        idx = #records
        records[idx + 1] = key
        record_index[key] = idx
    end
    return idx
end
local prop_stage1, prop_blocks = two_stage(record_of)
if #records > 0xFFFF then die("too many records for uint16_t") end

-- Folding rows: row 0 stays zero ("folds to itself"); equal foldings share a row.
local fold_rows, fold_row_index = { { 0, 0, 0 } }, {}
local function fold_of(cp)
    local to = fold[cp]
    if not to then return 0 end
    local row = { to[1], to[2] or 0, to[3] or 0 }
    local key = table.concat(row, ",")
    local idx = fold_row_index[key]
    if not idx then
        idx = #fold_rows
        fold_rows[idx + 1] = row
        fold_row_index[key] = idx
    end
    return idx
end
local fold_stage1, fold_blocks = two_stage(fold_of)
if #fold_rows > 0xFFFF then die("too many folding rows for uint16_t") end

-- Output.
local out = {}
local function emit(s) out[#out + 1] = s end

local function emit_numbers(values, per_line)
    for i = 1, #values, per_line do
        local line = {}
        for j = i, math.min(i + per_line - 1, #values) do line[#line + 1] = values[j] .. "," end
        emit("    " .. table.concat(line, " ") .. "\n")
    end
end

local function emit_stage2(name, blocks)
    emit(string.format("const uint16_t %s[%d * %d] = {\n", name, #blocks, BLOCK))
    for b, block in ipairs(blocks) do
        emit(string.format("    /* block %d */\n", b - 1))
        emit_numbers(block, 32)
    end
    emit("};\n")
end

emit("/*\n")
emit(" * unicode/generated/unicode_data.c - Unicode " .. UNICODE_VERSION .. " property and case-folding\n")
emit(" * tables for sift (declared in unicode/unicode.h).\n")
emit(" *\n")
emit(" * GENERATED by tools/gen_unicode_data.lua - DO NOT EDIT. Regenerate with\n")
emit(" *     lua5.4 tools/gen_unicode_data.lua [UNICODE_DIR] > src/unicode/generated/unicode_data.c\n")
emit(" * (`make unicode`; `make check-unicode` compares)\n")
emit(" * from these files of the Unicode Character Database (Debian package unicode-data):\n")
for _, p in ipairs(provenance) do emit(" *   " .. p .. "\n") end
emit(" *\n")
emit(string.format(" * Properties: %d records, %d blocks of %d; folding: %d rows, %d blocks of %d.\n",
    #records, #prop_blocks, BLOCK, #fold_rows, #fold_blocks, BLOCK))
emit(" */\n")
emit("#include \"unicode/unicode.h\"\n\n")

emit(string.format("const uint16_t sift_uprop_stage1[0x110000 >> 8] = {\n"))
emit_numbers(prop_stage1, 16)
emit("};\n\n")
emit_stage2("sift_uprop_stage2", prop_blocks)
emit("\n")

local wb_enum = enum_names("SIFT_WB_", WB_NAMES)
local gb_enum = enum_names("SIFT_GB_", GB_NAMES)
local sb_enum = enum_names("SIFT_SB_", SB_NAMES)
local gc_enum = enum_names("SIFT_GC_", GC_NAMES)
emit(string.format("const struct sift_uprop sift_uprop_records[%d] = {\n", #records))
for i, key in ipairs(records) do
    local f = key >> 20
    local names = {}
    for bit, fl in ipairs(FLAGS) do
        if f & (1 << (bit - 1)) ~= 0 then names[#names + 1] = fl.enum end
    end
    emit(string.format("    /* %d */ {%s, %s, %s, %s, %s},\n", i - 1,
        wb_enum[key & 31], gb_enum[(key >> 5) & 31], sb_enum[(key >> 10) & 31],
        gc_enum[(key >> 15) & 31], #names > 0 and table.concat(names, " | ") or "0"))
end
emit("};\n\n")

emit(string.format("const uint16_t sift_fold_stage1[0x110000 >> 8] = {\n"))
emit_numbers(fold_stage1, 16)
emit("};\n\n")
emit_stage2("sift_fold_stage2", fold_blocks)
emit("\n")

emit(string.format("const uint32_t sift_fold_data[%d][3] = {\n", #fold_rows))
for i = 1, #fold_rows, 4 do
    local line = {}
    for j = i, math.min(i + 3, #fold_rows) do
        local r = fold_rows[j]
        local cells = {}
        for k = 1, 3 do cells[k] = r[k] == 0 and "0" or string.format("0x%04X", r[k]) end
        line[#line + 1] = "{" .. table.concat(cells, ", ") .. "},"
    end
    emit("    " .. table.concat(line, " ") .. "\n")
end
emit("};\n")

io.write(table.concat(out))
