#include "pdf/pdf_navigation.hpp"

#include "core/error.hpp"
#include "pdf/podofo_util.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

namespace {

// URIs are 7-bit ASCII in PDF: percent-encode everything else (UTF-8 bytes, spaces, controls).
std::string ascii_uri(const std::string& uri) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : uri) {
    if (c > 0x20 && c < 0x7F) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace

void check_bookmark(const Bookmark& b, size_t page_count) {
  if (b.page >= page_count)
    throw Error(ErrorKind::Render, "PDF writer: bookmark \"" + b.title + "\" points at page " +
                                       std::to_string(b.page + 1) + " of " + std::to_string(page_count));
}

void fill_outline_item(PdfDictionary& d, const Bookmark& b, const PdfReference& parent, const PdfReference& page,
                       double page_height) {
  d.AddKey("Title", text_string(b.title));
  d.AddKey("Parent", parent);
  PdfArray dest;
  dest.push_back(page);
  dest.push_back(PdfName("XYZ"));
  dest.push_back(PdfVariant());  // left: unchanged
  dest.push_back(real(page_height - b.y));
  dest.push_back(PdfVariant());  // zoom: unchanged
  d.AddKey("Dest", dest);
}

PdfObject* make_outlines(PdfVecObjects& objects, const Document& doc, const std::vector<PdfReference>& pages) {
  if (doc.outline.empty()) return nullptr;
  PdfObject* root = objects.CreateObject("Outlines");
  std::vector<PdfObject*> items;
  for (const Bookmark& b : doc.outline) {
    check_bookmark(b, pages.size());
    PdfObject* item = objects.CreateObject();
    fill_outline_item(item->GetDictionary(), b, root->Reference(), pages[b.page], doc.pages[b.page].height);
    items.push_back(item);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) items[i]->GetDictionary().AddKey("Prev", items[i - 1]->Reference());
    if (i + 1 < items.size()) items[i]->GetDictionary().AddKey("Next", items[i + 1]->Reference());
  }
  PdfDictionary& r = root->GetDictionary();
  r.AddKey("First", items.front()->Reference());
  r.AddKey("Last", items.back()->Reference());
  r.AddKey("Count", integer(static_cast<int64_t>(items.size())));
  return root;
}

PdfDictionary page_labels(int first_page_number) {
  if (first_page_number < 1)
    throw Error(ErrorKind::Render, "PDF writer: first page number " + std::to_string(first_page_number) +
                                       " (PDF page labels start at 1 or more)");
  PdfDictionary style;
  style.AddKey("S", PdfName("D"));
  if (first_page_number != 1) style.AddKey("St", integer(first_page_number));
  PdfArray nums;
  nums.push_back(integer(0));
  nums.push_back(style);
  PdfDictionary labels;
  labels.AddKey("Nums", nums);
  return labels;
}

PdfObject* make_link(PdfVecObjects& objects, const Link& link, double page_height) {
  PdfObject* annot = objects.CreateObject("Annot");
  PdfDictionary& d = annot->GetDictionary();
  d.AddKey("Subtype", PdfName("Link"));
  PdfArray rect;
  for (double v : {link.x, page_height - link.y - link.h, link.x + link.w, page_height - link.y}) rect.push_back(real(v));
  d.AddKey("Rect", rect);
  PdfArray border;
  for (int i = 0; i < 3; ++i) border.push_back(integer(0));
  d.AddKey("Border", border);  // no visible frame
  d.AddKey("F", integer(4));    // Print (PDF/A requires it on every annotation; harmless elsewhere)
  PdfDictionary action;
  action.AddKey("S", PdfName("URI"));
  action.AddKey("URI", byte_string(ascii_uri(link.uri)));
  d.AddKey("A", action);
  return annot;
}

}  // namespace gongwen::pdf
