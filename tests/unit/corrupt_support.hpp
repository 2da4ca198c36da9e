#pragma once
// Deterministic corruption for robustness tests of binary parsers: the same damaged inputs on
// every run, so a failure reproduces.
#include <cstdint>
#include <string>

namespace gongwen::test {

class Corruptor {
 public:
  explicit Corruptor(uint64_t seed) : seed_(seed) {}
  /// `table` with 1–4 random bytes overwritten (more as `round` grows, cycling), and cut short
  /// at a random length every fifth round.
  std::string damaged(const std::string& table, int round) {
    std::string t = table;
    if (t.empty()) return t;
    for (int k = 0; k < 1 + round % 4; ++k) t[(next() >> 33) % t.size()] = static_cast<char>(next() >> 56);
    if (round % 5 == 0) t.resize((next() >> 33) % t.size());
    return t;
  }

 private:
  uint64_t next() { return seed_ = seed_ * 6364136223846793005ull + 1442695040888963407ull; }
  uint64_t seed_;
};

}  // namespace gongwen::test
