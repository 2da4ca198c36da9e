#pragma once
// The official-document blocks (GB/T 9704-2012: 附件说明, 署名 + 成文日期 with the seal, 版记, 版头)
// and the image and rule blocks, bound like any other block: their templates rendered, their
// text checked against their styles' fonts (so an uncovered character is named with its record
// and field, not later by the font alone), templated pictures read.
#include <filesystem>
#include <optional>

#include "bind/bind.hpp"

namespace gongwen {

/// `b` bound over `ctx`, or nullopt when `b` is not one of these blocks. Pictures with templated
/// paths are found next to the data file (`data_dir`), then the layout. Throws Error(Data).
std::optional<BoundBlock> bind_official_block(const Block& b, const TemplateContext& ctx, const RecordOrigin& origin,
                                              const std::filesystem::path& data_dir);

}  // namespace gongwen
