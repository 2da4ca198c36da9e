#pragma once
// The commands besides render: validation and font reports.
#include "cli/options.hpp"

namespace gongwen::cli {

/// gongwen check LAYOUT [DATA...]: every problem of every record, without rendering.
int check(const Options& o);
/// gongwen fonts [LAYOUT] [DATA...]: the face behind each family; coverage of the data's text.
int fonts(const Options& o);

}  // namespace gongwen::cli
