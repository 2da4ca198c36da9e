#pragma once
// Pictures in table cells (a photo per person, a seal in the 推荐单位意见 cell): the path a cell's
// `image` template renders to, found next to the data file or else next to the layout, read and
// checked once and shared by every record that shows it.
#include <filesystem>
#include <memory>
#include <string>
#include <utility>

#include "model/document.hpp"

namespace gongwen {

/// Finds `path` (as rendered from the record) relative to `data_dir`, then to `layout_dir` (an
/// absolute path as it is), reads and checks it. Images already read are shared, so a picture
/// shown by many records is embedded once. Returns null and sets `problem` when the file is
/// missing or no usable PNG/JPEG.
std::shared_ptr<const ImageData> find_cell_image(const std::string& path, const std::filesystem::path& data_dir,
                                                 const std::filesystem::path& layout_dir, std::string& problem);

/// The size of `image` from the sizes a layout gave (pt, 0 = not given): one given, the other
/// follows the picture's proportions; neither, 96 dpi.
std::pair<double, double> image_size(const ImageData& image, double width_given, double height_given);

}  // namespace gongwen
