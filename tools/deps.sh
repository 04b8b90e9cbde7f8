#!/usr/bin/env bash
# tools/deps.sh - make sure the Debian packages that sift needs are installed.
#
#   tools/deps.sh --demo [EXTRA...]   what building sift and running `make demo` need
#   tools/deps.sh [EXTRA...]          all of it: building, every test and check, the data generators
#
# Quiet when everything is present. Otherwise installs the missing ones with apt-get when run as
# root, or through `sudo -n` when that works without a password; failing both, prints the exact
# command to run and exits 1. EXTRA packages (chromium, for make test-browser) come on top.
set -euo pipefail

# Building the module and running bin/sift: a C compiler and make, pkg-config (the Makefile asks
# it for Lua's flags), Lua 5.4 and its headers, myhtml (libmodest-dev: the HTML5 parser of
# src/html/). iconv is glibc's.
demo=(build-essential pkg-config lua5.4 liblua5.4-dev libmodest-dev)

# The rest, for make test and the hardening runs: clang (the other compiler, libFuzzer), Lua 5.3
# (pandoc's), cmocka, busted, luacheck, luarocks (the rockspec check), dkjson (the JSON specs'
# reference), ICU (the benchmark's baseline), valgrind; the translation format checkers (xmllint,
# gettext, translate-toolkit, python3-regex); the generators' sources (unicode-data, iso-codes,
# wordnet-base, libtext-names-perl, word lists, stop words, python3-webencodings's encoding
# labels); snowball-data (the stemmer's test);
# pandoc (the pandoc filters' test); python3-readability (make eval-extract's baseline).
test=(clang libclang-rt-14-dev time
    lua5.3 liblua5.3-dev
    libcmocka-dev unicode-data
    lua-busted lua-check luarocks lua-dkjson
    libicu-dev valgrind
    libxml2-utils gettext translate-toolkit python3-regex
    iso-codes wordnet-base libtext-names-perl wamerican wbritish bzip2
    liblingua-stopwords-perl snowball-data scowl pandoc python3-webencodings
    python3-readability)

if [ "${1:-}" = "--demo" ]; then
    shift
    packages=("${demo[@]}" "$@")
else
    packages=("${demo[@]}" "${test[@]}" "$@")
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "deps.sh: dpkg-query not found; this script knows Debian and Ubuntu only." >&2
    echo "deps.sh: install by hand: ${packages[*]}" >&2
    exit 1
fi

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing+=("$p")
    fi
done

[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps.sh: missing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" -eq 0 ]; then
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update -q
    sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
else
    echo "deps.sh: cannot install them (not root, and sudo needs a password). Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
