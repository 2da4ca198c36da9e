#include "pdf/podofo_util.hpp"

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

PdfObject* make_stream(PdfVecObjects& objects, std::string_view data, bool compress) {
  PdfObject* obj = objects.CreateObject();
  if (compress) {
    obj->GetStream()->Set(data.data(), static_cast<pdf_long>(data.size()));  // default filter: Flate
  } else {
    TVecFilters none;
    obj->GetStream()->Set(data.data(), static_cast<pdf_long>(data.size()), none);
  }
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
