#include "api/band_check.hpp"

#include "core/error.hpp"

#include <sstream>

#include "template/format.hpp"

namespace gongwen {

namespace {

using nlohmann::json;

/// The score as shown (two decimals), or nothing when it is not a number.
std::optional<std::string> shown_score(const json& v) {
  try {
    if (v.is_number()) return format_fixed(v.get<double>(), 2);
    if (v.is_string())
      if (auto d = decimal_from_text(v.get_ref<const std::string&>())) return format_fixed(*d, 2);
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

class BandChecker {
 public:
  BandChecker(const Layout& l, const std::string& data, size_t index, std::vector<Problem>& out)
      : l_(l), data_(data), index_(index), out_(out) {}

  void visit(const json& v, const std::string& path) {
    if (v.is_object()) {
      check(v, path);
      for (auto it = v.begin(); it != v.end(); ++it)
        if (it.value().is_structured()) visit(it.value(), path + it.key() + ".");
    } else if (v.is_array()) {
      const std::string base = path.empty() ? path : path.substr(0, path.size() - 1);
      for (size_t i = 0; i < v.size(); ++i) visit(v[i], base + "[" + std::to_string(i) + "].");
    }
  }
  size_t problems = 0;

 private:
  void check(const json& obj, const std::string& path) {
    auto s = obj.find(l_.band_score_field);
    auto c = obj.find(l_.band_label_field);
    if (s == obj.end() || c == obj.end() || !c->is_string()) return;
    const auto score = shown_score(*s);
    if (!score) return;
    const double shown = std::stod(*score);
    const ScoreBand* band = nullptr;
    for (const auto& b : l_.bands)
      if (shown >= b.min) {
        band = &b;
        break;
      }
    if (!band || c->get_ref<const std::string&>() == band->label) return;
    std::ostringstream what;
    what << "'" << c->get<std::string>() << "' contradicts " << l_.band_score_field << " " << *score << " (band from "
         << band->min << ": '" << band->label << "')";
    const Located m = record_error(data_, index_, path + l_.band_label_field, what.str());
    out_.push_back(Problem{Problem::Severity::Error, ErrorKind::Data, m.where, m.text});
    ++problems;
  }

  const Layout& l_;
  const std::string& data_;
  size_t index_;
  std::vector<Problem>& out_;
};

}  // namespace

size_t check_bands(const Layout& layout, const nlohmann::json& record, const std::string& data_name, size_t index,
                   std::vector<Problem>& out) {
  if (layout.bands.empty()) return 0;
  BandChecker c(layout, data_name, index, out);
  c.visit(record, "");
  return c.problems;
}

}  // namespace gongwen
