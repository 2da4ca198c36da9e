#include "bind/bind_official.hpp"

#include <tuple>

#include "bind/cell_image.hpp"
#include "core/units.hpp"
#include "text/shape.hpp"

namespace gongwen {

namespace {

class OfficialBinder {
 public:
  OfficialBinder(const TemplateContext& ctx, const RecordOrigin& origin, const std::filesystem::path& data_dir)
      : ctx_(ctx), origin_(origin), data_dir_(data_dir) {}

  /// Rendered and checked against the fonts of `style` (none: not drawn as text).
  std::vector<std::string> render(const Template& t, const Style* style) const {
    std::vector<std::string> parts;
    try {
      parts = t.render(ctx_);
    } catch (const BindError& e) {
      throw Error(ErrorKind::Data, data_error(origin_, e.field, e.what()));
    }
    for (const auto& p : parts) {
      try {
        if (style && style->paragraph.fonts) check_covered(p, *style->paragraph.fonts);
      } catch (const Error& e) {
        throw Error(ErrorKind::Data, data_error(origin_, field_of(t), e.what()));
      }
    }
    return parts;
  }
  std::string one(const Template& t, const Style* style) const {
    std::string s;
    for (const auto& p : render(t, style)) s += p;
    return s;
  }
  std::string opt(const std::optional<Template>& t, const Style* style) const { return t ? one(*t, style) : std::string(); }

  /// A picture whose path is a template; an empty path is no picture.
  std::shared_ptr<const ImageData> picture(const Template& t, const std::filesystem::path& layout_dir) const {
    const std::string path = one(t, nullptr);
    if (path.empty()) return nullptr;
    std::string problem;
    auto img = find_cell_image(path, data_dir_, layout_dir, problem);
    if (!img) throw Error(ErrorKind::Data, data_error(origin_, field_of(t), problem));
    return img;
  }

  BoundAttachments attachments(const AttachmentBlock& a) const {
    BoundAttachments out{&a, {}};
    for (auto& item : render(a.items, a.style))
      if (!item.empty()) out.items.push_back(std::move(item));
    return out;
  }

  BoundSignature signature(const SignatureBlock& s) const {
    BoundSignature out{&s, one(s.name, s.style), one(s.date, s.style), s.seal, s.seal_width, s.seal_height};
    if (!s.seal_file) return out;
    if (!(out.seal = picture(*s.seal_file, s.base_dir))) return out;
    if (s.seal_width_given > 0 || s.seal_height_given > 0)
      std::tie(out.seal_width, out.seal_height) = image_size(*out.seal, s.seal_width_given, s.seal_height_given);
    else
      std::tie(out.seal_width, out.seal_height) = image_size(*out.seal, mm_to_pt(42), 0);  // 42 mm across
    return out;
  }

  BoundMasthead masthead(const MastheadBlock& m) const {
    return BoundMasthead{&m, one(m.mark, m.mark_style), opt(m.number, m.number_style), opt(m.copy_no, m.number_style),
                         opt(m.secrecy, m.note_style), opt(m.urgency, m.note_style)};
  }

  BoundImage image(const ImageBlock& im) const {
    BoundImage out{&im, im.image, im.width, im.height};
    if (im.file && (out.image = picture(*im.file, im.base_dir)))
      std::tie(out.width, out.height) = image_size(*out.image, im.width_given, im.height_given);
    return out;
  }

 private:
  static std::string field_of(const Template& t) {
    const auto f = t.fields();
    return f.empty() ? t.source() : f.front();
  }

  const TemplateContext& ctx_;
  const RecordOrigin& origin_;
  const std::filesystem::path& data_dir_;
};

}  // namespace

std::optional<BoundBlock> bind_official_block(const Block& b, const TemplateContext& ctx, const RecordOrigin& origin,
                                              const std::filesystem::path& data_dir) {
  const OfficialBinder o(ctx, origin, data_dir);
  if (auto* a = std::get_if<AttachmentBlock>(&b)) return o.attachments(*a);
  if (auto* s = std::get_if<SignatureBlock>(&b)) return o.signature(*s);
  if (auto* bj = std::get_if<BanjiBlock>(&b))
    return BoundBanji{bj, o.opt(bj->copy_to, bj->style), o.one(bj->printed_by, bj->style), o.one(bj->printed_on, bj->style)};
  if (auto* m = std::get_if<MastheadBlock>(&b)) return o.masthead(*m);
  if (auto* im = std::get_if<ImageBlock>(&b)) return o.image(*im);
  if (auto* r = std::get_if<RuleBlock>(&b)) return BoundRule{r};
  return std::nullopt;
}

}  // namespace gongwen
