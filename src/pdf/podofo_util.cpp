#include "pdf/podofo_util.hpp"

#include <zlib.h>

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
  // zlib's own deflate in one call: PoDoFo's Flate filter appends in small pieces and was a
  // quarter of a large document's writing time. Level 6 (zlib's default) is deterministic.
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                static_cast<uLong>(data.size()), 6) != Z_OK)
    throw PdfError(ePdfError_Flate);
  out.resize(size);
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
