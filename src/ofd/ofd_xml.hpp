#pragma once
// Byte-exact XML helpers for the OFD writer: escaping, numbers in millimetres, the namespace.
#include <cstdint>
#include <string>
#include <string_view>

namespace gongwen::ofd {

/// GB/T 33190-2016 namespace, bound to the prefix `ofd:` (readers such as ofd.js look elements
/// up by their prefixed name, so the prefix is part of what works in practice).
inline constexpr const char* kNamespace = "http://www.ofdspec.org/2016";
inline constexpr const char* kXmlDecl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// pt → mm.
inline double mm(double pt) { return pt * (25.4 / 72.0); }

/// Fixed-point number with up to 3 decimals (0.001 mm = 1 µm), trailing zeros trimmed.
std::string num(double v);
void append_num(std::string& out, double v);
/// Rounds to the 3 decimals num() prints.
double quantize(double v);

/// Appends `text` escaped for element content or a double-quoted attribute: & < > " and the
/// C0 controls XML 1.0 cannot carry (tab, LF, CR become character references; the others, which
/// data validation already refuses, become U+FFFD).
void append_escaped(std::string& out, std::string_view text);
std::string escaped(std::string_view text);

/// "R G B" on 0..255, the default RGB colour space of a document.
std::string color_value(double r, double g, double b);

/// Unix seconds → "YYYY-MM-DD" (xs:date, UTC).
std::string iso_date(int64_t unix_seconds);

}  // namespace gongwen::ofd
