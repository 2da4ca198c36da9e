#!/bin/sh
# The pipeline's direction, checked on the sources: template → layout → bind → flow → writers.
#  - template/ and layout/ include nothing of the stages after them;
#  - only bind/ reads record data: flow/, xlsx/, pdf/ and ofd/ render no template and include
#    none of the binder's internals (they read bind/bound.hpp; flow/ also asks bind/ for page
#    numbers' text, and compose() hands its input to bind_document).
# Usage: pipeline_structure.sh SOURCE_DIR
set -u
src="$1/src"
fail=0
report() { echo "FAIL: $1"; echo "$2" | sed 's/^/  /'; fail=1; }

hits=$(grep -rnE '#include "(bind|flow|xlsx|pdf|ofd|batch|api)/' "$src/template" "$src/layout")
[ -n "$hits" ] && report "template/ and layout/ include a later stage" "$hits"

hits=$(grep -rnE '#include "template/' "$src/template" | grep -vE '"template/[a-z_]+\.hpp"')
[ -n "$hits" ] && report "template/ includes something unexpected" "$hits"

writers="$src/flow $src/xlsx $src/pdf $src/ofd"
hits=$(grep -rnE '#include "bind/(bind|bind_table|bind_official|aggregate|cell_image)\.hpp"' $writers)
[ -n "$hits" ] && report "a writer stage includes the binder's internals" "$hits"

hits=$(grep -rnE 'TemplateContext|nlohmann::json\s*[*&]?\s*[a-z_]+\s*[=;,)]' $writers | grep -v '^[^:]*:[0-9]*:\s*//')
[ -n "$hits" ] && report "a writer stage renders templates or holds record data" "$hits"

hits=$(grep -rnE '\.render\(|->render\(' $writers | grep -vE 'render_(pdf|ofd|xlsx)' )
[ -n "$hits" ] && report "a writer stage renders a template" "$hits"

# Every block type of the layout has its bound form, bound in bind/ (no pairing by counting).
hits=$(grep -rnE 'HiddenBlock|BoundOfficial|sheet_officials|bind_official_blocks' "$src")
[ -n "$hits" ] && report "the old second binding path is back" "$hits"

[ $fail -eq 0 ] && echo "pipeline structure: OK"
exit $fail
