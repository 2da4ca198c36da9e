// The PDF/A checker, fonts and text: every font embedded with a ToUnicode that maps every code a
// page shows (see pdfa_check.hpp).
#include <cctype>
#include <optional>

#include "pdf/pdfa_check_internal.hpp"

namespace gongwen::pdf::pdfa_internal {

namespace {

// ---- fonts -------------------------------------------------------------------------------------

/// Codes a ToUnicode CMap maps, with whether each maps to a usable value (not empty, U+0000,
/// U+FEFF or U+FFFE). A small tokenizer: hex strings, arrays and the bfchar / bfrange keywords.
std::map<uint32_t, bool> to_unicode_codes(const std::string& cmap) {
  std::map<uint32_t, bool> out;
  auto usable = [](const std::string& hex) {
    if (hex.empty() || hex.size() > 8) return !hex.empty() && hex.size() <= 64;
    const unsigned long v = std::stoul(hex, nullptr, 16);
    return v != 0 && v != 0xFEFF && v != 0xFFFE;
  };
  auto code_of = [](const std::string& hex) -> std::optional<uint32_t> {
    if (hex.empty() || hex.size() > 8 || hex.find_first_not_of("0123456789ABCDEFabcdef") != std::string::npos)
      return std::nullopt;
    return static_cast<uint32_t>(std::stoul(hex, nullptr, 16));
  };
  enum { None, Char, Range } mode = None;
  std::vector<std::string> pending;  // hex operands of the entry being read ("[" for an array)
  for (size_t i = 0; i < cmap.size();) {
    const char c = cmap[i];
    if (c == '<') {
      const size_t end = cmap.find('>', i);
      if (end == std::string::npos) break;
      std::string hex;
      for (size_t k = i + 1; k < end; ++k)
        if (std::isxdigit(static_cast<unsigned char>(cmap[k]))) hex.push_back(cmap[k]);
      pending.push_back(hex);
      i = end + 1;
    } else if (c == '[') {
      const size_t end = cmap.find(']', i);
      if (end == std::string::npos) break;
      pending.push_back("[");
      i = end + 1;
    } else if (std::isalpha(static_cast<unsigned char>(c))) {
      size_t end = i;
      while (end < cmap.size() && std::isalpha(static_cast<unsigned char>(cmap[end]))) ++end;
      const std::string word = cmap.substr(i, end - i);
      if (word == "beginbfchar") mode = Char;
      else if (word == "beginbfrange") mode = Range;
      else if (word == "endbfchar" || word == "endbfrange") mode = None;
      pending.clear();
      i = end;
    } else {
      ++i;
    }
    if (mode == Char && pending.size() == 2) {
      if (auto code = code_of(pending[0])) out[*code] = pending[1] != "[" && usable(pending[1]);
      pending.clear();
    } else if (mode == Range && pending.size() == 3) {
      const auto first = code_of(pending[0]), last = code_of(pending[1]);
      if (first && last)
        for (uint32_t code = *first; code <= *last && code - *first < 65536; ++code)
          out[code] = pending[2] == "[" || usable(pending[2]);
      pending.clear();
    } else if (mode == None) {
      pending.clear();
    }
  }
  return out;
}


FontInfo inspect_font(Check& c, const std::string& resource, const PdfObject* font) {
  FontInfo f;
  f.name = name_of(c.key(font, "BaseFont"));
  if (f.name.empty()) f.name = resource;
  f.composite = name_of(c.key(font, "Subtype")) == "Type0";
  const PdfObject* descendant = font;
  if (f.composite) {
    const PdfObject* d = c.key(font, "DescendantFonts");
    descendant = d && d->IsArray() && !d->GetArray().empty() ? c.resolve(&d->GetArray()[0]) : nullptr;
  }
  const PdfObject* descriptor = c.key(descendant, "FontDescriptor");
  const bool embedded = descriptor && (c.key(descriptor, "FontFile") || c.key(descriptor, "FontFile2") || c.key(descriptor, "FontFile3"));
  if (!embedded) c.fail("font " + f.name + " is not embedded");
  const PdfObject* tu = c.key(font, "ToUnicode");
  if (!tu || !tu->HasStream()) c.fail("font " + f.name + " has no ToUnicode CMap");
  else f.codes = to_unicode_codes(c.decoded(tu));
  f.ok = embedded && tu && tu->HasStream();
  return f;
}

void check_shown(Check& c, FontInfo& f, const PdfString& s, int page) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(s.GetString());
  const size_t n = static_cast<size_t>(s.GetLength());
  const size_t step = f.composite ? 2 : 1;
  for (size_t i = 0; i + step <= n; i += step) {
    const uint32_t code = f.composite ? (uint32_t{bytes[i]} << 8 | bytes[i + 1]) : bytes[i];
    if (!f.reported.insert(code).second) continue;
    if (f.composite && code == 0) {
      c.fail("page " + std::to_string(page) + ": font " + f.name + " shows .notdef (code 0)");
      continue;
    }
    auto it = f.codes.find(code);
    if (it == f.codes.end() || !it->second)
      c.fail("page " + std::to_string(page) + ": font " + f.name + " code " + std::to_string(code) +
             " has no Unicode value in its ToUnicode CMap");
  }
}

/// A page key, inherited from the page tree when the page lacks it (Resources).
const PdfObject* inherited(const Check& c, const PdfObject* page, const char* name) {
  for (int depth = 0; page && depth < 64; ++depth, page = c.key(page, "Parent"))
    if (const PdfObject* v = c.key(page, name)) return v;
  return nullptr;
}

/// The page's content streams, decoded and joined.
std::string page_content(const Check& c, const PdfObject* page) {
  const PdfObject* contents = c.key(page, "Contents");
  std::string out;
  if (contents && contents->HasStream()) return c.decoded(contents);
  if (contents && contents->IsArray())
    for (const PdfObject& part : contents->GetArray())
      if (const PdfObject* s = c.resolve(&part); s && s->HasStream()) out += c.decoded(s) + "\n";
  return out;
}

/// Drops the page's content streams, read once: a 200 000-record file is then checked without
/// holding most of it.
void release_contents(Check& c, const PdfObject* page) {
  const PdfObject* contents = page->GetDictionary().GetKey(PdfName("Contents"));
  std::vector<PdfReference> refs;
  if (contents && contents->IsReference()) {
    const PdfObject* target = c.resolve(contents);
    if (target && target->IsArray()) {
      for (const PdfObject& part : target->GetArray())
        if (part.IsReference()) refs.push_back(part.GetReference());
    } else {
      refs.push_back(contents->GetReference());
    }
  } else if (contents && contents->IsArray()) {
    for (const PdfObject& part : contents->GetArray())
      if (part.IsReference()) refs.push_back(part.GetReference());
  }
  for (const PdfReference& ref : refs) delete c.objects.RemoveObject(ref, false);
}

}  // namespace

