/* gongwen C API: the stable interface for every other language (the Python module is built on it).
 *
 * Conventions
 *  - Opaque handles (gongwen_options, gongwen_renderer), created by *_new and released by their
 *    *_free; *_free accepts NULL. A renderer is read-only once made: it may be used from several
 *    threads at once.
 *  - Strings in and out are UTF-8, NUL-terminated, unless a length is given. Paths are bytes as
 *    the file system takes them.
 *  - Data is JSON text: {"document": {...}, "records": [...]} or an array of records.
 *    Structured results (check, fonts, batch) are JSON text too, described in docs/embedding.md.
 *  - Functions returning int return 0 on success, else the error's kind (GONGWEN_ERROR_*).
 *    When `error` is not NULL, a failure stores a new gongwen_error there, which the caller
 *    releases with gongwen_error_free; on success *error is set to NULL.
 *  - Memory returned to the caller (gongwen_buffer, gongwen_error) is owned by the caller and is
 *    released only with the matching gongwen_*_free function.
 *  - No C++ exception crosses this boundary.
 */
#ifndef GONGWEN_H
#define GONGWEN_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#if defined(GONGWEN_BUILDING)
#define GONGWEN_C_API __declspec(dllexport)
#else
#define GONGWEN_C_API __declspec(dllimport)
#endif
#else
#define GONGWEN_C_API __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Error kinds: the same values as gongwen::ErrorKind. */
enum {
  GONGWEN_OK = 0, /* returned on success (also "unknown" as an error's kind: see below) */
  GONGWEN_ERROR_LAYOUT = 1,
  GONGWEN_ERROR_DATA = 2,
  GONGWEN_ERROR_FONT = 3,
  GONGWEN_ERROR_IO = 4,
  GONGWEN_ERROR_RENDER = 5,
  GONGWEN_ERROR_USAGE = 6,
  GONGWEN_ERROR_INTERNAL = 7 /* anything else (out of memory, a bug): message says what */
};

/* A failure, with its location as fields. Empty strings ("") and 0 when not known. */
typedef struct gongwen_error {
  int kind;        /* GONGWEN_ERROR_* */
  char* message;   /* the complete message ("data.json: record 3: budget: expected a number ...") */
  char* detail;    /* the message without its location */
  char* file;      /* layout, font map or data file */
  int line;        /* 1-based, layouts and data syntax */
  int column;      /* 1-based */
  size_t record;   /* 1-based record number; 0 when the error is not about one record */
  char* field;     /* field path in the record ("performance[2]") */
} gongwen_error;

GONGWEN_C_API void gongwen_error_free(gongwen_error* error);

/* Bytes (PDF, JSON text) returned to the caller. data is NUL-terminated beyond size. */
typedef struct gongwen_buffer {
  char* data;
  size_t size;
} gongwen_buffer;

/* Releases buffer->data and sets it to {NULL, 0}; the struct itself is the caller's. */
GONGWEN_C_API void gongwen_buffer_free(gongwen_buffer* buffer);

/* "0.2.0"; static storage. */
GONGWEN_C_API const char* gongwen_version(void);

/* Renderer options (gongwen::RendererOptions). */
typedef struct gongwen_options gongwen_options;
GONGWEN_C_API gongwen_options* gongwen_options_new(void);
GONGWEN_C_API void gongwen_options_free(gongwen_options* options);
/* The base font map instead of the installed one. */
GONGWEN_C_API void gongwen_options_set_font_map(gongwen_options* options, const char* path);
/* An extra font map over the base one (in order). */
GONGWEN_C_API void gongwen_options_add_font_map(gongwen_options* options, const char* path);
/* A folder of font files (office fonts). */
GONGWEN_C_API void gongwen_options_add_font_dir(gongwen_options* options, const char* dir);
/* Creation date (Unix seconds, UTC) for layouts without `date`; unset: 2000-01-01. */
GONGWEN_C_API void gongwen_options_set_creation_time(gongwen_options* options, int64_t unix_seconds);
/* Worker threads; 0 (default) = all cores. Output never depends on it. */
GONGWEN_C_API void gongwen_options_set_threads(gongwen_options* options, unsigned threads);
/* Folder for temporary files (the XLSX writer's scratch files, the folder of an XLSX made into a
   buffer); unset: /dev/shm or the system's (P_tmpdir). The library reads no $TMPDIR. */
