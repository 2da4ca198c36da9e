#include "pdf/pdf_serialize.hpp"

#include <algorithm>

#include "pdf/pdf_format.hpp"
#include "pdf/podofo_util.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

namespace {

uint64_t mix(uint64_t x) {  // splitmix64 finalizer: spreads FNV's weak high bits
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

// One /ID lane: 8 bytes per step (little-endian words, so the ID is the same on every
// platform), rotated so high bits reach the low ones. Byte-wise FNV over every object was ~8% of
// a split batch's time once font subsetting and compression became cheap.
struct IdLane {
  uint64_t h;
  void add(std::string_view bytes) {
    size_t i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
      uint64_t w = 0;
      for (int k = 0; k < 8; ++k) w |= uint64_t{static_cast<uint8_t>(bytes[i + k])} << (8 * k);
      step(w);
    }
    uint64_t tail = 0x80;  // marks the tail's length: "ab" and "ab\0" differ
    for (; i < bytes.size(); ++i) tail = tail << 8 | static_cast<uint8_t>(bytes[i]);
    step(tail);
  }
  void step(uint64_t w) {
    h = ((h << 23 | h >> 41) ^ w) * 0x9E3779B97F4A7C15ull;
  }
};

void append_hex64(std::string& out, uint64_t v) {
  for (int shift = 48; shift >= 0; shift -= 16) append_hex4(out, static_cast<uint16_t>(v >> shift));
}

}  // namespace

std::string serialize_pdf(const PdfVecObjects& objects, const TrailerRefs& refs) {
  std::vector<const PdfObject*> sorted(objects.begin(), objects.end());
  std::sort(sorted.begin(), sorted.end(), [](const PdfObject* a, const PdfObject* b) {
    return a->Reference().ObjectNumber() < b->Reference().ObjectNumber();
  });
  const uint32_t size = sorted.empty() ? 1 : sorted.back()->Reference().ObjectNumber() + 1;

  std::string out = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";  // binary comment: marks the file as binary
  std::vector<size_t> offsets(size, 0);
  IdLane lane1{0xcbf29ce484222325ull}, lane2{0xcbf29ce484222325ull ^ 0x9E3779B97F4A7C15ull};
  for (const PdfObject* obj : sorted) {
    PdfRefCountedBuffer buffer;
    PdfOutputDevice device(&buffer);
    obj->WriteObject(&device, ePdfWriteMode_Compact, nullptr);
    const std::string_view bytes(buffer.GetBuffer(), device.GetLength());
    const uint32_t n = obj->Reference().ObjectNumber();
    offsets[n] = out.size();
    out.append(bytes);
    if (std::find(refs.not_in_id.begin(), refs.not_in_id.end(), n) == refs.not_in_id.end()) {
      lane1.add(bytes);
      lane2.add(bytes);
      lane2.step(n);
    }
  }

  const size_t xref_at = out.size();
  out += "xref\n0 " + std::to_string(size) + "\n";
  for (uint32_t n = 0; n < size; ++n) {
    // Entries are exactly 20 bytes: 10-digit offset, 5-digit generation, type, " \n".
    std::string off = std::to_string(offsets[n]);
    out.append(10 - std::min<size_t>(10, off.size()), '0');
    out += off;
    if (offsets[n] != 0)
      out += " 00000 n \n";
    else
      out += n == 0 ? " 65535 f \n" : " 00001 f \n";
  }

  std::string id;
  append_hex64(id, mix(lane1.h));
  append_hex64(id, mix(lane2.h));
  out += "trailer\n<</Size " + std::to_string(size) + "/Root " + std::to_string(refs.root) + " 0 R/Info " +
         std::to_string(refs.info) + " 0 R/ID[<" + id + "><" + id + ">]>>\n";
  out += "startxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  return out;
}

}  // namespace gongwen::pdf
