#include "pdf/pdfa.hpp"

#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/atomic_stream.hpp"
#include "core/error.hpp"
#include "pdf/pdf_format.hpp"
#include "pdf/pdf_serialize.hpp"
#include "pdf/podofo_util.hpp"
#include "pdf/srgb_icc.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

// ---- DeflatedData ------------------------------------------------------------------------------

struct DeflatedData::Impl {
  z_stream z{};
  bool open = false, finished = false;
  int fd = -1;            ///< spool file, or -1: in memory
  std::string memory;     ///< compressed bytes (in memory), or the spool's pending tail
  uint64_t raw = 0, spooled = 0;
  Fnv64 hash;

  ~Impl() {
    if (open) deflateEnd(&z);
    if (fd >= 0) ::close(fd);
  }
  void start() {
    if (deflateInit(&z, 6) != Z_OK) throw Error(ErrorKind::Render, "PDF writer: cannot start zlib");
    open = true;
  }
  void pump(std::string_view in, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    unsigned char buf[1 << 15];
    int rc = Z_OK;
    do {
      z.next_out = buf;
      z.avail_out = sizeof buf;
      rc = deflate(&z, flush);
      if (rc == Z_STREAM_ERROR) throw Error(ErrorKind::Render, "PDF writer: zlib failed on an attachment");
      memory.append(reinterpret_cast<const char*>(buf), sizeof buf - z.avail_out);
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    if (fd >= 0 && (memory.size() >= (1u << 20) || flush == Z_FINISH)) spill();
  }
  void spill() {
    size_t done = 0;
    while (done < memory.size()) {
      const ssize_t n = ::write(fd, memory.data() + done, memory.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        throw Error(ErrorKind::Io, std::string("PDF writer: cannot write the attachment spool: ") +
                                       std::strerror(n < 0 ? errno : ENOSPC));
      done += static_cast<size_t>(n);
    }
    spooled += memory.size();
    memory.clear();
  }
};

DeflatedData::DeflatedData() : impl_(std::make_unique<Impl>()) { impl_->start(); }

DeflatedData::DeflatedData(const std::filesystem::path& spool_dir) : impl_(std::make_unique<Impl>()) {
  impl_->fd = anonymous_file(spool_dir);
  impl_->start();
}

DeflatedData::~DeflatedData() = default;
DeflatedData::DeflatedData(DeflatedData&&) noexcept = default;
DeflatedData& DeflatedData::operator=(DeflatedData&&) noexcept = default;

void DeflatedData::append(std::string_view raw) {
  if (impl_->finished) throw Error(ErrorKind::Render, "PDF writer: internal error: attachment appended after finish");
  // zlib takes at most 4 GiB per call.
  while (!raw.empty()) {
    const std::string_view part = raw.substr(0, 1u << 30);
    impl_->hash.add(part);
    impl_->raw += part.size();
    impl_->pump(part, Z_NO_FLUSH);
    raw.remove_prefix(part.size());
  }
}

void DeflatedData::finish() {
  if (impl_->finished) return;
  impl_->pump({}, Z_FINISH);
  deflateEnd(&impl_->z);
  impl_->open = false;
  impl_->finished = true;
}

uint64_t DeflatedData::raw_size() const { return impl_->raw; }
uint64_t DeflatedData::deflated_size() const { return impl_->spooled + impl_->memory.size(); }
uint64_t DeflatedData::raw_hash() const { return impl_->hash.h; }

void DeflatedData::copy_to(const std::function<void(std::string_view)>& sink) const {
  if (!impl_->finished) throw Error(ErrorKind::Render, "PDF writer: internal error: attachment not finished");
  if (impl_->fd < 0) {
    sink(impl_->memory);
    return;
  }
  std::string buf(1 << 20, '\0');
  for (uint64_t at = 0; at < impl_->spooled;) {
    const ssize_t n = ::pread(impl_->fd, buf.data(), static_cast<size_t>(std::min<uint64_t>(buf.size(), impl_->spooled - at)),
                              static_cast<off_t>(at));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw Error(ErrorKind::Io, std::string("PDF writer: cannot read the attachment spool: ") +
                                     (n < 0 ? std::strerror(errno) : "truncated"));
    sink(std::string_view(buf.data(), static_cast<size_t>(n)));
    at += static_cast<uint64_t>(n);
  }
}

std::shared_ptr<DeflatedData> deflate_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorKind::Io, path.string() + ": cannot read it back to attach it to the PDF");
  auto data = std::make_shared<DeflatedData>();
  std::string buf(1 << 16, '\0');
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    data->append(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) throw Error(ErrorKind::Io, path.string() + ": read error while attaching it to the PDF");
  data->finish();
  return data;
}

// ---- archive objects ---------------------------------------------------------------------------

uint32_t archive_object_count(const PdfArchive& archive) {
  return archive.enabled ? 1 + 2 * static_cast<uint32_t>(archive.files.size()) : 0;
}

