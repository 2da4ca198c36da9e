#pragma once
// Byte-exact formatting helpers for the PDF writer: numbers, hex codes, dates, text strings and a
// small deterministic hash. Nothing here depends on the locale, the clock or PoDoFo, so the same
// Document always serializes to the same bytes.
#include <cstdint>
#include <string>
#include <string_view>

namespace gongwen::pdf {

/// Fixed-point number with up to 3 decimals, trailing zeros trimmed ("12", "0.5", "-3.125").
/// Throws Error(Render) for NaN/inf: a non-finite coordinate is a bug upstream, not a PDF value.
std::string num(double v);
/// Appends num(v) to `out` (the content-stream hot path).
void append_num(std::string& out, double v);
/// Rounds to the 3 decimals num() prints, so computations can use exactly what a reader sees.
double quantize(double v);

/// Appends a 2-byte code as 4 uppercase hex digits ("00A5").
void append_hex4(std::string& out, uint16_t code);

/// "D:YYYYMMDDHHmmSSZ" (PDF date) and "YYYY-MM-DDTHH:mm:SSZ" (XMP date) for Unix seconds, UTC.
/// Computed arithmetically: no time zone, locale or libc state is consulted.
std::string pdf_date(int64_t unix_seconds);
std::string xmp_date(int64_t unix_seconds);

/// UTF-8 → UTF-16BE bytes (surrogate pairs for non-BMP); invalid bytes become U+FFFD.
std::string utf16be(std::string_view utf8);
/// True when `s` is printable 7-bit ASCII, i.e. can be a literal PDFDocEncoding string as is.
bool is_plain_ascii(std::string_view s);

/// 64-bit FNV-1a: cheap, stable across platforms and runs (subset tags, file IDs).
struct Fnv64 {
  uint64_t h = 0xcbf29ce484222325ull;
  void add(std::string_view bytes);
  void add_u32(uint32_t v);
};

/// Six uppercase letters for a font subset tag ("ABCDEF+FandolSong-Regular").
std::string subset_tag(uint64_t hash);

/// Keeps only characters allowed unescaped in a PDF name used as a font name.
std::string sanitize_font_name(std::string_view name);

}  // namespace gongwen::pdf
