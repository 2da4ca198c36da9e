#pragma once
// The record readers' options for one layout: the caller's data options, plus what the layout
// says about the data — its document defaults and the fields it uses as lists.
#include <gongwen/gongwen.hpp>

#include "data/record.hpp"
#include "layout/layout.hpp"

namespace gongwen {

DataOptions data_options_for(const DataFormatOptions& o, const Layout& layout);

}  // namespace gongwen
