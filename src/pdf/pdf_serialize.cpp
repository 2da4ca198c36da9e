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

PdfFileWriter::PdfFileWriter(Sink sink)
    : sink_(std::move(sink)), lane1_(0xcbf29ce484222325ull), lane2_(0xcbf29ce484222325ull ^ 0x9E3779B97F4A7C15ull) {
  put("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");  // binary comment: marks the file as binary
}

void PdfFileWriter::put(std::string_view bytes) {
  sink_(bytes);
  at_ += bytes.size();
}

void PdfFileWriter::add(const PdfObject& obj, bool in_id) {
  const uint32_t n = obj.Reference().ObjectNumber();
  if (n < offsets_.size()) throw PdfError(ePdfError_InternalLogic, __FILE__, __LINE__, "objects out of order");
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  obj.WriteObject(&device, ePdfWriteMode_Compact, nullptr);
  std::string_view bytes(buffer.GetBuffer(), device.GetLength());
  offsets_.resize(n + 1, 0);
  offsets_[n] = at_;
  // PoDoFo's compact mode writes "12 0 obj<<…": PDF/A (ISO 19005-2 §6.1.9) wants an EOL after
  // "obj" (before "endobj" PoDoFo already puts one).
  const size_t kw = bytes.substr(0, 32).find(" obj");
  if (kw != std::string_view::npos && kw + 4 < bytes.size() && bytes[kw + 4] != '\n' && bytes[kw + 4] != '\r') {
    const std::string_view head = bytes.substr(0, kw + 4);
    put(head);
    put("\n");
    if (in_id) hash(head, n);
    bytes.remove_prefix(kw + 4);
  }
  put(bytes);
  if (in_id) hash(bytes, n);
}

void PdfFileWriter::hash(std::string_view bytes, uint32_t number) {
  IdLane l1{lane1_}, l2{lane2_};
  l1.add(bytes);
  l2.add(bytes);
  l2.step(number);
  lane1_ = l1.h;
  lane2_ = l2.h;
}

void PdfFileWriter::add_stream(uint32_t number, const PdfDictionary& dict, uint64_t length,
                               const std::function<void(const Sink&)>& body, std::string_view id_data) {
  if (number < offsets_.size()) throw PdfError(ePdfError_InternalLogic, __FILE__, __LINE__, "objects out of order");
  PdfDictionary d = dict;
  d.AddKey("Length", PdfVariant(static_cast<pdf_int64>(length)));
  PdfRefCountedBuffer buffer;
  PdfOutputDevice device(&buffer);
  d.Write(&device, ePdfWriteMode_Compact);
  std::string head = std::to_string(number) + " 0 obj\n";
  head.append(buffer.GetBuffer(), device.GetLength());
  head += "stream\n";
  offsets_.resize(number + 1, 0);
  offsets_[number] = at_;
  put(head);
  hash(head, number);
  hash(id_data, number);
  uint64_t written = 0;
  body([&](std::string_view bytes) {
    written += bytes.size();
    put(bytes);
  });
  if (written != length) throw PdfError(ePdfError_InternalLogic, __FILE__, __LINE__, "stream length changed");
  put("\nendstream\nendobj\n");
}

void PdfFileWriter::finish(const TrailerRefs& refs) {
  const uint32_t size = offsets_.empty() ? 1 : static_cast<uint32_t>(offsets_.size());
  offsets_.resize(size, 0);
  const uint64_t xref_at = at_;
  std::string out = "xref\n0 " + std::to_string(size) + "\n";
  for (uint32_t n = 0; n < size; ++n) {
    // Entries are exactly 20 bytes: 10-digit offset, 5-digit generation, type, " \n".
    std::string off = std::to_string(offsets_[n]);
    out.append(10 - std::min<size_t>(10, off.size()), '0');
    out += off;
    if (offsets_[n] != 0)
      out += " 00000 n \n";
    else
      out += n == 0 ? " 65535 f \n" : " 00001 f \n";
    if (out.size() >= (1u << 16)) {
      put(out);
      out.clear();
    }
  }
  std::string id;
  append_hex64(id, mix(lane1_));
  append_hex64(id, mix(lane2_));
  out += "trailer\n<</Size " + std::to_string(size) + "/Root " + std::to_string(refs.root) + " 0 R/Info " +
         std::to_string(refs.info) + " 0 R/ID[<" + id + "><" + id + ">]>>\n";
  out += "startxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  put(out);
}

std::string serialize_pdf(const PdfVecObjects& objects, const TrailerRefs& refs,
                          const std::function<void(PdfFileWriter&)>& tail) {
  std::vector<const PdfObject*> sorted(objects.begin(), objects.end());
  std::sort(sorted.begin(), sorted.end(), [](const PdfObject* a, const PdfObject* b) {
    return a->Reference().ObjectNumber() < b->Reference().ObjectNumber();
  });
  std::string out;
  PdfFileWriter file([&out](std::string_view bytes) { out.append(bytes); });
  for (const PdfObject* obj : sorted) {
    const uint32_t n = obj->Reference().ObjectNumber();
    file.add(*obj, std::find(refs.not_in_id.begin(), refs.not_in_id.end(), n) == refs.not_in_id.end());
  }
  if (tail) tail(file);
  file.finish(refs);
  return out;
}

}  // namespace gongwen::pdf