GONGWEN_C_API void gongwen_options_set_temp_dir(gongwen_options* options, const char* dir);

/* A loaded layout with its fonts. `options` may be NULL (defaults); it is copied. */
typedef struct gongwen_renderer gongwen_renderer;
GONGWEN_C_API gongwen_renderer* gongwen_renderer_new(const char* layout_path, const gongwen_options* options,
                                                     gongwen_error** error);
/* A layout from TOML text; `name` names it in messages (NULL: "layout.toml"). */
GONGWEN_C_API gongwen_renderer* gongwen_renderer_from_text(const char* toml, size_t length, const char* name,
                                                           const gongwen_options* options, gongwen_error** error);
GONGWEN_C_API void gongwen_renderer_free(gongwen_renderer* renderer);

/* Renders JSON data (`length` bytes; `data_name` names it in messages, NULL: "data") to a PDF in
 * `out` (release with gongwen_buffer_free). */
GONGWEN_C_API int gongwen_render_pdf(const gongwen_renderer* renderer, const char* json, size_t length,
                                     const char* data_name, gongwen_buffer* out, gongwen_error** error);

/* The same PDF handed to `write` in pieces, in order; `write` returns 0 to go on, anything else
 * to stop (the call then fails with GONGWEN_ERROR_IO). Nothing is written when rendering fails. */
typedef int (*gongwen_write_fn)(void* user, const char* bytes, size_t size);
GONGWEN_C_API int gongwen_render_pdf_to(const gongwen_renderer* renderer, const char* json, size_t length,
                                        const char* data_name, gongwen_write_fn write, void* user,
                                        gongwen_error** error);

/* Renders JSON data to a workbook at `path` (written whole or not at all). */
GONGWEN_C_API int gongwen_render_xlsx(const gongwen_renderer* renderer, const char* json, size_t length,
                                      const char* data_name, const char* path, gongwen_error** error);

/* The same workbook as bytes in `out` (release with gongwen_buffer_free). */
GONGWEN_C_API int gongwen_render_xlsx_buffer(const gongwen_renderer* renderer, const char* json, size_t length,
                                             const char* data_name, gongwen_buffer* out, gongwen_error** error);

/* Renders data files as `gongwen render` does. `batch_json` holds the batch options
 * ({"data": [paths], "out_dir": "out", "formats": ["pdf", "xlsx"], "split": false, "name": "",
 *   "jobs": 0, "keep_going": false, "skip_existing": false, "data_options": {...}}); the result
 * ({"records", "rendered", "skipped", "files": [...], "failures": [...]}) goes to `result`
 * (may be NULL). */
GONGWEN_C_API int gongwen_render_batch(const gongwen_renderer* renderer, const char* batch_json,
                                       gongwen_buffer* result, gongwen_error** error);

/* Every problem of JSON data, as JSON in `report`: {"records": N, "errors": N, "warnings": N,
 * "problems": [{"severity", "kind", "message", "file", "line", "column", "record", "field"}]}.
 * Bad data is reported, not failed on. */
GONGWEN_C_API int gongwen_check(const gongwen_renderer* renderer, const char* json, size_t length, const char* data_name,
                                gongwen_buffer* report, gongwen_error** error);
/* The same for data files (`count` paths); `data_options_json` may be NULL ({"encoding",
 * "sheet", "list_separator", "list_fields", "number_fields", "document"}). */
GONGWEN_C_API int gongwen_check_files(const gongwen_renderer* renderer, const char* const* paths, size_t count,
                                      const char* data_options_json, gongwen_buffer* report, gongwen_error** error);

/* The font report as JSON: {"layout", "styles", "families", "coverage"} (docs/embedding.md).
 * With a renderer: its layout's families; gongwen_font_report: every family of the maps. */
GONGWEN_C_API int gongwen_fonts(const gongwen_renderer* renderer, const char* const* paths, size_t count,
                                const char* data_options_json, gongwen_buffer* report, gongwen_error** error);
GONGWEN_C_API int gongwen_font_report(const gongwen_options* options, const char* const* paths, size_t count,
                                      const char* data_options_json, gongwen_buffer* report, gongwen_error** error);

#ifdef __cplusplus
}
#endif

#endif /* GONGWEN_H */
