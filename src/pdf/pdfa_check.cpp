#include "pdf/pdfa_check.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "pdf/podofo_util.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

namespace {

/// The parsed file and the problems found so far. PoDoFo's parser alone: PdfMemDocument would
/// rewrite the Info dictionary's ModDate as it loads.
struct Check {
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

std::string name_of(const PdfObject* obj) { return obj && obj->IsName() ? obj->GetName().GetName() : std::string(); }

/// A text string as UTF-8: UTF-16BE with a byte-order mark, else PDFDocEncoding (ASCII here).
std::string string_of(const PdfObject* obj) {
  if (!obj || !(obj->IsString() || obj->IsHexString())) return {};
  // PoDoFo 0.9.8 keeps a parsed Unicode string as UTF-16BE (its GetStringUtf8 comes back empty).
  const PdfString& s = obj->GetString();
  const std::string raw(s.GetString(), static_cast<size_t>(s.GetLength()));
  const bool bom = raw.size() >= 2 && raw[0] == '\xFE' && raw[1] == '\xFF';
  if (!s.IsUnicode() && !bom) return raw;
  std::string out;
  for (size_t i = bom ? 2 : 0; i + 1 < raw.size(); i += 2) {
    uint32_t u = static_cast<unsigned char>(raw[i]) << 8 | static_cast<unsigned char>(raw[i + 1]);
    if (u >= 0xD800 && u < 0xDC00 && i + 3 < raw.size()) {
      const uint32_t lo = static_cast<unsigned char>(raw[i + 2]) << 8 | static_cast<unsigned char>(raw[i + 3]);
      u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
      i += 2;
    }
    if (u < 0x80) {
      out.push_back(static_cast<char>(u));
    } else if (u < 0x800) {
      out.push_back(static_cast<char>(0xC0 | u >> 6));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else if (u < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | u >> 12));
      out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | u >> 18));
      out.push_back(static_cast<char>(0x80 | ((u >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((u >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (u & 0x3F)));
    }
  }
  return out;
}

// ---- XMP ----------------------------------------------------------------------------------------

/// The text of the first `<tag>…</tag>` (inside rdf:li when there is one) or the attribute
/// tag="…"; nullopt when absent. Entities of the XML escapes are undone. Plain string search
/// (std::regex recurses per character: a large hostile packet could exhaust the stack).
std::optional<std::string> xmp_value(const std::string& xmp, const std::string& tag) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  /// Inner text of the first <name ...>…</name> at or after `from`.
  auto element = [&](const std::string& text, const std::string& name) -> std::optional<std::string> {
    for (size_t p = 0; (p = text.find("<" + name, p)) != std::string::npos; ++p) {
      const size_t after = p + 1 + name.size();
      if (after >= text.size() || !(text[after] == '>' || is_space(text[after]))) continue;
      const size_t open_end = text.find('>', after);
      if (open_end == std::string::npos || text[open_end - 1] == '/') continue;
      const size_t close = text.find("</" + name + ">", open_end);
      if (close == std::string::npos) return std::nullopt;
      return text.substr(open_end + 1, close - open_end - 1);
    }
    return std::nullopt;
  };
  std::string v;
  if (auto e = element(xmp, tag)) {
    v = *e;
    if (auto li = element(v, "rdf:li")) v = *li;
  } else {
    bool found = false;
    for (size_t p = 0; !found && (p = xmp.find(tag, p)) != std::string::npos; ++p) {
      if (p == 0 || !is_space(xmp[p - 1])) continue;
      size_t q = p + tag.size();
      while (q < xmp.size() && is_space(xmp[q])) ++q;
      if (q >= xmp.size() || xmp[q] != '=') continue;
      ++q;
      while (q < xmp.size() && is_space(xmp[q])) ++q;
      if (q >= xmp.size() || (xmp[q] != '"' && xmp[q] != '\'')) continue;
      const size_t end = xmp.find(xmp[q], q + 1);
      if (end == std::string::npos) continue;
      v = xmp.substr(q + 1, end - q - 1);
      found = true;
    }
    if (!found) return std::nullopt;
  }
  static const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities)
    for (size_t p = 0; (p = v.find(from, p)) != std::string::npos; p += std::strlen(to)) v.replace(p, std::strlen(from), to);
  return v;
}

/// "D:20170101000000Z" / "D:20170101000000+00'00'" and "2017-01-01T00:00:00Z" → "20170101000000" + zone.
std::string date_key(std::string d) {
  if (d.starts_with("D:")) d = d.substr(2);
  std::string digits, zone;
  for (size_t i = 0; i < d.size(); ++i) {
    const char c = d[i];
    if (c == 'Z' || c == '+' || (c == '-' && digits.size() >= 8)) {
      zone = d.substr(i);
      break;
    }
    if (c >= '0' && c <= '9') digits.push_back(c);
  }
  zone.erase(std::remove(zone.begin(), zone.end(), '\''), zone.end());
  zone.erase(std::remove(zone.begin(), zone.end(), ':'), zone.end());
  if (zone == "+0000" || zone == "-0000") zone = "Z";
  return digits + zone;
}

void check_xmp(Check& c) {
  const PdfObject* meta = c.key(c.catalog(), "Metadata");
  if (!meta || !meta->HasStream()) return c.fail("no XMP metadata stream on the catalog (/Metadata)");
  if (meta->GetDictionary().HasKey("Filter")) c.fail("the XMP metadata stream is compressed (/Filter): PDF/A wants it readable as is");
  const std::string xmp = c.decoded(meta);
  if (xmp.find("http://www.aiim.org/pdfa/ns/id/") == std::string::npos)
    c.fail("the XMP metadata does not declare the PDF/A identification schema (http://www.aiim.org/pdfa/ns/id/)");
  if (xmp_value(xmp, "pdfaid:part").value_or("") != "3") c.fail("XMP pdfaid:part is not 3");
  if (xmp_value(xmp, "pdfaid:conformance").value_or("") != "U") c.fail("XMP pdfaid:conformance is not U");
  const PdfObject* info = c.key(c.trailer(), "Info");
  struct Pair { const char* info; const char* xmp; bool date; };
  static const Pair pairs[] = {{"Title", "dc:title", false},        {"Author", "dc:creator", false},
                               {"Subject", "dc:description", false}, {"Keywords", "pdf:Keywords", false},
                               {"Producer", "pdf:Producer", false},  {"Creator", "xmp:CreatorTool", false},
                               {"CreationDate", "xmp:CreateDate", true}, {"ModDate", "xmp:ModifyDate", true}};
  for (const Pair& p : pairs) {
    const PdfObject* v = info ? c.key(info, p.info) : nullptr;
    const std::optional<std::string> x = xmp_value(xmp, p.xmp);
    if (!v) continue;  // an XMP value without Info entry is allowed
    const std::string s = string_of(v);
    if (!x) {
      c.fail(std::string("Info /") + p.info + " has no XMP counterpart " + p.xmp);
    } else if (p.date ? date_key(s) != date_key(*x) : s != *x) {
      c.fail(std::string("Info /") + p.info + " \"" + s + "\" differs from XMP " + p.xmp + " \"" + *x + "\"");
    }
  }
}

// ---- output intent -----------------------------------------------------------------------------

void check_output_intent(Check& c) {
  const PdfObject* intents = c.key(c.catalog(), "OutputIntents");
  if (!intents || !intents->IsArray()) return c.fail("no /OutputIntents on the catalog");
  for (const PdfObject& item : intents->GetArray()) {
    const PdfObject* intent = c.resolve(&item);
    if (name_of(c.key(intent, "S")) != "GTS_PDFA1") continue;
    const PdfObject* profile = c.key(intent, "DestOutputProfile");
    if (!profile || !profile->HasStream()) return c.fail("the GTS_PDFA1 output intent has no DestOutputProfile stream");
    const std::string icc = c.decoded(profile);
    if (icc.size() < 128 || icc.compare(36, 4, "acsp") != 0) return c.fail("the output intent's profile is not an ICC profile");
    if (icc.compare(16, 4, "RGB ") != 0) c.fail("the output intent's ICC profile is not an RGB profile");
    const int major = static_cast<unsigned char>(icc[8]);
    if (major < 2 || major > 4) c.fail("the output intent's ICC profile has version " + std::to_string(major) + " (2 to 4 allowed)");
    if (profile->GetDictionary().GetKeyAsLong(PdfName("N"), 0) != 3) c.fail("the output intent's ICC stream has no /N 3");
    return;
  }
  c.fail("no GTS_PDFA1 output intent");
}

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
    if (hex.empty() || hex.size() > 8) return std::nullopt;
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

struct FontInfo {
  std::string name;
  bool composite = false;
  bool ok = false;                 ///< embedded and has a ToUnicode
  std::map<uint32_t, bool> codes;  ///< of its ToUnicode
  std::set<uint32_t> reported;     ///< codes already reported
};

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

// ---- annotations -------------------------------------------------------------------------------

/// ISO 19005-2 §6.5.1 / §6.6.1: actions a PDF/A file must not hold.
bool forbidden_action(const Check& c, const PdfObject* action) {
  static const std::set<std::string> forbidden = {"Launch", "Sound", "Movie", "ResetForm", "ImportData", "JavaScript",
                                                  "Hide", "SetOCGState", "Rendition", "Trans", "GoTo3DView"};
  return action && forbidden.count(name_of(c.key(action, "S")));
}

void check_annotations(Check& c, const PdfObject* page, int number) {
  const PdfObject* annots = c.key(page, "Annots");
  if (!annots || !annots->IsArray()) return;
  for (const PdfObject& item : annots->GetArray()) {
    const PdfObject* a = c.resolve(&item);
    const PdfObject* flags = c.key(a, "F");
    const int64_t f = flags && flags->IsNumber() ? flags->GetNumber() : 0;
    if (forbidden_action(c, c.key(a, "A")))
      c.fail("page " + std::to_string(number) + ": an annotation has a " + name_of(c.key(c.key(a, "A"), "S")) +
             " action, which PDF/A forbids");
    if (!(f & 4) || (f & (1 | 2 | 32)))
      c.fail("page " + std::to_string(number) + ": a " + name_of(c.key(a, "Subtype")) +
             " annotation is not printable (/F " + std::to_string(f) + "; PDF/A wants Print set, Invisible, Hidden and NoView clear)");
  }
}

// ---- associated files --------------------------------------------------------------------------

void collect_name_tree(const Check& c, const PdfObject* node, std::set<const PdfObject*>& out, int depth = 0) {
  if (!node || depth > 32) return;
  if (const PdfObject* names = c.key(node, "Names"); names && names->IsArray())
    for (size_t i = 1; i < names->GetArray().size(); i += 2) out.insert(c.resolve(&names->GetArray()[i]));
  if (const PdfObject* kids = c.key(node, "Kids"); kids && kids->IsArray())
    for (const PdfObject& kid : kids->GetArray()) collect_name_tree(c, c.resolve(&kid), out, depth + 1);
}

void check_filespec(Check& c, const PdfObject* spec) {
  const std::string name = string_of(c.key(spec, "UF"));
  const std::string label = "associated file \"" + (name.empty() ? string_of(c.key(spec, "F")) : name) + "\"";
  if (!c.key(spec, "F") || !c.key(spec, "UF")) c.fail(label + " lacks /F or /UF");
  static const std::set<std::string> relationships = {"Source", "Data", "Alternative", "Supplement", "Unspecified"};
  if (!relationships.count(name_of(c.key(spec, "AFRelationship"))))
    c.fail(label + " has no valid /AFRelationship");
  const PdfObject* stream = c.key(c.key(spec, "EF"), "F");
  if (!stream || !stream->HasStream()) return c.fail(label + " has no embedded file stream (/EF /F)");
  const std::string mime = name_of(c.key(stream, "Subtype"));
  if (mime.find('/') == std::string::npos) c.fail(label + " has no MIME type (/Subtype)");
  if (!c.key(c.key(stream, "Params"), "ModDate")) c.fail(label + " has no /Params /ModDate");
  // Decoded in passing (a combined batch's records can be hundreds of MB), counted against /Size.
  struct Counter : PdfOutputStream {
    uint64_t n = 0;
    pdf_long Write(const char*, pdf_long len) override {
      n += static_cast<uint64_t>(len);
      return len;
    }
    void Close() override {}
  } counter;
  try {
    stream->GetStream()->GetFilteredCopy(&counter);
  } catch (const PdfError&) {
    return c.fail(label + ": its data cannot be decoded");
  }
  const PdfObject* size = c.key(c.key(stream, "Params"), "Size");
  if (size && size->IsNumber() && static_cast<uint64_t>(size->GetNumber()) != counter.n)
    c.fail(label + ": /Params /Size " + std::to_string(size->GetNumber()) + " but " + std::to_string(counter.n) +
           " bytes of data");
}

void check_associated_files(Check& c) {
  const PdfObject* af = c.key(c.catalog(), "AF");
  if (!af || !af->IsArray() || af->GetArray().empty()) return c.fail("no associated files (/AF) on the catalog: the data is not attached");
  std::set<const PdfObject*> in_af, in_tree;
  for (const PdfObject& item : af->GetArray()) {
    const PdfObject* spec = c.resolve(&item);
    in_af.insert(spec);
    check_filespec(c, spec);
  }
  collect_name_tree(c, c.key(c.key(c.catalog(), "Names"), "EmbeddedFiles"), in_tree);
  for (const PdfObject* spec : in_tree)
    if (!in_af.count(spec)) c.fail("embedded file \"" + string_of(c.key(spec, "UF")) + "\" is not an associated file (/AF)");
  for (const PdfObject* spec : in_af)
    if (!in_tree.count(spec)) c.fail("associated file \"" + string_of(c.key(spec, "UF")) + "\" is missing from the EmbeddedFiles name tree");
}

void collect_pages(const Check& c, const PdfObject* node, std::vector<const PdfObject*>& out, int depth = 0) {
  if (!node || depth > 64) return;
  if (name_of(c.key(node, "Type")) == "Page") {
    out.push_back(node);
    return;
  }
  if (const PdfObject* kids = c.key(node, "Kids"); kids && kids->IsArray())
    for (const PdfObject& kid : kids->GetArray()) collect_pages(c, c.resolve(&kid), out, depth + 1);
}

// ---- file syntax (ISO 19005-2 §6.1.2, §6.1.9) -------------------------------------------------

/// `text` starts "N G obj" and an EOL.
bool object_header(const char* text) {
  size_t i = 0;
  for (int part = 0; part < 2; ++part) {
    const size_t start = i;
    while (std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
    if (i == start || text[i] != ' ') return false;
    ++i;
  }
  return std::strncmp(text + i, "obj", 3) == 0 && (text[i + 3] == '\n' || text[i + 3] == '\r');
}

/// The header's binary comment, and "N G obj" + EOL at every offset of a classic xref table
/// (a file with a cross-reference stream is not checked here).
void check_file_syntax(Check& c, const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::string head(64, '\0');
  f.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(f.gcount()));
  const size_t eol = head.find_first_of("\r\n");
  size_t binary = 0;
  if (eol != std::string::npos && eol + 1 < head.size() && head[eol + 1 + (head[eol] == '\r' && head[eol + 1] == '\n')] == '%')
    for (size_t i = eol + 2; i < head.size() && static_cast<unsigned char>(head[i]) >= 128; ++i) ++binary;
  if (binary < 4) c.fail("the header is not followed by a comment of at least 4 bytes over 127");
  f.clear();
  f.seekg(0, std::ios::end);
  const std::streamoff size = f.tellg();
  std::string tail(static_cast<size_t>(std::min<std::streamoff>(size, 1024)), '\0');
  f.seekg(size - static_cast<std::streamoff>(tail.size()));
  f.read(tail.data(), static_cast<std::streamsize>(tail.size()));
  const size_t sx = tail.rfind("startxref");
  if (sx == std::string::npos) return c.fail("no startxref");
  f.seekg(std::stoll(tail.substr(sx + 9)));
  std::string line;
  if (!(f >> line) || line != "xref") return;  // a cross-reference stream
  size_t bad = 0;
  for (uint64_t first = 0, count = 0; f >> first >> count;) {
    f.get();  // the EOL after the subsection header
    std::vector<uint64_t> offsets;
    for (uint64_t i = 0; i < count; ++i) {
      char entry[20];
      if (!f.read(entry, 20)) return c.fail("the cross-reference table is truncated");
      if (entry[17] == 'n') offsets.push_back(std::stoull(std::string(entry, 10)));
    }
    const std::streampos resume = f.tellg();
    for (uint64_t at : offsets) {
      char obj[48] = {};
      f.seekg(static_cast<std::streamoff>(at));
      f.read(obj, sizeof obj - 1);
      f.clear();
      if (!object_header(obj) && ++bad <= 3)
        c.fail("the object at offset " + std::to_string(at) + " does not start with \"N G obj\" and an EOL");
    }
    f.seekg(resume);
  }
  if (bad > 3) c.fail(std::to_string(bad - 3) + " more objects without \"N G obj\" and an EOL");
}

void run_checks(Check& c) {
  if (c.key(c.trailer(), "Encrypt")) return c.fail("the file is encrypted");
  if (c.parser.GetPdfVersion() > ePdfVersion_1_7) c.fail("the file is newer than PDF 1.7");
  const PdfObject* id = c.key(c.trailer(), "ID");
  if (!id || !id->IsArray() || id->GetArray().size() != 2) c.fail("the trailer has no /ID");
  check_xmp(c);
  check_output_intent(c);
  if (c.key(c.key(c.catalog(), "Names"), "JavaScript") || forbidden_action(c, c.key(c.catalog(), "OpenAction")) ||
      c.key(c.catalog(), "AA"))
    c.fail("the catalog holds JavaScript, a forbidden open action or additional actions (/AA)");
  std::map<const PdfObject*, FontInfo> fonts;
  std::vector<const PdfObject*> pages;
  collect_pages(c, c.key(c.catalog(), "Pages"), pages);
  if (pages.empty()) c.fail("the file has no pages");
  for (size_t i = 0; i < pages.size(); ++i) {
    check_page_text(c, pages[i], static_cast<int>(i + 1), fonts);
    check_annotations(c, pages[i], static_cast<int>(i + 1));
    delete c.objects.RemoveObject(pages[i]->Reference(), false);  // read once (see release_contents)
    pages[i] = nullptr;
  }
  check_associated_files(c);
}

}  // namespace

std::vector<std::string> check_pdfa(const std::string& path) {
  Check c;
  try {
    c.parser.ParseFile(path.c_str(), /*bLoadOnDemand=*/true);
    run_checks(c);
    check_file_syntax(c, path);
  } catch (const PdfError& e) {
    if (e.GetError() == ePdfError_InvalidPassword) c.fail("the file is encrypted");
    else c.fail("cannot read the file: " + podofo_message(e));
  } catch (const std::exception& e) {
    c.fail(std::string("cannot read the file: ") + e.what());
  }
  for (auto& p : c.problems) p = path + ": " + p;
  return c.problems;
}

}  // namespace gongwen::pdf
