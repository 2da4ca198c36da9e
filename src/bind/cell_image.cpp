#include "bind/cell_image.hpp"

#include <map>
#include <mutex>

#include "layout/image_check.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {

/// Images read so far, keyed by path, size and modification time (a file replaced between two
/// documents of one process is read again). Bounded: past this many the cache starts afresh.
constexpr size_t kMaxCached = 512;

std::shared_ptr<const ImageData> cached_read(const fs::path& path, std::string& problem) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const ImageData>> cache;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto time = ec ? fs::file_time_type{} : fs::last_write_time(path, ec);
  const std::string key = path.string() + '\n' + std::to_string(ec ? 0 : size) + '\n' +
                          std::to_string(time.time_since_epoch().count());
  {
    std::lock_guard lock(mutex);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  std::shared_ptr<const ImageData> img = read_image_file(path, path.filename().string(), problem);
  if (!img) return nullptr;
  std::lock_guard lock(mutex);
  if (cache.size() >= kMaxCached) cache.clear();
  return cache.emplace(key, std::move(img)).first->second;
}

}  // namespace

std::shared_ptr<const ImageData> find_cell_image(const std::string& path, const fs::path& data_dir, const fs::path& layout_dir,
                                                 std::string& problem) {
  const fs::path p(path);
  if (p.is_absolute()) return cached_read(p, problem);
  std::error_code ec;
  for (const fs::path& dir : {data_dir, layout_dir}) {
    const fs::path candidate = dir.empty() ? p : dir / p;
    if (fs::exists(candidate, ec)) return cached_read(candidate, problem);
  }
  const std::string d = data_dir.empty() ? std::string(".") : data_dir.string();
  const std::string l = layout_dir.empty() ? std::string(".") : layout_dir.string();
  problem = "cannot read image '" + path + "': no such file (looked in " + (d == l ? d : d + " and " + l) + ")";
  return nullptr;
}

std::pair<double, double> image_size(const ImageData& image, double width_given, double height_given) {
  if (image.width_px <= 0 || image.height_px <= 0) return {0, 0};
  const double aspect = static_cast<double>(image.height_px) / image.width_px;
  const double w = width_given > 0 ? width_given : height_given > 0 ? height_given / aspect : image.width_px * 0.75;
  return {w, height_given > 0 ? height_given : w * aspect};
}

}  // namespace gongwen
