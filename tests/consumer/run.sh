#!/bin/sh
# The acceptance test of the installed package: installs BUILD into a temporary prefix, builds
# tests/consumer against it (CMake package, then pkg-config), renders the example through the
# C++ and the C API from a folder outside the tree, and compares the two PDFs.
# usage: run.sh BUILD_DIR SOURCE_DIR
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
tmp=$(mktemp -d /tmp/gongwen-consumer.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log"
lib=$(ls "$tmp"/prefix/lib*/libgongwen.so.0 "$tmp"/prefix/lib/*/libgongwen.so.0 2>/dev/null | head -n 1)
[ -n "$lib" ] || { echo "FAIL: no libgongwen.so.0 installed"; exit 1; }
# Hidden by default: the C and C++ API are exported, the stages are not.
if nm -D --defined-only "$lib" | c++filt | grep -q "gongwen::FontBook"; then
  echo "FAIL: internal symbols exported"; exit 1
fi
nm -D --defined-only "$lib" | grep -q " T gongwen_render_pdf$" || { echo "FAIL: C API not exported"; exit 1; }
readelf -d "$lib" | grep -q "SONAME.*libgongwen.so.0" || { echo "FAIL: no versioned SONAME"; exit 1; }
# Private dependencies stay private: nothing of HarfBuzz, ICU or toml++ in the package files.
if grep -rqiE "harfbuzz|icu|toml" "$tmp"/prefix/lib*/cmake/gongwen "$tmp"/prefix/lib*/pkgconfig 2>/dev/null; then
  echo "FAIL: a private dependency leaks into gongwenConfig/gongwen.pc"; exit 1
fi

cmake -S "$src/tests/consumer" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release >"$tmp/cfg.log"
cmake --build "$tmp/build" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }

mkdir "$tmp/work" && cd "$tmp/work"  # an empty folder outside the tree
share="$tmp/prefix/share/gongwen"
"$tmp/build/consumer_cpp" "$share/layouts/perf-eval-result.toml" "$share/examples/2017-shanghai/records.json" cpp.pdf
"$tmp/build/consumer_c" "$share/layouts/perf-eval-result.toml" "$share/examples/2017-shanghai/records.json" c.pdf
cmp cpp.pdf c.pdf || { echo "FAIL: C++ and C API give different PDFs"; exit 1; }
pdftotext cpp.pdf - | grep -q "绩效评价结果信息表" || { echo "FAIL: the PDF lacks the table title"; exit 1; }

# The same C program through pkg-config.
pc=$(dirname "$lib")/pkgconfig
# shellcheck disable=SC2046
cc "$src/tests/consumer/consumer.c" -o c_pc $(PKG_CONFIG_PATH="$pc" pkg-config --cflags --libs gongwen)
LD_LIBRARY_PATH=$(dirname "$lib") ./c_pc "$share/layouts/perf-eval-result.toml" "$share/examples/2017-shanghai/records.json" pc.pdf
cmp cpp.pdf pc.pdf || { echo "FAIL: the pkg-config build differs"; exit 1; }
echo "consumer: PASS (C++ API, C API, pkg-config; $(wc -c <cpp.pdf) bytes)"
