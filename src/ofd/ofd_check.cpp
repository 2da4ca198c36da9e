#include "ofd/ofd_check.hpp"

#include <hb.h>
#include <zip.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/utf8.hpp"
#include "data/xml_stream.hpp"
#include "font/face.hpp"

namespace gongwen::ofd {

namespace {

/// A parsed XML element: local names only (the checker does not depend on the prefix).
struct Node {
  std::string name, text;
  std::map<std::string, std::string> attrs;
  std::vector<std::unique_ptr<Node>> kids;
  const std::string* attr(const char* n) const {
    auto it = attrs.find(n);
    return it == attrs.end() ? nullptr : &it->second;
  }
  const Node* kid(std::string_view n) const {
    for (const auto& k : kids)
      if (k->name == n) return k.get();
    return nullptr;
  }
  template <class F>
  void walk(F&& f) const {
    f(*this);
    for (const auto& k : kids) k->walk(f);
  }
};

std::unique_ptr<Node> parse_xml(const std::string& bytes, const std::string& where) {
  auto root = std::make_unique<Node>();
  std::vector<Node*> stack{root.get()};
  data_detail::XmlStream xml(where);
  xml.on_start = [&](std::string_view name, const data_detail::XmlStream::Attrs& a) {
    // The tree is walked recursively: a part nested deeper than any OFD part is refused.
    if (stack.size() > 64) throw Error(ErrorKind::Data, where + ": elements nested more than 64 deep");
    auto n = std::make_unique<Node>();
    n->name = std::string(name);
    for (const char** p = a.list; p && p[0]; p += 2) n->attrs[std::string(data_detail::local_name(p[0]))] = p[1];
    Node* raw = n.get();
    stack.back()->kids.push_back(std::move(n));
    stack.push_back(raw);
  };
  xml.on_end = [&](std::string_view) { stack.pop_back(); };
  xml.on_text = [&](std::string_view t) { stack.back()->text.append(t); };
  xml.feed(bytes, true);
  if (root->kids.size() != 1) throw Error(ErrorKind::Data, where + ": no root element");
  return std::move(root->kids[0]);
}

struct ZipDeleter { void operator()(zip_t* z) const { zip_discard(z); } };

std::string trim(const std::string& s) {
  const size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string dir_of(const std::string& path) {
  const size_t p = path.rfind('/');
  return p == std::string::npos ? "" : path.substr(0, p);
}

/// A location inside the package: absolute ("/Doc_0/…") from the root, else from `base`.
std::string resolve(const std::string& base, const std::string& loc) {
  std::string l = trim(loc);
  std::vector<std::string> parts;
  std::string joined = (!l.empty() && l[0] == '/') ? l.substr(1) : (base.empty() ? l : base + "/" + l);
  std::stringstream ss(joined);
  for (std::string part; std::getline(ss, part, '/');) {
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

/// A count or ID as written: a whole number from 0 to 2^53 (a larger or fractional value is no
/// count; casting it would be undefined).
bool is_count(double v) { return v >= 0 && v <= 9007199254740992.0 && v == std::floor(v); }

std::vector<double> numbers(const std::string& s) {
  std::vector<double> v;
  std::istringstream in(s);
  in.imbue(std::locale::classic());
  for (std::string tok; in >> tok;) {
    char* end = nullptr;
    const double d = std::strtod(tok.c_str(), &end);
    v.push_back(end && *end == 0 ? d : NAN);
  }
  return v;
}

struct Font {
  std::set<char32_t> cmap;
  unsigned glyphs = 0;
};

class Checker {
 public:
  Checker(const std::string& bytes, const std::string& name) : name_(name) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src) {
      zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
      if (z) zip_.reset(z);
      else zip_source_free(src);
    }
  }
  CheckReport run() {
    try {
      check();
    } catch (const Error& e) {
      problem(e.what());
    }
    return r_;
  }

 private:
  void check();
  bool has(const std::string& entry) const { return zip_ && zip_name_locate(zip_.get(), entry.c_str(), 0) >= 0; }
  std::string read(const std::string& entry) const;
  std::unique_ptr<Node> load(const std::string& entry);
  void problem(std::string p) { r_.problems.push_back(std::move(p)); }
  void id(const std::string* v, const std::string& where);
  void document(const std::string& path);
  void resources(const std::string& path);
  void page(const std::string& path, const std::vector<double>& doc_box);
  void text_object(const Node& obj, const std::string& where);

  std::string name_;
  std::unique_ptr<zip_t, ZipDeleter> zip_;
  CheckReport r_;
  std::map<unsigned long long, std::string> ids_;
  std::map<std::string, Font> fonts_;  ///< by Font ID
  std::set<std::string> media_, page_ids_;
};

std::string Checker::read(const std::string& entry) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(zip_.get(), entry.c_str(), 0, &st) < 0 || st.size > (1ull << 30)) throw Error(ErrorKind::Data, entry + ": unreadable");
  zip_file_t* f = zip_fopen(zip_.get(), entry.c_str(), 0);
  if (!f) throw Error(ErrorKind::Data, entry + ": cannot open");
  std::string out(static_cast<size_t>(st.size), '\0');
  const zip_int64_t n = zip_fread(f, out.data(), st.size);
  zip_fclose(f);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) throw Error(ErrorKind::Data, entry + ": damaged");
  return out;
}

