#include "ofd/ofd_writer.hpp"

#include <cstdio>
#include <exception>

#include "core/error.hpp"
#include "core/parallel.hpp"
#include "ofd/ofd_content.hpp"
#include "ofd/ofd_fonts.hpp"
#include "ofd/ofd_images.hpp"
#include "ofd/ofd_package.hpp"
#include "ofd/ofd_text.hpp"
#include "ofd/ofd_xml.hpp"

namespace gongwen {

namespace {

using ofd::escaped;

/// FNV-1a over everything the document holds: a stable DocID for the same input.
struct DocHash {
  uint64_t a = 1469598103934665603ull, b = 0x9ae16a3b2f90404full;
  void add(std::string_view s) {
    for (unsigned char c : s) {
      a = (a ^ c) * 1099511628211ull;
      b = (b ^ c) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
    }
    a = (a ^ 0xff) * 1099511628211ull;
  }
  std::string hex() const {
    char buf[33];
    std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a), static_cast<unsigned long long>(b));
    return buf;
  }
};

std::string element(const char* name, const std::string& text) {
  if (text.empty()) return "";
  return std::string("<ofd:") + name + ">" + escaped(text) + "</ofd:" + name + ">";
}

std::string ofd_xml(const Metadata& meta, const std::string& doc_id) {
  std::string x = ofd::kXmlDecl;
  x += "<ofd:OFD xmlns:ofd=\"" + std::string(ofd::kNamespace) + "\" Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo>";
  x += element("DocID", doc_id) + element("Title", meta.title) + element("Author", meta.author) +
       element("Subject", meta.subject) + element("CreationDate", ofd::iso_date(meta.creation_time));
  if (!meta.keywords.empty()) {
    x += "<ofd:Keywords>";
    // Keywords are one string in the model (PDF /Keywords); split at the usual separators.
    std::string word;
    auto flush = [&] {
      if (!word.empty()) x += element("Keyword", word);
      word.clear();
    };
    for (size_t i = 0; i < meta.keywords.size(); ++i) {
      const char c = meta.keywords[i];
      if (c == ',' || c == ';') flush();
      else if (meta.keywords.compare(i, 3, "，") == 0 || meta.keywords.compare(i, 3, "；") == 0 || meta.keywords.compare(i, 3, "、") == 0) {
        flush();
        i += 2;
      } else if (c == ' ' && word.empty()) continue;
      else word.push_back(c);
    }
    flush();
    x += "</ofd:Keywords>";
  }
  x += element("Creator", meta.creator.empty() ? "gongwen" : meta.creator) + element("CreatorVersion", GONGWEN_VERSION);
  x += "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n";
  return x;
}

std::string public_res(const ofd::FontSet& fonts) {
  std::string x = ofd::kXmlDecl;
  x += "<ofd:Res xmlns:ofd=\"" + std::string(ofd::kNamespace) + "\" BaseLoc=\"Res\">";
  if (fonts.size()) {
    x += "<ofd:Fonts>";
    for (const ofd::EmbeddedFont* f : fonts.fonts())
      x += "<ofd:Font ID=\"" + std::to_string(f->id) + "\" FontName=\"" + escaped(f->font_name) + "\" FamilyName=\"" +
           escaped(f->family_name) + "\"><ofd:FontFile>" + escaped(f->file) + "</ofd:FontFile></ofd:Font>";
    x += "</ofd:Fonts>";
  }
  return x + "</ofd:Res>\n";
}

std::string document_res(const ofd::ImageSet& images) {
  std::string x = ofd::kXmlDecl;
  x += "<ofd:Res xmlns:ofd=\"" + std::string(ofd::kNamespace) + "\" BaseLoc=\"Res\">";
  if (images.size()) {
    x += "<ofd:MultiMedias>";
    for (const ofd::EmbeddedImage& e : images.images())
      x += "<ofd:MultiMedia ID=\"" + std::to_string(e.id) + "\" Type=\"Image\" Format=\"" + e.format + "\"><ofd:MediaFile>" +
           escaped(e.file) + "</ofd:MediaFile></ofd:MultiMedia>";
    x += "</ofd:MultiMedias>";
  }
  return x + "</ofd:Res>\n";
}

std::string box_text(const Page& p) { return "0 0 " + ofd::num(ofd::mm(p.width)) + " " + ofd::num(ofd::mm(p.height)); }