namespace {

void check_files(const PdfArchive& archive) {
  for (const AttachedFile& f : archive.files)
    if (!f.data || f.name.empty() || f.mime.empty() || f.relationship.empty())
      throw Error(ErrorKind::Render, "PDF writer: internal error: incomplete attachment \"" + f.name + "\"");
}

/// "application/json" → the name application#2Fjson (PoDoFo escapes the slash when writing).
PdfName mime_name(const std::string& mime) { return PdfName(mime); }

/// `name` with every character outside printable ASCII replaced by '_' ("绩效.json" → "__.json").
std::string ascii_file_name(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x80 && c < 0xC0) continue;  // a UTF-8 continuation byte: its character has its '_'
    out.push_back(c >= 0x20 && c < 0x7F ? static_cast<char>(c) : '_');
  }
  return out;
}

}  // namespace

void add_archive_catalog_keys(PdfDictionary& catalog, uint32_t first, const PdfArchive& archive) {
  if (!archive.enabled) return;
  check_files(archive);
  PdfDictionary intent;
  intent.AddKey("Type", PdfName("OutputIntent"));
  intent.AddKey("S", PdfName("GTS_PDFA1"));
  intent.AddKey("OutputConditionIdentifier", byte_string("sRGB IEC61966-2.1"));
  intent.AddKey("RegistryName", byte_string("http://www.color.org"));
  intent.AddKey("Info", byte_string("sRGB IEC61966-2.1"));
  intent.AddKey("DestOutputProfile", PdfReference(first, 0));
  PdfArray intents;
  intents.push_back(intent);
  catalog.AddKey("OutputIntents", intents);
  if (archive.files.empty()) return;
  PdfArray af, names;
  // The name tree's keys must be sorted (byte order); the attachments' names are distinct.
  std::vector<std::pair<std::string, uint32_t>> sorted;
  for (size_t i = 0; i < archive.files.size(); ++i) {
    const uint32_t spec = first + 1 + static_cast<uint32_t>(i);
    af.push_back(PdfReference(spec, 0));
    sorted.emplace_back(archive.files[i].name, spec);
  }
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 1; i < sorted.size(); ++i)
    if (sorted[i].first == sorted[i - 1].first)
      throw Error(ErrorKind::Render, "PDF writer: two attachments are named \"" + sorted[i].first + "\"");
  for (const auto& [name, spec] : sorted) {
    names.push_back(text_string(name));
    names.push_back(PdfReference(spec, 0));
  }
  catalog.AddKey("AF", af);
  PdfDictionary tree, root;
  tree.AddKey("Names", names);
  root.AddKey("EmbeddedFiles", tree);
  catalog.AddKey("Names", root);
}

void write_archive_objects(PdfFileWriter& file, uint32_t first, const PdfArchive& archive, int64_t creation_time) {
  if (!archive.enabled) return;
  check_files(archive);
  {
    // A stream needs an owning object list: one whose next object is number `first`.
    PdfVecObjects scratch;
    scratch.SetAutoDelete(true);
    scratch.SetObjectCount(PdfReference(first - 1, 0));
    PdfObject* icc = make_deflated_stream(scratch, deflate(srgb_icc()));
    if (icc->Reference().ObjectNumber() != first)
      throw Error(ErrorKind::Render, "PDF writer: internal error: ICC profile numbered " +
                                         std::to_string(icc->Reference().ObjectNumber()) + ", not " + std::to_string(first));
    icc->GetDictionary().AddKey("N", integer(3));
    icc->GetDictionary().AddKey("Alternate", PdfName("DeviceRGB"));
    file.add(*icc);
  }
  const uint32_t n = static_cast<uint32_t>(archive.files.size());
  const std::string date = pdf_date(creation_time);
  for (uint32_t i = 0; i < n; ++i) {
    const AttachedFile& f = archive.files[i];
    PdfObject spec(PdfReference(first + 1 + i, 0), "Filespec");
    PdfDictionary& d = spec.GetDictionary();
    d.AddKey("F", byte_string(ascii_file_name(f.name)));  // a byte string; the Unicode name is /UF
    d.AddKey("UF", text_string(f.name));
    if (!f.description.empty()) d.AddKey("Desc", text_string(f.description));
    d.AddKey("AFRelationship", PdfName(f.relationship));
    PdfDictionary ef;
    ef.AddKey("F", PdfReference(first + 1 + n + i, 0));
    ef.AddKey("UF", PdfReference(first + 1 + n + i, 0));
    d.AddKey("EF", ef);
    file.add(spec);
  }
  for (uint32_t i = 0; i < n; ++i) {
    const AttachedFile& f = archive.files[i];
    PdfDictionary d;
    d.AddKey("Type", PdfName("EmbeddedFile"));
    d.AddKey("Subtype", mime_name(f.mime));
    d.AddKey("Filter", PdfName("FlateDecode"));
    PdfDictionary params;
    params.AddKey("Size", integer(static_cast<int64_t>(f.data->raw_size())));
    params.AddKey("CreationDate", byte_string(date));
    params.AddKey("ModDate", byte_string(date));
    d.AddKey("Params", params);
    std::string id = std::to_string(f.data->raw_hash());
    file.add_stream(first + 1 + n + i, d, f.data->deflated_size(),
                    [&f](const PdfFileWriter::Sink& sink) { f.data->copy_to(sink); }, id);
  }
}

}  // namespace gongwen::pdf
