#include "pdf/pdf_writer.hpp"

#include "core/atomic_file.hpp"
#include "core/parallel.hpp"
#include "core/error.hpp"
#include "pdf/content_stream.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/pdf_images.hpp"
#include "pdf/pdf_metadata.hpp"
#include "pdf/pdf_format.hpp"
#include "pdf/pdf_navigation.hpp"
#include "pdf/pdf_page.hpp"
#include "pdf/pdf_serialize.hpp"
#include "pdf/podofo_util.hpp"

namespace gongwen {

using namespace PoDoFo;

namespace {

void check_page(const Page& page, size_t index) {
  if (!(page.width > 0 && page.height > 0 && page.width < 15000 && page.height < 15000))
    throw Error(ErrorKind::Render, "PDF writer: page " + std::to_string(index + 1) + " has an invalid size " +
                                       pdf::num(page.width) + " x " + pdf::num(page.height) + " pt");
}

/// `owned`: the same document when its pages may be emptied as they are written, else null.
std::string render(const Document& doc, unsigned jobs, Document* owned, const pdf::PdfArchive& archive) {
  if (doc.pages.empty()) throw Error(ErrorKind::Render, "PDF writer: the document has no pages");
  PdfVecObjects objects;
  objects.SetAutoDelete(true);  // off by default (PdfDocument turns it on): without it every object leaks

  // Pass 1: everything that is shared by pages (fonts, images) is collected document-wide…
  pdf::FontSet fonts;
  pdf::ImageSet images;
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    check_page(doc.pages[i], i);
    for (const Item& item : doc.pages[i].items) {
      if (const auto* run = std::get_if<GlyphRun>(&item)) fonts.add_run(*run);
      if (const auto* img = std::get_if<Image>(&item)) images.add(*img);
    }
  }

  PdfObject* catalog = objects.CreateObject("Catalog");
  PdfObject* pages_root = objects.CreateObject("Pages");
  // …then embedded once (subsetting needs the whole document's glyph set).
  if (archive.enabled) fonts.set_complete_to_unicode();
  if (archive.enabled) images.set_pdfa();
  fonts.embed(objects);
  images.embed(objects);

  // Pass 2: pages.
  // Content streams are built and compressed in parallel (pure functions of the page), then
  // turned into objects in page order so the bytes never depend on `jobs`.
  std::vector<pdf::PageContent> contents(doc.pages.size());
  std::vector<std::string> deflated(doc.pages.size());
  parallel_for(doc.pages.size(), jobs, [&](size_t i) {
    contents[i] = pdf::build_page_content(doc.pages[i], fonts, images);
    deflated[i] = pdf::deflate(contents[i].ops);
    contents[i].ops.clear();
    contents[i].ops.shrink_to_fit();
    if (owned) {  // only the links are read again (as annotations)
      std::vector<Item>& items = owned->pages[i].items;
      std::erase_if(items, [](const Item& item) { return !std::holds_alternative<Link>(item); });
      items.shrink_to_fit();
    }
  });
  PdfArray kids;
  std::vector<PdfReference> page_refs;
  for (size_t page_index = 0; page_index < doc.pages.size(); ++page_index) {
    const Page& page = doc.pages[page_index];
    const pdf::PageContent& content = contents[page_index];
    PdfObject* stream = pdf::make_deflated_stream(objects, deflated[page_index]);
    std::string().swap(deflated[page_index]);
    PdfObject* obj = objects.CreateObject("Page");
    PdfArray annots;
    for (const Item& item : page.items)
      if (const auto* link = std::get_if<Link>(&item)) annots.push_back(pdf::make_link(objects, *link, page.height)->Reference());
    pdf::fill_page(obj->GetDictionary(), pages_root->Reference(), page.width, page.height, content.fonts, content.images,
                   stream->Reference(), annots);
    kids.push_back(obj->Reference());
    page_refs.push_back(obj->Reference());
  }
  pages_root->GetDictionary().AddKey("Kids", kids);
  pages_root->GetDictionary().AddKey("Count", pdf::integer(static_cast<int64_t>(doc.pages.size())));

  PdfDictionary& cat = catalog->GetDictionary();
  cat.AddKey("Pages", pages_root->Reference());
  if (PdfObject* outlines = pdf::make_outlines(objects, doc, page_refs)) {
    cat.AddKey("Outlines", outlines->Reference());
    cat.AddKey("PageMode", PdfName("UseOutlines"));
  }
  cat.AddKey("PageLabels", pdf::page_labels(doc.first_page_number));
  cat.AddKey("Lang", pdf::byte_string("zh-CN"));
  PdfObject* xmp = pdf::make_xmp(objects, doc.meta, archive.enabled);
  cat.AddKey("Metadata", xmp->Reference());
  PdfObject* info = pdf::make_info(objects, doc.meta);
  // PDF/A: OutputIntent and attachments, written after Info (as PdfStreamWriter does).
  const uint32_t first = info->Reference().ObjectNumber() + 1;
  pdf::add_archive_catalog_keys(cat, first, archive);

  pdf::TrailerRefs refs;
  refs.root = catalog->Reference().ObjectNumber();
  refs.info = info->Reference().ObjectNumber();
  refs.not_in_id = {refs.info, xmp->Reference().ObjectNumber()};
  return pdf::serialize_pdf(objects, refs, [&](pdf::PdfFileWriter& file) {
    pdf::write_archive_objects(file, first, archive, doc.meta.creation_time);
  });
}

/// render() with PoDoFo's and the allocator's failures turned into Error(Render).
std::string render_checked(const Document& doc, unsigned jobs, Document* owned, const pdf::PdfArchive& archive) {
  try {
    return render(doc, jobs, owned, archive);
  } catch (const PdfError& e) {
    throw Error(ErrorKind::Render, "PDF writer: " + pdf::podofo_message(e));
  } catch (const std::bad_alloc&) {
    throw Error(ErrorKind::Render, "PDF writer: out of memory");
  }
}

}  // namespace

std::string render_pdf(const Document& doc, unsigned jobs, const pdf::PdfArchive& archive) {
  return render_checked(doc, jobs, nullptr, archive);
}

std::string render_pdf(Document&& doc, unsigned jobs, const pdf::PdfArchive& archive) {
  return render_checked(doc, jobs, &doc, archive);
}

void write_pdf(const Document& doc, const std::filesystem::path& path) {
  const std::string bytes = render_pdf(doc);  // render fully first: a failure leaves no file at all
  write_file_atomic(path, bytes);
}

}  // namespace gongwen