std::unique_ptr<Node> Checker::load(const std::string& entry) {
  try {
    return parse_xml(read(entry), entry);
  } catch (const Error& e) {
    problem(e.what());
    return nullptr;
  }
}

void Checker::id(const std::string* v, const std::string& where) {
  if (!v) return;
  const std::vector<double> n = numbers(*v);
  if (n.size() != 1 || !is_count(n[0]) || n[0] < 1) {
    problem(where + ": ID \"" + *v + "\" is not a positive integer");
    return;
  }
  auto [it, fresh] = ids_.emplace(static_cast<unsigned long long>(n[0]), where);
  if (!fresh) problem(where + ": ID " + *v + " is also used by " + it->second);
}

void Checker::check() {
  if (!zip_) {
    problem(name_ + ": not a zip package");
    return;
  }
  if (!has("OFD.xml")) {
    problem("OFD.xml missing");
    return;
  }
  auto root = load("OFD.xml");
  if (!root) return;
  if (root->name != "OFD") problem("OFD.xml: root element is " + root->name + ", not OFD");
  size_t docs = 0;
  root->walk([&](const Node& n) {
    if (n.name != "DocRoot") return;
    ++docs;
    const std::string path = resolve("", n.text);
    if (!has(path)) problem("DocRoot " + trim(n.text) + " missing");
    else document(path);
  });
  if (docs == 0) problem("OFD.xml: no DocRoot");
}

void Checker::document(const std::string& path) {
  auto doc = load(path);
  if (!doc) return;
  const std::string dir = dir_of(path);
  unsigned long long max_id = 0;
  std::vector<double> box;
  std::vector<std::pair<std::string, std::string>> pages;  // ID, content path
  doc->walk([&](const Node& n) {
    if (n.name == "MaxUnitID") {
      const auto v = numbers(n.text);
      if (v.size() == 1 && is_count(v[0])) max_id = static_cast<unsigned long long>(v[0]);
    } else if (n.name == "PageArea") {
      if (const Node* pb = n.kid("PhysicalBox")) box = numbers(pb->text);
    } else if (n.name == "PublicRes" || n.name == "DocumentRes") {
      const std::string res = resolve(dir, n.text);
      if (!has(res)) problem(n.name + " " + trim(n.text) + " missing");
      else resources(res);
    }
  });
  if (box.size() != 4) problem(path + ": no PageArea PhysicalBox");
  if (const Node* list = doc->kid("Pages")) {
    for (const auto& p : list->kids) {
      if (p->name != "Page") continue;
      const std::string* pid = p->attr("ID");
      const std::string* loc = p->attr("BaseLoc");
      id(pid, path + " Page");
      if (pid) page_ids_.insert(*pid);
      if (!loc || !has(resolve(dir, *loc))) problem("page " + (loc ? *loc : std::string("(no BaseLoc)")) + " missing");
      else pages.emplace_back(pid ? *pid : "", resolve(dir, *loc));
    }
  }
  if (pages.empty()) problem(path + ": no pages");
  for (const auto& [pid, content] : pages) page(content, box);
  doc->walk([&](const Node& n) {
    if (n.name == "Dest")
      if (const std::string* pid = n.attr("PageID"); pid && !page_ids_.count(*pid))
        problem(path + ": outline destination PageID " + *pid + " is no page");
  });
  if (max_id == 0) problem(path + ": no MaxUnitID");
  if (!ids_.empty() && ids_.rbegin()->first > max_id)
    problem("ID " + std::to_string(ids_.rbegin()->first) + " (" + ids_.rbegin()->second + ") > MaxUnitID " + std::to_string(max_id));
}

