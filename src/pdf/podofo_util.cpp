#include "pdf/podofo_util.hpp"

#include <libdeflate.h>

#include <memory>

#include "pdf/pdf_format.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

PdfVariant real(double v) { return PdfVariant(PdfData((" " + num(v)).c_str())); }

PdfString text_string(std::string_view utf8) {
  if (is_plain_ascii(utf8)) return byte_string(utf8);
  std::string bytes = "\xFE\xFF" + utf16be(utf8);
  return PdfString(bytes.data(), static_cast<pdf_long>(bytes.size()), true);
}

PdfString byte_string(std::string_view bytes) {
  return PdfString(bytes.data(), static_cast<pdf_long>(bytes.size()), false);
}

std::string deflate(std::string_view data) {
  // libdeflate (Debian's libdeflate) in one call: about twice as fast as zlib at the same level
  // and size, and deterministic. One compressor per thread; they are not shareable.
  struct Free { void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); } };
  thread_local std::unique_ptr<libdeflate_compressor, Free> compressor(libdeflate_alloc_compressor(6));
  if (!compressor) throw PdfError(ePdfError_OutOfMemory);
  std::string out(libdeflate_zlib_compress_bound(compressor.get(), data.size()), '\0');
  const size_t n = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
  if (n == 0) throw PdfError(ePdfError_Flate);
  out.resize(n);
  return out;
}

PdfObject* make_deflated_stream(PdfVecObjects& objects, std::string_view deflated) {
  PdfObject* obj = objects.CreateObject();
  PdfMemoryInputStream in(deflated.data(), static_cast<pdf_long>(deflated.size()));
  obj->GetStream()->SetRawData(&in, static_cast<pdf_long>(deflated.size()));
  obj->GetDictionary().AddKey("Filter", PdfName("FlateDecode"));
  return obj;
}

PdfObject* make_stream(PdfVecObjects& objects, std::string_view data, bool compress) {
  if (compress) return make_deflated_stream(objects, deflate(data));
  PdfObject* obj = objects.CreateObject();
  TVecFilters none;
  obj->GetStream()->Set(data.data(), static_cast<pdf_long>(data.size()), none);
  return obj;
}

std::string podofo_message(const PdfError& e) {
  std::string msg = "PoDoFo: ";
  const char* name = PdfError::ErrorName(e.GetError());
  msg += name ? name : "error";
  if (!e.GetCallstack().empty()) {
    const std::string& info = e.GetCallstack().front().GetInformation();
    if (!info.empty()) msg += " (" + info + ")";
  }
  return msg;
}

}  // namespace gongwen::pdf
