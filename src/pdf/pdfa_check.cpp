#include "pdf/pdfa_check.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>

#include "pdf/pdfa_check_internal.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

namespace pdfa_internal {

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

}  // namespace pdfa_internal

namespace {

using namespace pdfa_internal;

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

/// The page tree's pages, each once (a damaged tree naming a node twice, or in a cycle, must not
/// list a page twice: run_checks drops each page after checking it).
void collect_pages(const Check& c, const PdfObject* node, std::vector<const PdfObject*>& out,
                   std::set<const PdfObject*>& seen, int depth = 0) {
  if (!node || depth > 64 || !seen.insert(node).second) return;
  if (name_of(c.key(node, "Type")) == "Page") {
    out.push_back(node);
    return;
  }
  if (const PdfObject* kids = c.key(node, "Kids"); kids && kids->IsArray())
    for (const PdfObject& kid : kids->GetArray()) collect_pages(c, c.resolve(&kid), out, seen, depth + 1);
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
  std::set<const PdfObject*> seen;
  collect_pages(c, c.key(c.catalog(), "Pages"), pages, seen);
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
