// Chunked decoding of CSV text to UTF-8 (see text_reader.hpp).
#include "data/text_reader.hpp"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cstdio>

#include "core/utf8.hpp"
#include "data/sources.hpp"

namespace gongwen::data_detail {

namespace {
constexpr size_t kChunk = 65536;
}

TextReader::Encoding TextReader::encoding_named(const std::string& encoding, const std::string& file) {
  std::string e = encoding;
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (e == "utf-8" || e == "utf8" || e.empty()) return Encoding::Utf8;
  if (e == "gb18030" || e == "gbk" || e == "gb2312") return Encoding::Gb18030;
  fail(file + ": unknown encoding '" + printable(encoding) + "' (expected utf-8 or gb18030)");
}

TextReader::TextReader(std::ifstream in, Encoding encoding, std::string name)
    : name_(std::move(name)), in_(std::move(in)), raw_(kChunk) {
  if (encoding == Encoding::Gb18030) {
    UErrorCode status = U_ZERO_ERROR;
    conv_ = ucnv_open("GB18030", &status);
    if (U_FAILURE(status)) fail(name_ + ": GB18030 converter unavailable (" + u_errorName(status) + ")");
    // Stop at the first undecodable sequence instead of substituting U+FFFD: silently wrong
    // names in official documents are worse than an error.
    ucnv_setToUCallBack(conv_, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    wide_.resize(kChunk);  // one GB18030 byte never yields more than one UTF-16 unit
  }
}

TextReader::~TextReader() {
  if (conv_) ucnv_close(conv_);
}

bool TextReader::fill() {
  buf_.clear();
  pos_ = 0;
  while (buf_.empty()) {
    if (done_) return false;
    in_.read(raw_.data(), static_cast<std::streamsize>(raw_.size()));
    const auto n = static_cast<size_t>(in_.gcount());
    const bool end = in_.eof();
    // A short read is only normal at the end of the file; anything else would loop for ever.
    if (in_.bad() || (n < raw_.size() && !end))
      fail(name_ + ": cannot read data file (near byte " + std::to_string(file_offset_ + n) + ")");
    if (conv_) {
      convert(n, end);
    } else {
      buf_.assign(raw_.data(), n);
      if (first_ && buf_.starts_with("\xEF\xBB\xBF")) buf_.erase(0, 3);
    }
    if (n > 0) first_ = false;
    file_offset_ += n;
    file_lines_ += static_cast<size_t>(std::count(raw_.data(), raw_.data() + n, '\n'));
    done_ = end;
  }
  return true;
}

void TextReader::convert(size_t n, bool end) {
  const char* source = raw_.data();
  const char* const source_end = raw_.data() + n;
  for (;;) {
    char16_t* target = wide_.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_toUnicode(conv_, &target, wide_.data() + wide_.size(), &source, source_end, nullptr, end, &status);
    for (const char16_t* p = wide_.data(); p < target; ++p) {
      char32_t cp = *p;
      if (high_) {  // ICU emits well-formed UTF-16, so a held high surrogate meets its low half
        cp = 0x10000 + ((static_cast<char32_t>(high_) - 0xD800) << 10) + (cp - 0xDC00);
        high_ = 0;
      } else if (cp >= 0xD800 && cp <= 0xDBFF) {
        high_ = static_cast<char16_t>(cp);
        continue;
      }
      if (first_ && buf_.empty() && cp == 0xFEFF) continue;  // a GB18030 BOM (84 31 95 33)
      utf8::append(buf_, cp);
    }
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) undecodable(static_cast<size_t>(source - raw_.data()), status == U_TRUNCATED_CHAR_FOUND);
    return;
  }
}

void TextReader::undecodable(size_t consumed, bool truncated) {
  // ICU has consumed the bad bytes; it hands them back so we can show and place them.
  char bad[32];
  int8_t len = sizeof bad;
  UErrorCode status = U_ZERO_ERROR;
  ucnv_getInvalidChars(conv_, bad, &len, &status);
  if (U_FAILURE(status)) len = 0;
  const size_t offset = file_offset_ + consumed - std::min(consumed + file_offset_, static_cast<size_t>(len));
  size_t line = file_lines_ + 1;
  if (offset > file_offset_) line += static_cast<size_t>(std::count(raw_.data(), raw_.data() + (offset - file_offset_), '\n'));
  std::string hex;
  for (int i = 0; i < len; ++i) {
    char h[8];
    std::snprintf(h, sizeof h, "%s%02X", i ? " " : "", static_cast<unsigned char>(bad[i]));
    hex += h;
  }
  const std::string what = truncated ? "incomplete GB18030 byte sequence " : "invalid GB18030 byte sequence ";
  fail(name_ + ":" + std::to_string(line) + ": " + what + (hex.empty() ? "" : hex + " ") + "at file offset " +
       std::to_string(offset));
}

}  // namespace gongwen::data_detail
