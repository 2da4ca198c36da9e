#pragma once
// The commands besides render: validation and font reports.
#include <gongwen/gongwen.hpp>

#include "cli/options.hpp"

namespace gongwen::cli {

/// gongwen check LAYOUT [DATA...]: every problem of every record, without rendering.
int check(const Options& o);
/// gongwen check-output FILE...: OFD structure (GB/T 33190), PDF/A-3u; 0 when every file passes.
int check_output(const Options& o);
/// gongwen fonts [LAYOUT] [DATA...]: the face behind each family; coverage of the data's text.
int fonts(const Options& o);

/// The data flags as library options: --document read and --set applied (throws Error).
DataFormatOptions data_format_options(const Options& o);

/// The renderer options of the command line and of its environment: $GONGWEN_FONT_MAP (the base
/// font map), $GONGWEN_FONT_PATH (font folders, colon-separated, before --font-dir),
/// $SOURCE_DATE_EPOCH (the creation date of layouts without one), $TMPDIR (the XLSX writer's
/// scratch folder), --font-map, --font-dir.
RendererOptions renderer_options(const Options& o);

}  // namespace gongwen::cli