void check_page_text(Check& c, const PdfObject* page, int number, std::map<const PdfObject*, FontInfo>& fonts) {
  const PdfObject* res_fonts = c.key(inherited(c, page, "Resources"), "Font");
  std::map<std::string, FontInfo*> by_resource;
  if (res_fonts && res_fonts->IsDictionary())
    for (const auto& [key, value] : res_fonts->GetDictionary().GetKeys()) {
      const PdfObject* font = c.resolve(value);
      auto it = fonts.find(font);
      if (it == fonts.end()) it = fonts.emplace(font, inspect_font(c, key.GetName(), font)).first;
      by_resource[key.GetName()] = &it->second;
    }
  const std::string content = page_content(c, page);
  release_contents(c, page);
  PdfContentsTokenizer tokens(content.data(), static_cast<long>(content.size()));
  EPdfContentsType type;
  const char* keyword = nullptr;
  PdfVariant var;
  std::vector<PdfVariant> operands;
  FontInfo* current = nullptr;
  bool cmyk_reported = false;
  if (const PdfObject* xobjects = c.key(inherited(c, page, "Resources"), "XObject"); xobjects && xobjects->IsDictionary())
    for (const auto& [key, value] : xobjects->GetDictionary().GetKeys())
      if (name_of(c.key(value, "ColorSpace")) == "DeviceCMYK")
        c.fail("page " + std::to_string(number) + ": image " + key.GetName() + " is DeviceCMYK beside an RGB output intent");
  while (tokens.ReadNext(type, keyword, var)) {
    if (type == ePdfContentsType_Variant) {
      operands.push_back(var);
      continue;
    }
    if (type != ePdfContentsType_Keyword) continue;
    const std::string op = keyword;
    if ((op == "k" || op == "K") && !cmyk_reported) {
      c.fail("page " + std::to_string(number) + ": DeviceCMYK colour (" + op + ") beside an RGB output intent");
      cmyk_reported = true;
    }
    if (op == "Tf" && operands.size() >= 2 && operands[operands.size() - 2].IsName()) {
      auto it = by_resource.find(operands[operands.size() - 2].GetName().GetName());
      current = it == by_resource.end() ? nullptr : it->second;
      if (!current) c.fail("page " + std::to_string(number) + ": Tf names a font missing from the page resources");
    } else if ((op == "Tj" || op == "'" || op == "\"" || op == "TJ") && current && current->ok && !operands.empty()) {
      const PdfVariant& last = operands.back();
      if (last.IsString() || last.IsHexString()) check_shown(c, *current, last.GetString(), number);
      if (last.IsArray())
        for (const PdfObject& item : last.GetArray())
          if (item.IsString() || item.IsHexString()) check_shown(c, *current, item.GetString(), number);
    }
    operands.clear();
  }
}

}  // namespace gongwen::pdf::pdfa_internal
