#pragma once
// Lengths are carried in PostScript points (1/72 in) everywhere; these convert at the edges.
#include <optional>
#include <string_view>

namespace gongwen {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double mm_to_pt(double mm) { return mm * kPtPerMm; }
constexpr double pt_to_mm(double pt) { return pt / kPtPerMm; }

/// 字号 name → size in pt (the "word" system of spec §3: 初号 42 … 八号 5), or nullopt.
std::optional<double> zihao_pt(std::string_view name);

/// A font size written as "16pt", "5.64mm", "16" (pt) or a 字号 name ("三号", "小四").
std::optional<double> parse_font_size(std::string_view text);

/// A length written as "12pt", "4.5mm", "1.5cm", "0.5in" or a bare number of mm.
/// `em` lengths ("2em") are resolved with `em_pt`.
std::optional<double> parse_length_pt(std::string_view text, double em_pt = 0);

}  // namespace gongwen
