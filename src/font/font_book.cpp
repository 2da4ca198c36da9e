#include "font/font_book.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/install_paths.hpp"
#include "core/toml_guard.hpp"
#include "font/font_names.hpp"

namespace gongwen {

namespace fs = std::filesystem;

namespace {
/// Tables/arrays/dotted-key levels in a font map: toml++ recurses once per level.
constexpr int kMaxFontMapNesting = 32;
std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string where(const fs::path& file, const toml::source_region& src, const std::string& msg) {
  return at(file.string(), static_cast<int>(src.begin.line), static_cast<int>(src.begin.column), msg);
}

/// Reads an array of strings, with a located error for anything else.
std::vector<std::string> strings(const fs::path& file, const toml::node& node, const std::string& key) {
  std::vector<std::string> out;
  const toml::array* arr = node.as_array();
  if (!arr) throw Error(ErrorKind::Font, where(file, node.source(), key + ": expected an array of strings"));
  for (const auto& el : *arr) {
    auto s = el.value<std::string>();
    if (!s) throw Error(ErrorKind::Font, where(file, el.source(), key + ": expected a string"));
    out.push_back(*s);
  }
  return out;
}
}  // namespace

std::string FontChain::describe() const {
  std::string s;
  for (const Face* f : faces) s += (s.empty() ? "" : " → ") + f->postscript_name();
  for (const auto& m : missing) s += (s.empty() ? "" : " → ") + m + " (file missing)";
  return s;
}

fs::path FontBook::default_map_path() { return data_dir() / "fonts.toml"; }

FontBook FontBook::load(const fs::path& map_path) {
  FontBook book;
  book.add_map(map_path);
  return book;
}

const Face* FontBook::open_face(const std::string& path, unsigned index) {
  for (const auto& f : faces_)
    if (f->path() == path && f->index() == index) return f.get();
  faces_.push_back(std::make_unique<Face>(path, index));
  return faces_.back().get();
}

void FontBook::add_map(const fs::path& map_path) {
  toml::table root;
  try {
    // Read first so that the nesting guard sees the text before toml++ recurses through it.
    std::ifstream in(map_path, std::ios::binary);
    if (!in) throw Error(ErrorKind::Font, map_path.string() + ": cannot read font map");
    std::ostringstream text;
    text << in.rdbuf();
    check_toml_nesting(text.str(), map_path.string(), kMaxFontMapNesting);
    root = toml::parse(text.str(), map_path.string());
  } catch (const Error&) {
    throw;
  } catch (const toml::parse_error& e) {
    throw Error(ErrorKind::Font, where(map_path, e.source(), std::string(e.description())));
  } catch (const std::exception& e) {
    throw Error(ErrorKind::Font, map_path.string() + ": cannot read font map: " + e.what());
  }
  const fs::path base = map_path.parent_path();

  auto& decls = face_decls_;
  for (const auto& [key, node] : root) {
    if (key != "faces" && key != "families")
      throw Error(ErrorKind::Font, where(map_path, node.source(), "unknown key '" + std::string(key.str()) + "' (expected faces, families)"));
  }
  if (const toml::table* faces = root["faces"].as_table()) {
    for (const auto& [id, node] : *faces) {
      FaceDecl d;
      if (auto s = node.value<std::string>()) {
        d.path = *s;
      } else if (const toml::table* t = node.as_table()) {
        auto file = (*t)["file"].value<std::string>();
        if (!file) throw Error(ErrorKind::Font, where(map_path, node.source(), "faces." + std::string(id.str()) + ": missing 'file'"));
        d.path = *file;
        d.index = static_cast<unsigned>((*t)["index"].value_or<int64_t>(0));
      } else {
        throw Error(ErrorKind::Font, where(map_path, node.source(), "faces." + std::string(id.str()) + ": expected a file name or { file, index }"));
      }
      fs::path p(d.path);
      if (p.is_relative()) p = base / p;
      d.path = p.lexically_normal().string();
      d.present = fs::is_regular_file(p);
      if (auto old = decls.find(id.str()); old != decls.end() && (old->second.path != d.path || old->second.index != d.index)) {
        const std::string at = where(map_path, node.source(), "faces." + std::string(id.str()));
        if (!d.present) throw Error(ErrorKind::Font, at + ": " + d.path + ": no such font file (a face declared again replaces the earlier one, so its file must exist)");
        replace_face(old->second, d, at);
      }
      decls[std::string(id.str())] = d;
    }
  }
  const toml::table* fams = root["families"].as_table();
  if (!fams) return;
  for (const auto& [name, node] : *fams) {
    const toml::table* t = node.as_table();
    const std::string fam_name(name.str());
    if (!t) throw Error(ErrorKind::Font, where(map_path, node.source(), "families." + fam_name + ": expected a table"));
    Family* existing = find(fam_name);
    Family fam = existing ? *existing : Family{};
    fam.name = existing ? existing->name : fam_name;
    for (const auto& [k, v] : *t) {
      const std::string key(k.str()), path = "families." + fam_name + "." + key;
      if (key == "aliases") {
        for (auto& a : strings(map_path, v, path))
          if (std::find(fam.aliases.begin(), fam.aliases.end(), a) == fam.aliases.end()) fam.aliases.push_back(a);
      } else if (key == "xlsx") {
        auto s = v.value<std::string>();
        if (!s) throw Error(ErrorKind::Font, where(map_path, v.source(), path + ": expected a string"));
        fam.xlsx = *s;
      } else if (key == "regular" || key == "bold") {
        FontChain chain;
        chain.family = fam.name;
        for (const auto& id : strings(map_path, v, path)) {
          auto it = decls.find(id);
          if (it == decls.end()) throw Error(ErrorKind::Font, where(map_path, v.source(), path + ": unknown face '" + id + "'"));
          if (!it->second.present) { chain.missing.push_back(it->second.path); continue; }
          chain.faces.push_back(open_face(it->second.path, it->second.index));
        }
        if (chain.faces.empty())
          throw Error(ErrorKind::Font, where(map_path, v.source(), path + ": none of the faces exist on this machine (" + chain.describe() + ")"));
        (key == "regular" ? fam.regular : fam.bold) = std::move(chain);
      } else {
        throw Error(ErrorKind::Font, where(map_path, v.source(), "unknown key '" + path + "' (expected aliases, xlsx, regular, bold)"));
      }
    }
    if (fam.regular.faces.empty())
      throw Error(ErrorKind::Font, where(map_path, node.source(), "families." + fam_name + ": needs a 'regular' chain"));
    if (fam.bold.faces.empty()) fam.bold = fam.regular;
    if (fam.xlsx.empty()) fam.xlsx = fam.name;
    families_[fam.name] = std::move(fam);
  }
}

void FontBook::replace_face(const FaceDecl& from, const FaceDecl& to, const std::string& at) {
  const Face* old_face = nullptr;
  for (const auto& f : faces_)
    if (f->path() == from.path && f->index() == from.index) old_face = f.get();
  const Face* new_face = nullptr;
  try {
    new_face = open_face(to.path, to.index);
  } catch (const Error& e) {
    throw Error(ErrorKind::Font, at + ": " + e.what());
  }
  for (auto& [name, fam] : families_) {
    for (FontChain* c : {&fam.regular, &fam.bold}) {
      if (old_face && std::find(c->faces.begin(), c->faces.end(), old_face) != c->faces.end()) {
        std::replace(c->faces.begin(), c->faces.end(), old_face, new_face);
      } else if (auto m = std::find(c->missing.begin(), c->missing.end(), from.path); m != c->missing.end()) {
        c->missing.erase(m);  // it was never in the chain: the new face joins at the end
        c->faces.push_back(new_face);
      } else {
        continue;
      }
      // The new face may be in the chain already (two ids, one file): keep its first place.
      std::vector<const Face*> unique;
      for (const Face* f : c->faces)
        if (std::find(unique.begin(), unique.end(), f) == unique.end()) unique.push_back(f);
      c->faces = std::move(unique);
    }
  }
}

size_t FontBook::add_font_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorKind::Font, dir.string() + ": font folder not found");
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
    std::string ext = lower_ascii(entry.path().extension().string());
    if (entry.is_regular_file() && (ext == ".otf" || ext == ".ttf" || ext == ".ttc" || ext == ".otc"))
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // deterministic order whatever the file system says
  size_t added = 0;
  for (const auto& file : files) {
    for (const FaceNames& names : read_face_names(file)) {
      for (auto& [key, fam] : families_) {
        bool match = false;
        for (const auto& n : names.families) {
          std::string ln = lower_ascii(n);
          if (ln == lower_ascii(fam.name)) match = true;
          for (const auto& a : fam.aliases)
            if (ln == lower_ascii(a)) match = true;
        }
        if (!match) continue;
        const Face* face = open_face(file.string(), names.index);
        FontChain& chain = names.bold ? fam.bold : fam.regular;
        if (std::find(chain.faces.begin(), chain.faces.end(), face) == chain.faces.end()) {
          chain.faces.insert(chain.faces.begin(), face);
          ++added;
        }
      }
    }
  }
  return added;
}

