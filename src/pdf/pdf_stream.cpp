#include "pdf/pdf_stream.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

#include "core/atomic_stream.hpp"
#include "core/error.hpp"
#include "core/parallel.hpp"
#include "pdf/content_stream.hpp"
#include "pdf/font_embed.hpp"
#include "pdf/pdf_format.hpp"
#include "pdf/pdf_images.hpp"
#include "pdf/pdf_metadata.hpp"
#include "pdf/pdf_navigation.hpp"
#include "pdf/pdf_page.hpp"
#include "pdf/podofo_util.hpp"

namespace gongwen {

using namespace PoDoFo;

namespace {

/// What finish() needs of a page once its content is spooled: a few dozen bytes.
struct PageEntry {
  uint64_t offset = 0;       ///< of its compressed content stream in the spool
  uint32_t length = 0;
  uint32_t size = 0;         ///< index into Impl::sizes
  uint32_t fonts = 0, images = 0;  ///< first index into Impl::font_pool / image_pool
  uint16_t font_count = 0, image_count = 0;
};

/// PoDoFo's and the allocator's failures as Error(Render), as render_pdf() reports them.
template <class F>
void checked(F&& f) {
  try {
    f();
  } catch (const PdfError& e) {
    throw Error(ErrorKind::Render, "PDF writer: " + pdf::podofo_message(e));
  } catch (const std::bad_alloc&) {
    throw Error(ErrorKind::Render, "PDF writer: out of memory");
  }
}

}  // namespace

struct PdfStreamWriter::Impl {
  unsigned jobs;
  int spool = -1;
  uint64_t spooled = 0;
  pdf::FontSet fonts;
  pdf::ImageSet images;
  std::vector<PageEntry> pages;
  std::vector<std::pair<double, double>> sizes;  ///< distinct page sizes
  std::vector<const pdf::TextFont*> font_pool;
  std::vector<const pdf::EmbeddedImage*> image_pool;
  std::map<size_t, std::vector<Link>> links;  ///< by page index
  std::map<size_t, Page> held;                ///< pages waiting for their fonts' codes (see header)