void Checker::resources(const std::string& path) {
  auto res = load(path);
  if (!res) return;
  const std::string* base = res->attr("BaseLoc");
  const std::string dir = base ? resolve(dir_of(path), *base) : dir_of(path);
  res->walk([&](const Node& n) {
    if (n.name == "Font") {
      id(n.attr("ID"), path + " Font");
      const Node* file = n.kid("FontFile");
      const std::string fid = n.attr("ID") ? *n.attr("ID") : "";
      if (!file) {
        problem("font " + fid + " is not embedded (no FontFile)");
        return;
      }
      const std::string fp = resolve(dir, file->text);
      if (!has(fp)) {
        problem("FontFile " + trim(file->text) + " missing");
        return;
      }
      const std::string bytes = read(fp);
      HbBlob blob(hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr));
      HbFace face(hb_face_create(blob.get(), 0));
      Font font;
      font.glyphs = hb_face_get_glyph_count(face.get());
      if (font.glyphs == 0) problem("font file " + fp + " is no OpenType font");
      hb_set_t* set = hb_set_create();
      hb_face_collect_unicodes(face.get(), set);
      for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(set, &cp);) font.cmap.insert(cp);
      hb_set_destroy(set);
      fonts_[fid] = std::move(font);
      ++r_.fonts;
    } else if (n.name == "MultiMedia") {
      id(n.attr("ID"), path + " MultiMedia");
      const Node* file = n.kid("MediaFile");
      if (!file || !has(resolve(dir, file->text))) problem("MediaFile " + (file ? trim(file->text) : std::string("(none)")) + " missing");
      else if (n.attr("ID")) media_.insert(*n.attr("ID"));
      ++r_.images;
    }
  });
}

void Checker::page(const std::string& path, const std::vector<double>& doc_box) {
  auto pg = load(path);
  if (!pg) return;
  ++r_.pages;
  std::vector<double> box = doc_box;
  if (const Node* area = pg->kid("Area"))
    if (const Node* pb = area->kid("PhysicalBox")) box = numbers(pb->text);
  pg->walk([&](const Node& n) {
    const bool object = n.name == "TextObject" || n.name == "PathObject" || n.name == "ImageObject" || n.name == "CompositeObject";
    if (object || n.name == "Layer" || n.name == "PageBlock") id(n.attr("ID"), path + " " + n.name);
    if (!object) return;
    ++r_.objects;
    const std::string where = path + " " + n.name + " " + (n.attr("ID") ? *n.attr("ID") : "?");
    const std::string* bound = n.attr("Boundary");
    if (!bound) {
      problem(where + ": no Boundary");
    } else if (box.size() == 4) {
      const auto b = numbers(*bound);
      const double eps = 0.0005;
      if (b.size() != 4 || !(b[2] >= 0 && b[3] >= 0) || !(b[0] >= box[0] - eps && b[1] >= box[1] - eps &&
                                                             b[0] + b[2] <= box[0] + box[2] + eps && b[1] + b[3] <= box[1] + box[3] + eps))
        problem(where + ": Boundary " + *bound + " outside the page box");
    }
    if (n.name == "ImageObject" && (!n.attr("ResourceID") || !media_.count(*n.attr("ResourceID"))))
      problem(where + ": ResourceID does not name a MultiMedia");
    if (n.name == "TextObject") text_object(n, where);
  });
}