const FontBook::Family* FontBook::find(std::string_view name) const {
  return const_cast<FontBook*>(this)->find(name);
}

FontBook::Family* FontBook::find(std::string_view name) {
  if (auto it = families_.find(name); it != families_.end()) return &it->second;
  std::string ln = lower_ascii(name);
  for (auto& [key, fam] : families_) {
    if (lower_ascii(key) == ln) return &fam;
    for (const auto& a : fam.aliases)
      if (lower_ascii(a) == ln) return &fam;
  }
  return nullptr;
}

bool FontBook::has_family(std::string_view family) const { return find(family) != nullptr; }

const FontChain& FontBook::chain(std::string_view family, Weight weight) const {
  const Family* f = find(family);
  if (!f) {
    std::string known;
    for (const auto& [k, v] : families_) known += (known.empty() ? "" : ", ") + k;
    throw Error(ErrorKind::Font, "unknown font family '" + std::string(family) + "' (known: " + known + ")");
  }
  return weight == Weight::Bold ? f->bold : f->regular;
}

std::string FontBook::canonical(std::string_view family) const {
  const Family* f = find(family);
  return f ? f->name : std::string(family);
}

std::string FontBook::xlsx_name(std::string_view family) const {
  const Family* f = find(family);
  return f ? f->xlsx : std::string(family);
}

std::vector<std::string> FontBook::families() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : families_) out.push_back(k);
  return out;
}

}  // namespace gongwen