std::string document_xml(const Document& doc, uint32_t max_id, const std::vector<uint32_t>& page_ids) {
  std::string x = ofd::kXmlDecl;
  x += "<ofd:Document xmlns:ofd=\"" + std::string(ofd::kNamespace) + "\"><ofd:CommonData><ofd:MaxUnitID>" +
       std::to_string(max_id) + "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>" + box_text(doc.pages[0]) +
       "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
       "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>";
  for (size_t i = 0; i < doc.pages.size(); ++i)
    x += "<ofd:Page ID=\"" + std::to_string(page_ids[i]) + "\" BaseLoc=\"Pages/Page_" + std::to_string(i) + "/Content.xml\"/>";
  x += "</ofd:Pages>";
  if (!doc.outline.empty()) {
    x += "<ofd:Outlines>";
    for (const Bookmark& b : doc.outline) {
      if (b.page >= doc.pages.size())
        throw Error(ErrorKind::Render, "OFD writer: bookmark \"" + b.title + "\" points at page " + std::to_string(b.page + 1) +
                                           " of " + std::to_string(doc.pages.size()));
      x += "<ofd:OutlineElem Title=\"" + escaped(b.title) +
           "\"><ofd:Actions><ofd:Action Event=\"CLICK\"><ofd:Goto><ofd:Dest Type=\"XYZ\" PageID=\"" +
           std::to_string(page_ids[b.page]) + "\" Left=\"0\" Top=\"" + ofd::num(ofd::mm(b.y)) +
           "\"/></ofd:Goto></ofd:Action></ofd:Actions></ofd:OutlineElem>";
    }
    x += "</ofd:Outlines>";
  }
  return x + "</ofd:Document>\n";
}

void check_page(const Page& page, size_t index) {
  if (!(page.width > 0 && page.height > 0 && page.width < 15000 && page.height < 15000))
    throw Error(ErrorKind::Render, "OFD writer: page " + std::to_string(index + 1) + " has an invalid size " +
                                       ofd::num(page.width) + " x " + ofd::num(page.height) + " pt");
}

std::string render(const Document& doc, unsigned jobs) {
  if (doc.pages.empty()) throw Error(ErrorKind::Render, "OFD writer: the document has no pages");
  // Pass 1: fonts and images, document-wide (a face is subset once, with every glyph it needs).
  // The same pass counts each page's unit IDs: its layer and one per object.
  ofd::FontSet fonts;
  ofd::ImageSet images;
  std::vector<uint32_t> id_counts(doc.pages.size(), 1);
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    check_page(doc.pages[i], i);
    for (const Item& item : doc.pages[i].items) {
      if (const auto* run = std::get_if<GlyphRun>(&item)) {
        if (run->glyphs.empty()) continue;
        const std::vector<ofd::Cluster> clusters = ofd::clusters_of(*run);
        fonts.add(*run, clusters);
        id_counts[i] += ofd::draws_text(clusters) ? 1 : 0;
        continue;
      }
      if (const auto* img = std::get_if<Image>(&item)) images.add(*img);
      id_counts[i] += ofd::writes_object(item) ? 1 : 0;
    }
  }
  // Unit IDs: fonts, images, then each page followed by its layer and objects.
  uint32_t next = 1;
  fonts.assign_ids(next);
  next += static_cast<uint32_t>(fonts.size());
  images.assign_ids(next);
  next += static_cast<uint32_t>(images.size());
  std::vector<uint32_t> page_ids(doc.pages.size());
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    page_ids[i] = next;
    next += 1 + id_counts[i];
  }
  fonts.embed();

  std::vector<std::string> contents(doc.pages.size());
  std::vector<std::exception_ptr> errors(doc.pages.size());
  parallel_for(doc.pages.size(), jobs, [&](size_t i) {
    try {
      contents[i] = ofd::page_content(doc.pages[i], page_ids[i] + 1, id_counts[i], fonts, images);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  });
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);

  DocHash hash;
  for (const std::string* s : {&doc.meta.title, &doc.meta.author, &doc.meta.subject, &doc.meta.keywords}) hash.add(*s);
  hash.add(std::to_string(doc.meta.creation_time));
  for (const std::string& c : contents) hash.add(c);
  for (const ofd::EmbeddedFont* f : fonts.fonts()) hash.add(f->program);

  ofd::Package pkg;
  pkg.add("OFD.xml", ofd_xml(doc.meta, hash.hex()));
  pkg.add("Doc_0/Document.xml", document_xml(doc, next - 1, page_ids));
  pkg.add("Doc_0/PublicRes.xml", public_res(fonts));
  pkg.add("Doc_0/DocumentRes.xml", document_res(images));
  for (const ofd::EmbeddedFont* f : fonts.fonts()) pkg.add("Doc_0/Res/" + f->file, f->program, ofd::Package::Method::Stored);
  for (const ofd::EmbeddedImage& e : images.images())
    pkg.add("Doc_0/Res/" + e.file, std::string(e.data->bytes.begin(), e.data->bytes.end()), ofd::Package::Method::Stored);
  for (size_t i = 0; i < contents.size(); ++i)
    pkg.add("Doc_0/Pages/Page_" + std::to_string(i) + "/Content.xml", std::move(contents[i]));
  return pkg.finish(doc.meta.creation_time);
}

}  // namespace

std::string render_ofd(const Document& doc, unsigned jobs) {
  try {
    return render(doc, jobs);
  } catch (const std::bad_alloc&) {
    throw Error(ErrorKind::Render, "OFD writer: out of memory");
  }
}

}  // namespace gongwen
