#pragma once
// What the PDF/A checker's parts share (pdfa_check.cpp: file, metadata, colour, annotations,
// attachments; pdfa_check_text.cpp: fonts and the text the pages show). Internal to src/pdf.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "pdf/podofo_util.hpp"

namespace gongwen::pdf::pdfa_internal {

using namespace PoDoFo;

/// The parsed file and the problems found so far. PoDoFo's parser alone: PdfMemDocument would
/// rewrite the Info dictionary's ModDate as it loads.
struct Check {
  Check() { objects.SetAutoDelete(true); }  // off by default: without it every parsed object leaks
  Check(const Check&) = delete;
  Check& operator=(const Check&) = delete;

  PdfVecObjects objects;
  PdfParser parser{&objects};
  std::vector<std::string> problems;

  void fail(std::string what) { problems.push_back(std::move(what)); }
  /// `obj` with references followed (null stays null).
  const PdfObject* resolve(const PdfObject* obj) const {
    for (int depth = 0; obj && obj->IsReference() && depth < 32; ++depth) obj = objects.GetObject(obj->GetReference());
    return obj && obj->IsReference() ? nullptr : obj;
  }
  const PdfObject* key(const PdfObject* dict, const char* name) const {
    dict = resolve(dict);
    if (!dict || !dict->IsDictionary()) return nullptr;
    return resolve(dict->GetDictionary().GetKey(PdfName(name)));
  }
  const PdfObject* trailer() const { return parser.GetTrailer(); }
  const PdfObject* catalog() const { return key(trailer(), "Root"); }
  std::string decoded(const PdfObject* stream) const {
    char* buf = nullptr;
    pdf_long len = 0;
    stream->GetStream()->GetFilteredCopy(&buf, &len);
    std::string out(buf, static_cast<size_t>(len));
    podofo_free(buf);
    return out;
  }
};

/// A name's text, or empty when `obj` is not a name.
std::string name_of(const PdfObject* obj);
/// A text string as UTF-8 (UTF-16BE with or without a byte-order mark, else the bytes).
std::string string_of(const PdfObject* obj);

/// A font as the checker knows it once inspected.
struct FontInfo {
  std::string name;
  bool composite = false;
  bool ok = false;                 ///< embedded and has a ToUnicode
  std::map<uint32_t, bool> codes;  ///< of its ToUnicode: code → maps to a usable value
  std::set<uint32_t> reported;     ///< codes already checked
};

/// Fonts of the page (each inspected once across pages, in `fonts`) and every code its content
/// shows; DeviceCMYK images and colour. The page's content streams are dropped once read.
void check_page_text(Check& c, const PdfObject* page, int number, std::map<const PdfObject*, FontInfo>& fonts);

}  // namespace gongwen::pdf::pdfa_internal
