// The prepared-code Flate encoder (huffman_deflate.hpp), judged by zlib's own inflate. Other
// Flate readers (poppler's, MuPDF's, Ghostscript's, qpdf's) decode its font streams in
// pdf_writer_test.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "font/face.hpp"
#include "pdf/cff_subset.hpp"
#include "pdf/huffman_deflate.hpp"

namespace gongwen::pdf {
namespace {

std::string inflate(const std::string& z, size_t size) {
  std::string out(size + 1, '\0');  // one spare byte: a longer result shows as a size mismatch
  uLongf len = static_cast<uLongf>(out.size());
  const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(z.data()),
                            static_cast<uLong>(z.size()));
  EXPECT_EQ(rc, Z_OK) << "zlib rejects the stream";
  out.resize(rc == Z_OK ? len : 0);
  return out;
}

std::string random_bytes(size_t n, uint64_t seed) {
  std::string s(n, '\0');
  for (char& c : s) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    c = static_cast<char>(seed >> 56);
  }
  return s;
}

std::string all_byte_values() {
  std::string s;
  for (int i = 0; i < 256; ++i) s.push_back(static_cast<char>(i));
  return s;
}

TEST(HuffmanDeflate, RoundTripsWhateverTheSample) {
  // Fibonacci frequencies make the plain Huffman tree ~25 levels deep: the code must be cut to
  // 15 bits. The other samples: none, one byte value only, uniform, random.
  std::string fibonacci;
  for (uint64_t a = 1, b = 1, i = 0; i < 26; ++i, std::tie(a, b) = std::pair(b, a + b)) fibonacci.append(a, static_cast<char>(i));
  const std::vector<std::string> samples = {"", std::string(100000, 'a'), all_byte_values(), random_bytes(50000, 1), fibonacci};
  const std::vector<std::string> inputs = {"", "x", all_byte_values(), random_bytes(300000, 2), std::string(70000, '\0'),
                                           fibonacci, "endchar\x0E\x0E\x0E"};
  for (size_t s = 0; s < samples.size(); ++s) {
    HuffmanDeflater deflater(samples[s]);
    for (size_t i = 0; i < inputs.size(); ++i) {
      SCOPED_TRACE("sample " + std::to_string(s) + " input " + std::to_string(i));
      const std::string z = deflater.deflate(inputs[i]);
      EXPECT_EQ(inflate(z, inputs[i].size()), inputs[i]);
      EXPECT_EQ(deflater.deflate(inputs[i]), z);  // deterministic
    }
  }
}

TEST(HuffmanDeflate, FandolSubsetsCostAFewPercentMoreThanZlibLevel6) {
  Face face((std::filesystem::path(GONGWEN_SOURCE_DIR) / "fonts" / "fandol" / "FandolFang-Regular.otf").string(), 0);
  const CffSource& source = cff_source(face);
  ASSERT_TRUE(source.can_subset());
  std::vector<uint32_t> gids;
  for (uint32_t g = 800; g < 7000; g += 23) gids.push_back(g);  // ~270 hanzi
  const std::string program = source.subset(gids);
  const std::string ours = source.deflater().deflate(program);
  EXPECT_EQ(inflate(ours, program.size()), program);

  uLongf len = compressBound(static_cast<uLong>(program.size()));
  std::string zlib6(len, '\0');
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(zlib6.data()), &len, reinterpret_cast<const Bytef*>(program.data()),
                      static_cast<uLong>(program.size()), 6),
            Z_OK);
  EXPECT_LT(ours.size(), program.size() * 0.9) << "the code should compress charstrings";
  EXPECT_LT(ours.size(), len * 1.07) << ours.size() << " vs zlib " << len;
}

}  // namespace
}  // namespace gongwen::pdf
