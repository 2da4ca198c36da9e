// The C API (include/gongwen/gongwen.h) over the C++ one: handles own C++ objects, every call
// catches every exception and turns it into a gongwen_error, results are malloc'ed buffers.
#include <gongwen/gongwen.h>
#include <gongwen/gongwen.hpp>

#include <cstdlib>
#include <cstring>
#include <new>
#include <sstream>

#include "capi/reports_json.hpp"

struct gongwen_options {
  gongwen::RendererOptions options;
};

struct gongwen_renderer {
  gongwen::Renderer renderer;
};

namespace {

using nlohmann::json;

char* copy_string(const std::string& s) {
  char* p = static_cast<char*>(std::malloc(s.size() + 1));
  if (!p) throw std::bad_alloc();
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  return p;
}

/// Stores a new gongwen_error (when asked for) and returns its kind.
int report(gongwen_error** out, int kind, const std::string& message, const gongwen::ErrorLocation& where = {},
           const std::string& detail = {}) {
  if (!out) return kind;
  *out = nullptr;
  auto* e = static_cast<gongwen_error*>(std::calloc(1, sizeof(gongwen_error)));
  if (!e) return kind;
  try {
    e->kind = kind;
    e->message = copy_string(message);
    e->detail = copy_string(detail.empty() ? message : detail);
    e->file = copy_string(where.file);
    e->field = copy_string(where.field);
    e->line = where.line;
    e->column = where.column;
    e->record = where.record;
  } catch (const std::bad_alloc&) {
    gongwen_error_free(e);
    return kind;
  }
  *out = e;
  return kind;
}

int kind_code(gongwen::ErrorKind k) {
  const int code = static_cast<int>(k);
  return code == 0 ? GONGWEN_ERROR_INTERNAL : code;
}

/// Runs `body`, turning every exception into a gongwen_error.
template <class F>
int guarded(gongwen_error** error, F&& body) {
  if (error) *error = nullptr;
  try {
    body();
    return GONGWEN_OK;
  } catch (const gongwen::Error& e) {
    return report(error, kind_code(e.kind()), e.what(), e.where(), e.detail());
  } catch (const json::exception& e) {
    return report(error, GONGWEN_ERROR_DATA, std::string("JSON: ") + e.what());
  } catch (const std::bad_alloc&) {
    return report(error, GONGWEN_ERROR_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return report(error, GONGWEN_ERROR_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return report(error, GONGWEN_ERROR_INTERNAL, "internal error");
  }
}

void set_buffer(gongwen_buffer* out, const std::string& bytes) {
  if (!out) return;
  out->data = copy_string(bytes);
  out->size = bytes.size();
}

json parse_data(const char* text, size_t length, const std::string& name) {
  if (!text) throw gongwen::Error(gongwen::ErrorKind::Usage, "no data given (NULL)");
  try {
    return json::parse(text, text + length);
  } catch (const json::parse_error& e) {
    throw gongwen::Error(gongwen::ErrorKind::Data, name + ": JSON syntax error at byte " + std::to_string(e.byte) + ": " + e.what(),
                         gongwen::ErrorLocation{name, 0, 0, 0, ""});
  }
}

std::string name_or(const char* name, const char* fallback) { return name && *name ? name : fallback; }

const gongwen::Renderer& renderer_of(const gongwen_renderer* r) {
  if (!r) throw gongwen::Error(gongwen::ErrorKind::Usage, "no renderer given (NULL)");
  return r->renderer;
}

std::vector<std::filesystem::path> paths_of(const char* const* paths, size_t count) {
  std::vector<std::filesystem::path> out;
  for (size_t i = 0; i < count; ++i) {
    if (!paths || !paths[i]) throw gongwen::Error(gongwen::ErrorKind::Usage, "data path " + std::to_string(i + 1) + " is NULL");
    out.emplace_back(paths[i]);
  }
  return out;
}

gongwen::DataFormatOptions data_options_of(const char* text) {
  if (!text || !*text) return {};
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    throw gongwen::Error(gongwen::ErrorKind::Usage, std::string("data options: JSON syntax error: ") + e.what());
  }
  return gongwen::capi::data_options_from_json(j);
}

}  // namespace

extern "C" {

void gongwen_error_free(gongwen_error* e) {
  if (!e) return;
  std::free(e->message);
  std::free(e->detail);
  std::free(e->file);
  std::free(e->field);
  std::free(e);
}

void gongwen_buffer_free(gongwen_buffer* b) {
  if (!b) return;
  std::free(b->data);
  b->data = nullptr;
  b->size = 0;
}

const char* gongwen_version(void) { return gongwen::version(); }

gongwen_options* gongwen_options_new(void) { return new (std::nothrow) gongwen_options(); }
void gongwen_options_free(gongwen_options* o) { delete o; }
void gongwen_options_set_font_map(gongwen_options* o, const char* path) {
  if (o) o->options.font_map = path ? path : "";
}
void gongwen_options_add_font_map(gongwen_options* o, const char* path) {
  if (o && path) o->options.font_maps.emplace_back(path);
}
void gongwen_options_add_font_dir(gongwen_options* o, const char* dir) {
  if (o && dir) o->options.font_dirs.emplace_back(dir);
}
void gongwen_options_set_creation_time(gongwen_options* o, int64_t t) {
  if (o) o->options.creation_time = t;
}
void gongwen_options_set_threads(gongwen_options* o, unsigned threads) {
  if (o) o->options.threads = threads;
}
void gongwen_options_set_temp_dir(gongwen_options* o, const char* dir) {
  if (o && dir) o->options.temp_dir = dir;
}

gongwen_renderer* gongwen_renderer_new(const char* layout_path, const gongwen_options* options, gongwen_error** error) {
  gongwen_renderer* out = nullptr;
  guarded(error, [&] {
    if (!layout_path) throw gongwen::Error(gongwen::ErrorKind::Usage, "no layout path given (NULL)");
    out = new gongwen_renderer{gongwen::Renderer(layout_path, options ? options->options : gongwen::RendererOptions{})};
  });
  return out;
}

gongwen_renderer* gongwen_renderer_from_text(const char* toml, size_t length, const char* name, const gongwen_options* options,
                                             gongwen_error** error) {
  gongwen_renderer* out = nullptr;
  guarded(error, [&] {
    if (!toml) throw gongwen::Error(gongwen::ErrorKind::Usage, "no layout text given (NULL)");
    out = new gongwen_renderer{gongwen::Renderer::from_text(std::string_view(toml, length), name_or(name, "layout.toml"),
                                                            options ? options->options : gongwen::RendererOptions{})};
  });
  return out;
}

void gongwen_renderer_free(gongwen_renderer* r) { delete r; }

int gongwen_render_pdf(const gongwen_renderer* r, const char* json_text, size_t length, const char* data_name,
                       gongwen_buffer* out, gongwen_error** error) {
  if (out) *out = gongwen_buffer{nullptr, 0};
  return guarded(error, [&] {
    const std::string name = name_or(data_name, "data");
    set_buffer(out, renderer_of(r).render_pdf(parse_data(json_text, length, name), name));
  });
}

int gongwen_render_pdf_to(const gongwen_renderer* r, const char* json_text, size_t length, const char* data_name,
                          gongwen_write_fn write, void* user, gongwen_error** error) {
  return guarded(error, [&] {
    if (!write) throw gongwen::Error(gongwen::ErrorKind::Usage, "no write function given (NULL)");
    const std::string name = name_or(data_name, "data");
    renderer_of(r).render_pdf(parse_data(json_text, length, name), [&](std::string_view piece) {
      if (write(user, piece.data(), piece.size()) != 0)
        throw gongwen::Error(gongwen::ErrorKind::Io, name + ": the write function stopped the PDF");
    }, name);
  });
}

int gongwen_render_xlsx(const gongwen_renderer* r, const char* json_text, size_t length, const char* data_name,
                        const char* path, gongwen_error** error) {
  return guarded(error, [&] {
    if (!path) throw gongwen::Error(gongwen::ErrorKind::Usage, "no workbook path given (NULL)");
    const std::string name = name_or(data_name, "data");
    renderer_of(r).render_xlsx(parse_data(json_text, length, name), path, name);
  });
}

int gongwen_render_xlsx_buffer(const gongwen_renderer* r, const char* json_text, size_t length, const char* data_name,
                               gongwen_buffer* out, gongwen_error** error) {
  if (out) *out = gongwen_buffer{nullptr, 0};
  return guarded(error, [&] {
    const std::string name = name_or(data_name, "data");
    std::ostringstream bytes;
    renderer_of(r).render_xlsx(parse_data(json_text, length, name), bytes, name);
    set_buffer(out, bytes.str());
  });
}

int gongwen_render_batch(const gongwen_renderer* r, const char* batch_json, gongwen_buffer* result, gongwen_error** error) {
  if (result) *result = gongwen_buffer{nullptr, 0};
  return guarded(error, [&] {
    if (!batch_json) throw gongwen::Error(gongwen::ErrorKind::Usage, "no batch options given (NULL)");
    json j;
    try {
      j = json::parse(batch_json);
    } catch (const json::parse_error& e) {
      throw gongwen::Error(gongwen::ErrorKind::Usage, std::string("batch options: JSON syntax error: ") + e.what());
    }
    const gongwen::BatchResult res = renderer_of(r).render_batch(gongwen::capi::batch_options_from_json(j));
    set_buffer(result, gongwen::capi::to_json(res).dump(-1, ' ', false, json::error_handler_t::replace));
  });
}

int gongwen_check(const gongwen_renderer* r, const char* json_text, size_t length, const char* data_name,
                  gongwen_buffer* report_out, gongwen_error** error) {
  if (report_out) *report_out = gongwen_buffer{nullptr, 0};
  return guarded(error, [&] {
    const std::string name = name_or(data_name, "data");
    const gongwen::CheckResult res = renderer_of(r).check(parse_data(json_text, length, name), name);
    set_buffer(report_out, gongwen::capi::to_json(res).dump(-1, ' ', false, json::error_handler_t::replace));
  });
}

int gongwen_check_files(const gongwen_renderer* r, const char* const* paths, size_t count, const char* data_options_json,
                        gongwen_buffer* report_out, gongwen_error** error) {
  if (report_out) *report_out = gongwen_buffer{nullptr, 0};
  return guarded(error, [&] {
    const gongwen::CheckResult res = renderer_of(r).check(paths_of(paths, count), data_options_of(data_options_json));
    set_buffer(report_out, gongwen::capi::to_json(res).dump(-1, ' ', false, json::error_handler_t::replace));
  });
}

int gongwen_fonts(const gongwen_renderer* r, const char* const* paths, size_t count, const char* data_options_json,
                  gongwen_buffer* report_out, gongwen_error** error) {
  if (report_out) *report_out = gongwen_buffer{nullptr, 0};
  return guarded(error, [&] {
    const gongwen::FontReport res = renderer_of(r).fonts(paths_of(paths, count), data_options_of(data_options_json));
    set_buffer(report_out, gongwen::capi::to_json(res).dump(-1, ' ', false, json::error_handler_t::replace));
  });
}

int gongwen_font_report(const gongwen_options* options, const char* const* paths, size_t count, const char* data_options_json,
                        gongwen_buffer* report_out, gongwen_error** error) {
  if (report_out) *report_out = gongwen_buffer{nullptr, 0};
  return guarded(error, [&] {
    const gongwen::FontReport res = gongwen::font_report(options ? options->options : gongwen::RendererOptions{},
                                                         paths_of(paths, count), data_options_of(data_options_json));
    set_buffer(report_out, gongwen::capi::to_json(res).dump(-1, ' ', false, json::error_handler_t::replace));
  });
}

}  // extern "C"
