#include "pdf/pdf_format.hpp"

#include <charconv>
#include <cmath>

#include "core/error.hpp"
#include "core/utf8.hpp"

namespace gongwen::pdf {

namespace {

int64_t milli(double v) {
  if (!std::isfinite(v)) throw Error(ErrorKind::Render, "PDF writer: non-finite number in the document");
  if (std::fabs(v) > 1e12) throw Error(ErrorKind::Render, "PDF writer: number out of range in the document");
  return std::llround(v * 1000.0);
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_2(std::string& out, int64_t v) {
  out.push_back(static_cast<char>('0' + (v / 10) % 10));
  out.push_back(static_cast<char>('0' + v % 10));
}

struct Civil {
  int64_t year;
  int month, day, hour, minute, second;
};

// Howard Hinnant's days_from_civil inverse: exact for the proleptic Gregorian calendar.
Civil civil_from_unix(int64_t t) {
  int64_t days = t / 86400, secs = t % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  Civil c;
  c.year = yoe + era * 400 + (m <= 2 ? 1 : 0);
  c.month = static_cast<int>(m);
  c.day = static_cast<int>(d);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  if (c.year < 1 || c.year > 9999)
    throw Error(ErrorKind::Render, "PDF writer: creation time out of the range of PDF dates");
  return c;
}

void append_year(std::string& out, int64_t y) {
  append_2(out, y / 100);
  append_2(out, y % 100);
}

}  // namespace

double quantize(double v) { return static_cast<double>(milli(v)) / 1000.0; }

void append_num(std::string& out, double v) {
  int64_t m = milli(v);
  if (m < 0) {
    out.push_back('-');
    m = -m;
  }
  append_int(out, m / 1000);
  int64_t frac = m % 1000;
  if (frac == 0) return;
  out.push_back('.');
  char digits[3] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                    static_cast<char>('0' + frac % 10)};
  int n = 3;
  while (digits[n - 1] == '0') --n;
  out.append(digits, static_cast<size_t>(n));
}

std::string num(double v) {
  std::string s;
  append_num(s, v);
  return s;
}

void append_hex4(std::string& out, uint16_t code) {
  static const char* hex = "0123456789ABCDEF";
  out.push_back(hex[(code >> 12) & 15]);
  out.push_back(hex[(code >> 8) & 15]);
  out.push_back(hex[(code >> 4) & 15]);
  out.push_back(hex[code & 15]);
}

std::string pdf_date(int64_t t) {
  Civil c = civil_from_unix(t);
  std::string s = "D:";
  append_year(s, c.year);
  append_2(s, c.month);
  append_2(s, c.day);
  append_2(s, c.hour);
  append_2(s, c.minute);
  append_2(s, c.second);
  s.push_back('Z');
  return s;
}

std::string xmp_date(int64_t t) {
  Civil c = civil_from_unix(t);
  std::string s;
  append_year(s, c.year);
  s.push_back('-');
  append_2(s, c.month);
  s.push_back('-');
  append_2(s, c.day);
  s.push_back('T');
  append_2(s, c.hour);
  s.push_back(':');
  append_2(s, c.minute);
  s.push_back(':');
  append_2(s, c.second);
  s.push_back('Z');
  return s;
}

std::string utf16be(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() * 2);
  auto unit = [&](uint32_t u) {
    out.push_back(static_cast<char>((u >> 8) & 0xFF));
    out.push_back(static_cast<char>(u & 0xFF));
  };
  size_t pos = 0;
  while (pos < utf8.size()) {
    char32_t cp = utf8::next(utf8, pos);
    if (cp >= 0x10000) {
      uint32_t v = static_cast<uint32_t>(cp) - 0x10000;
      unit(0xD800 + (v >> 10));
      unit(0xDC00 + (v & 0x3FF));
    } else {
      unit(static_cast<uint32_t>(cp));
    }
  }
  return out;
}

bool is_plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

void Fnv64::add(std::string_view bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
}

void Fnv64::add_u32(uint32_t v) {
  char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
               static_cast<char>(v)};
  add(std::string_view(b, 4));
}

std::string subset_tag(uint64_t hash) {
  std::string tag(6, 'A');
  for (char& c : tag) {
    c = static_cast<char>('A' + hash % 26);
    hash /= 26;
  }
  return tag;
}

std::string sanitize_font_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
              c == '_' || c == '.';
    if (ok) out.push_back(c);
  }
  if (out.empty()) out = "Font";
  return out;
}

}  // namespace gongwen::pdf