void Checker::text_object(const Node& obj, const std::string& where) {
  const std::string* fid = obj.attr("Font");
  auto fit = fid ? fonts_.find(*fid) : fonts_.end();
  if (fit == fonts_.end()) {
    problem(where + ": Font " + (fid ? *fid : std::string("(none)")) + " is no embedded font");
    return;
  }
  const Font& font = fit->second;
  // CGTransforms apply to the TextCode that follows them.
  std::vector<std::pair<size_t, size_t>> mapped;  // [first, last) code positions
  for (const auto& k : obj.kids) {
    if (k->name == "CGTransform") {
      const auto pos = numbers(k->attr("CodePosition") ? *k->attr("CodePosition") : "");
      const auto count = numbers(k->attr("CodeCount") ? *k->attr("CodeCount") : "1");
      const Node* glyphs = k->kid("Glyphs");
      const auto gids = numbers(glyphs ? glyphs->text : "");
      if (pos.size() != 1 || count.size() != 1 || gids.empty() || !is_count(pos[0]) || !is_count(count[0]) ||
          pos[0] + count[0] > 1e9) {
        problem(where + ": malformed CGTransform");
        continue;
      }
      for (double g : gids)
        if (!(g >= 0 && g < font.glyphs)) problem(where + ": CGTransform glyph " + std::to_string(static_cast<long long>(g)) + " not in the font");
      mapped.emplace_back(static_cast<size_t>(pos[0]), static_cast<size_t>(pos[0] + count[0]));
      continue;
    }
    if (k->name != "TextCode") continue;
    std::u32string chars;
    for (size_t p = 0; p < k->text.size();) chars.push_back(utf8::next(k->text, p));
    if (const std::string* dx = k->attr("DeltaX")) {
      size_t values = 0;
      std::istringstream in(*dx);
      for (std::string tok; in >> tok;) {
        if (tok == "g") {
          std::string n, v;
          in >> n >> v;
          const std::vector<double> repeat = numbers(n);
          if (repeat.size() != 1 || !is_count(repeat[0]) || repeat[0] > 1e9) {
            problem(where + ": malformed DeltaX \"" + *dx + "\"");
            break;
          }
          values += static_cast<size_t>(repeat[0]);
        } else {
          ++values;
        }
      }
      if (values > (chars.empty() ? 0 : chars.size() - 1))
        problem(where + ": " + std::to_string(values) + " DeltaX values for " + std::to_string(chars.size()) + " characters");
    }
    for (size_t i = 0; i < chars.size(); ++i) {
      ++r_.characters;
      bool by_transform = false;
      for (const auto& [a, b] : mapped) by_transform = by_transform || (i >= a && i < b);
      if (!by_transform && !font.cmap.count(chars[i])) {
        problem(where + ": " + utf8::codepoint_name(chars[i]) + " has no glyph in font " + *fid);
        break;
      }
    }
    mapped.clear();
  }
}

}  // namespace

std::string CheckReport::summary() const {
  return std::string("ofd: ") + (ok() ? "PASS" : "FAIL") + " pages=" + std::to_string(pages) + " objects=" +
         std::to_string(objects) + " fonts=" + std::to_string(fonts) + " images=" + std::to_string(images) +
         " chars=" + std::to_string(characters) + " problems=" + std::to_string(problems.size());
}

CheckReport check_ofd(const std::string& bytes, const std::string& name) {
  Checker c(bytes, name);
  return c.run();
}

}  // namespace gongwen::ofd
