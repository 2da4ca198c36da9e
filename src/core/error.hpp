#pragma once
// One exception type for every user-facing failure. The message is complete and already
// carries its location ("file:line:col: ..." for layouts, "DATA: record N: field: ..." for data),
// so the CLI prints it as is.
#include <stdexcept>
#include <string>

namespace gongwen {

enum class ErrorKind { Unknown = 0, Layout, Data, Font, Io, Render, Usage };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

/// "file:line:col: message" — the form editors and compilers use, so jumps work.
inline std::string at(const std::string& file, int line, int col, const std::string& message) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + message;
}

}  // namespace gongwen
