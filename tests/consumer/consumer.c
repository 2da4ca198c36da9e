/* Renders DATA with LAYOUT through gongwen's C API into OUT.pdf; then renders broken data and
 * expects a data error naming record 1, field budget_wan. */
#include <gongwen/gongwen.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* read_all(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  *size = (size_t)n;
  return buf;
}

int main(int argc, char** argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: consumer_c LAYOUT DATA.json OUT.pdf\n");
    return 2;
  }
  gongwen_error* err = NULL;
  gongwen_renderer* r = gongwen_renderer_new(argv[1], NULL, &err);
  if (!r) {
    fprintf(stderr, "consumer_c: %s\n", err ? err->message : "?");
    gongwen_error_free(err);
    return 1;
  }
  size_t size = 0;
  char* data = read_all(argv[2], &size);
  if (!data) return 1;
  gongwen_buffer pdf = {NULL, 0};
  if (gongwen_render_pdf(r, data, size, "data.json", &pdf, &err) != GONGWEN_OK) {
    fprintf(stderr, "consumer_c: %s\n", err->message);
    return 1;
  }
  FILE* out = fopen(argv[3], "wb");
  if (!out || fwrite(pdf.data, 1, pdf.size, out) != pdf.size || fclose(out) != 0) return 1;
  gongwen_buffer_free(&pdf);

  const char* bad =
      "{\"document\": {\"title\": [\"t\"]}, \"records\": [{\"project_name\": \"p\", \"budget_wan\": \"abc\", "
      "\"score\": 80, \"conclusion\": \"ok\", \"performance\": [\"x\"], \"problems\": [\"x\"], "
      "\"suggestions\": [\"x\"], \"rectification\": [\"x\"]}]}";
  int rc = gongwen_render_pdf(r, bad, strlen(bad), "bad.json", &pdf, &err);
  if (rc != GONGWEN_ERROR_DATA || !err || err->record != 1 || strcmp(err->field, "budget_wan") != 0 ||
      strcmp(err->file, "bad.json") != 0) {
    fprintf(stderr, "consumer_c: expected a data error at record 1, field budget_wan; got %d: %s\n", rc,
            err ? err->message : "(no error)");
    return 1;
  }
  printf("caught: %s (record %zu, field %s)\n", err->message, err->record, err->field);
  gongwen_error_free(err);
  gongwen_renderer_free(r);
  free(data);
  printf("gongwen %s: C API ok\n", gongwen_version());
  return 0;
}
