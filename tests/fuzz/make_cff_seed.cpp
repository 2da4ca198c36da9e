// Makes a CFF seed for tests/fuzz/corpus/cff: hb-subset of a font to a few code points, its
// `CFF ` table written out (a few hundred bytes instead of a font of megabytes). Not built by
// CMake; see README.md:
//   g++ make_cff_seed.cpp -o make_cff_seed $(pkg-config --cflags --libs harfbuzz harfbuzz-subset)
//   ./make_cff_seed FONT FACE-INDEX OUT DESUBROUTINIZE(0|1) HEX-CODEPOINT...
#include <hb-subset.h>
#include <hb.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s FONT FACE-INDEX OUT DESUBROUTINIZE HEX-CODEPOINT...\n", argv[0]);
    return 2;
  }
  hb_blob_t* blob = hb_blob_create_from_file_or_fail(argv[1]);
  if (!blob) return 1;
  hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(std::atoi(argv[2])));
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  for (int i = 5; i < argc; ++i) hb_set_add(hb_subset_input_unicode_set(input), std::strtoul(argv[i], nullptr, 16));
  if (std::atoi(argv[4])) hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_DESUBROUTINIZE);
  hb_face_t* sub = hb_subset_or_fail(face, input);
  if (!sub) return 1;
  hb_blob_t* table = hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '));
  unsigned len = 0;
  const char* data = hb_blob_get_data(table, &len);
  FILE* f = std::fopen(argv[3], "wb");
  if (!f || std::fwrite(data, 1, len, f) != len || std::fclose(f) != 0) return 1;
  std::printf("%s: %u bytes\n", argv[3], len);
  return 0;
}
