#pragma once
// A file's text as UTF-8 bytes, one byte at a time over 64 KiB chunks: UTF-8 passes through (BOM
// dropped, validity left to the caller, which can name the field), GB18030 is converted with
// ICU and undecodable bytes are rejected with their line and offset.
#include <fstream>
#include <string>
#include <vector>

struct UConverter;

namespace gongwen::data_detail {

class TextReader {
 public:
  enum class Encoding { Utf8, Gb18030 };
  /// "utf-8"/"utf8" or "gb18030" (also "gbk", "gb2312", which it contains), any case.
  static Encoding encoding_named(const std::string& encoding, const std::string& file);

  TextReader(std::ifstream in, Encoding encoding, std::string name);
  ~TextReader();
  TextReader(const TextReader&) = delete;
  TextReader& operator=(const TextReader&) = delete;

  /// The next byte, or -1 at the end.
  int get() {
    if (pos_ == buf_.size() && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_++]);
  }
  int peek() {
    if (pos_ == buf_.size() && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }

 private:
  bool fill();
  void convert(size_t n, bool end);
  [[noreturn]] void undecodable(size_t consumed, bool truncated);

  std::string name_;
  std::ifstream in_;
  UConverter* conv_ = nullptr;
  std::vector<char> raw_;
  std::vector<char16_t> wide_;
  std::string buf_;           // UTF-8 handed out by get()
  size_t pos_ = 0;
  size_t file_offset_ = 0;    // raw bytes before the current chunk
  size_t file_lines_ = 0;     // newlines in them (0x0A is never part of a GB18030 sequence)
  char16_t high_ = 0;         // a high surrogate whose low half is in the next chunk
  bool first_ = true, done_ = false;
};

}  // namespace gongwen::data_detail
