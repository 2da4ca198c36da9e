#include "pdf/pdf_format.hpp"

#include <charconv>
#include <chrono>
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

// UTC calendar date and time of a Unix time (proleptic Gregorian calendar).
Civil civil_from_unix(int64_t t) {
  using namespace std::chrono;
  // Checked before converting: a year_month_day holds years up to 32767 only.
  constexpr sys_seconds first{sys_days{year{1} / January / 1}};
  constexpr sys_seconds end{sys_days{year{10000} / January / 1}};
  if (t < first.time_since_epoch().count() || t >= end.time_since_epoch().count())
    throw Error(ErrorKind::Render, "PDF writer: creation time out of the range of PDF dates");
  const sys_seconds time{seconds{t}};
  const sys_days date = floor<days>(time);
  const year_month_day ymd{date};
  const hh_mm_ss hms{time - date};
  return Civil{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
               static_cast<int>(static_cast<unsigned>(ymd.day())), static_cast<int>(hms.hours().count()),
               static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count())};
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