  ~Impl() {
    if (spool >= 0) ::close(spool);
  }
  void add(std::span<Page> batch);
  void spool_write(const std::string& bytes);
  std::string spool_read(const PageEntry& e) const;
  void write(Document& doc, const pdf::PdfFileWriter::Sink& sink, const pdf::PdfArchive& archive);
  std::map<size_t, std::string> build_held();
  void write_pages(pdf::PdfFileWriter& file, const std::vector<uint32_t>& numbers, const PdfReference& parent,
                   std::map<size_t, std::string>& held_streams);
  void write_outline(pdf::PdfFileWriter& file, const Document& doc, uint32_t root,
                     const std::vector<uint32_t>& numbers);
};

PdfStreamWriter::PdfStreamWriter(const std::filesystem::path& spool_dir, unsigned jobs) : impl_(std::make_unique<Impl>()) {
  impl_->jobs = jobs;
  impl_->spool = anonymous_file(spool_dir);
  impl_->fonts.set_early_codes();
}

PdfStreamWriter::~PdfStreamWriter() = default;

size_t PdfStreamWriter::page_count() const { return impl_->pages.size(); }

void PdfStreamWriter::add_pages(std::span<Page> pages) {
  checked([&] { impl_->add(pages); });
}

void PdfStreamWriter::finish(Document& doc, const pdf::PdfFileWriter::Sink& sink, const pdf::PdfArchive& archive) {
  checked([&] {
    if (doc.pages.size() > impl_->pages.size())
      impl_->add(std::span<Page>(doc.pages.data() + impl_->pages.size(), doc.pages.size() - impl_->pages.size()));
    impl_->write(doc, sink, archive);
  });
}

void PdfStreamWriter::Impl::add(std::span<Page> batch) {
  const size_t first = pages.size();
  // Fonts and images are collected in page order (their resource names follow first use); a
  // page is spooled when every font it uses has its codes already.
  std::vector<char> ready(batch.size(), 1);
  for (size_t k = 0; k < batch.size(); ++k) {
    const Page& page = batch[k];
    if (!(page.width > 0 && page.height > 0 && page.width < 15000 && page.height < 15000))
      throw Error(ErrorKind::Render, "PDF writer: page " + std::to_string(first + k + 1) + " has an invalid size " +
                                         pdf::num(page.width) + " x " + pdf::num(page.height) + " pt");
    for (const Item& item : page.items) {
      if (const auto* run = std::get_if<GlyphRun>(&item)) {
        fonts.add_run(*run);
        if (!run->glyphs.empty() && !fonts.has_codes(run->face)) ready[k] = 0;
      }
      if (const auto* img = std::get_if<Image>(&item)) images.add(*img);
    }
  }
  std::vector<pdf::PageContent> contents(batch.size());
  std::vector<std::string> deflated(batch.size());
  parallel_for(batch.size(), jobs, [&](size_t k) {
    if (!ready[k]) return;
    contents[k] = pdf::build_page_content(batch[k], fonts, images);
    deflated[k] = pdf::deflate(contents[k].ops);
    std::string().swap(contents[k].ops);
  });
  for (size_t k = 0; k < batch.size(); ++k) {
    Page& page = batch[k];
    const size_t index = first + k;
    PageEntry e;
    if (sizes.empty() || sizes.back() != std::pair{page.width, page.height}) {
      auto it = std::find(sizes.begin(), sizes.end(), std::pair{page.width, page.height});
      if (it == sizes.end()) sizes.emplace_back(page.width, page.height);
    }
    e.size = static_cast<uint32_t>(std::find(sizes.begin(), sizes.end(), std::pair{page.width, page.height}) - sizes.begin());
    std::vector<Link> page_links;
    for (const Item& item : page.items)
      if (const auto* link = std::get_if<Link>(&item)) page_links.push_back(*link);
    if (!page_links.empty()) links.emplace(index, std::move(page_links));
    if (ready[k]) {
      e.offset = spooled;
      e.length = static_cast<uint32_t>(deflated[k].size());
      spool_write(deflated[k]);
      e.fonts = static_cast<uint32_t>(font_pool.size());
      e.font_count = static_cast<uint16_t>(contents[k].fonts.size());
      font_pool.insert(font_pool.end(), contents[k].fonts.begin(), contents[k].fonts.end());
      e.images = static_cast<uint32_t>(image_pool.size());
      e.image_count = static_cast<uint16_t>(contents[k].images.size());
      image_pool.insert(image_pool.end(), contents[k].images.begin(), contents[k].images.end());
      std::vector<Item>().swap(page.items);
    } else {
      held.emplace(index, std::move(page));
      page = Page{held.at(index).width, held.at(index).height, {}};
    }
    pages.push_back(e);
  }
}

void PdfStreamWriter::Impl::spool_write(const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(spool, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(ErrorKind::Io, std::string("PDF writer: cannot write the page spool: ") + std::strerror(n < 0 ? errno : ENOSPC));
    done += static_cast<size_t>(n);
  }
  spooled += bytes.size();
}

std::string PdfStreamWriter::Impl::spool_read(const PageEntry& e) const {
  std::string bytes(e.length, '\0');
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::pread(spool, bytes.data() + done, bytes.size() - done, static_cast<off_t>(e.offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw Error(ErrorKind::Io, std::string("PDF writer: cannot read the page spool: ") + (n < 0 ? std::strerror(errno) : "truncated"));
    done += static_cast<size_t>(n);
  }
  return bytes;
}

namespace {
/// A scratch object list whose next object is number `n`: objects are made one page at a time
/// with the numbers render_pdf() gives them, written, then dropped.
struct Scratch {
  PdfVecObjects objects;
  explicit Scratch(uint32_t n) {
    objects.SetAutoDelete(true);
    objects.SetObjectCount(PdfReference(n - 1, 0));
  }
};

void expect_number(const PdfObject* obj, uint32_t n) {
  if (obj->Reference().ObjectNumber() != n)
    throw Error(ErrorKind::Render, "PDF writer: internal error: object " + std::to_string(obj->Reference().ObjectNumber()) +
                                       " where " + std::to_string(n) + " was expected");
}
}  // namespace

std::map<size_t, std::string> PdfStreamWriter::Impl::build_held() {
  std::vector<size_t> order;
  for (const auto& [index, page] : held) order.push_back(index);
  std::vector<pdf::PageContent> contents(order.size());
  std::vector<std::string> deflated(order.size());
  parallel_for(order.size(), jobs, [&](size_t k) {
    contents[k] = pdf::build_page_content(held.at(order[k]), fonts, images);
    deflated[k] = pdf::deflate(contents[k].ops);
  });
  std::map<size_t, std::string> out;
  for (size_t k = 0; k < order.size(); ++k) {
    PageEntry& e = pages[order[k]];
    e.fonts = static_cast<uint32_t>(font_pool.size());
    e.font_count = static_cast<uint16_t>(contents[k].fonts.size());
    font_pool.insert(font_pool.end(), contents[k].fonts.begin(), contents[k].fonts.end());
    e.images = static_cast<uint32_t>(image_pool.size());
    e.image_count = static_cast<uint16_t>(contents[k].images.size());
    image_pool.insert(image_pool.end(), contents[k].images.begin(), contents[k].images.end());
    out.emplace(order[k], std::move(deflated[k]));
  }
  held.clear();
  return out;
}

void PdfStreamWriter::Impl::write(Document& doc, const pdf::PdfFileWriter::Sink& sink, const pdf::PdfArchive& archive) {
  if (pages.empty()) throw Error(ErrorKind::Render, "PDF writer: the document has no pages");
  // The objects render_pdf() creates before the pages: catalog, page tree, fonts, images.
  PdfVecObjects objects;
  objects.SetAutoDelete(true);
  PdfObject* catalog = objects.CreateObject("Catalog");
  PdfObject* pages_root = objects.CreateObject("Pages");
  if (archive.enabled) fonts.set_complete_to_unicode();
  if (archive.enabled) images.set_pdfa();
  fonts.embed(objects);
  images.embed(objects);
  std::map<size_t, std::string> held_streams = build_held();

  // Then, per page, its content stream, the page and its links; then the outline, XMP, Info.
  uint32_t next = 0;
  for (const PdfObject* obj : objects) next = std::max(next, obj->Reference().ObjectNumber() + 1);
  std::vector<uint32_t> numbers(pages.size());  ///< of each page's content stream (the page is +1)
  PdfArray kids;
  for (size_t i = 0; i < pages.size(); ++i) {
    numbers[i] = next;
    kids.push_back(PdfReference(next + 1, 0));
    auto l = links.find(i);
    next += 2 + static_cast<uint32_t>(l == links.end() ? 0 : l->second.size());
  }
  pages_root->GetDictionary().AddKey("Kids", kids);
  kids.clear();
  pages_root->GetDictionary().AddKey("Count", pdf::integer(static_cast<int64_t>(pages.size())));
  const uint32_t outline_root = doc.outline.empty() ? 0 : next;
  if (!doc.outline.empty()) next += 1 + static_cast<uint32_t>(doc.outline.size());
  const uint32_t xmp = next, info = next + 1;

  PdfDictionary& cat = catalog->GetDictionary();
  cat.AddKey("Pages", pages_root->Reference());
  if (outline_root) {
    cat.AddKey("Outlines", PdfReference(outline_root, 0));
    cat.AddKey("PageMode", PdfName("UseOutlines"));
  }
  cat.AddKey("PageLabels", pdf::page_labels(doc.first_page_number));
  cat.AddKey("Lang", pdf::byte_string("zh-CN"));
  cat.AddKey("Metadata", PdfReference(xmp, 0));
  pdf::add_archive_catalog_keys(cat, info + 1, archive);

  for (const Bookmark& b : doc.outline) pdf::check_bookmark(b, pages.size());
  pdf::PdfFileWriter file(sink);
  std::vector<const PdfObject*> front(objects.begin(), objects.end());
  std::sort(front.begin(), front.end(), [](const PdfObject* a, const PdfObject* b) {
    return a->Reference().ObjectNumber() < b->Reference().ObjectNumber();
  });
  for (const PdfObject* obj : front) file.add(*obj);
  pdf::TrailerRefs refs;
  refs.root = catalog->Reference().ObjectNumber();
  refs.info = info;
  objects.Clear();  // the font programs: written
  write_pages(file, numbers, PdfReference(2, 0), held_streams);
  if (outline_root) write_outline(file, doc, outline_root, numbers);

  Scratch meta(xmp);
  PdfObject* xmp_obj = pdf::make_xmp(meta.objects, doc.meta, archive.enabled);
  PdfObject* info_obj = pdf::make_info(meta.objects, doc.meta);
  expect_number(xmp_obj, xmp);
  expect_number(info_obj, info);
  file.add(*xmp_obj, false);
  file.add(*info_obj, false);
  pdf::write_archive_objects(file, info + 1, archive, doc.meta.creation_time);
  file.finish(refs);
}

void PdfStreamWriter::Impl::write_pages(pdf::PdfFileWriter& file, const std::vector<uint32_t>& numbers,
                                        const PdfReference& parent, std::map<size_t, std::string>& held_streams) {
  for (size_t i = 0; i < pages.size(); ++i) {
    const PageEntry& e = pages[i];
    Scratch s(numbers[i]);
    std::string bytes;
    if (auto h = held_streams.find(i); h != held_streams.end()) {
      bytes = std::move(h->second);
      held_streams.erase(h);
    } else {
      bytes = spool_read(e);
    }
    PdfObject* stream = pdf::make_deflated_stream(s.objects, bytes);
    expect_number(stream, numbers[i]);
    PdfObject* page = s.objects.CreateObject("Page");
    const auto [width, height] = sizes[e.size];
    PdfArray annots;
    if (auto l = links.find(i); l != links.end())
      for (const Link& link : l->second) annots.push_back(pdf::make_link(s.objects, link, height)->Reference());
    pdf::fill_page(page->GetDictionary(), parent, width, height,
                   std::span<const pdf::TextFont* const>(font_pool.data() + e.fonts, e.font_count),
                   std::span<const pdf::EmbeddedImage* const>(image_pool.data() + e.images, e.image_count),
                   stream->Reference(), annots);
    for (const PdfObject* obj : s.objects) file.add(*obj);
  }
}

void PdfStreamWriter::Impl::write_outline(pdf::PdfFileWriter& file, const Document& doc, uint32_t root,
                                          const std::vector<uint32_t>& numbers) {
  const size_t n = doc.outline.size();
  {
    PdfObject r(PdfReference(root, 0), "Outlines");
    PdfDictionary& d = r.GetDictionary();
    d.AddKey("First", PdfReference(root + 1, 0));
    d.AddKey("Last", PdfReference(root + static_cast<uint32_t>(n), 0));
    d.AddKey("Count", pdf::integer(static_cast<int64_t>(n)));
    file.add(r);
  }
  for (size_t k = 0; k < n; ++k) {
    const Bookmark& b = doc.outline[k];
    const uint32_t number = root + 1 + static_cast<uint32_t>(k);
    PdfObject item(PdfReference(number, 0), static_cast<const char*>(nullptr));
    PdfDictionary& d = item.GetDictionary();
    pdf::fill_outline_item(d, b, PdfReference(root, 0), PdfReference(numbers[b.page] + 1, 0),
                           sizes[pages[b.page].size].second);
    if (k > 0) d.AddKey("Prev", PdfReference(number - 1, 0));
    if (k + 1 < n) d.AddKey("Next", PdfReference(number + 1, 0));
    file.add(item);
  }
}

}  // namespace gongwen
