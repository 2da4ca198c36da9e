#pragma once
// The sRGB ICC profile a PDF/A file names as its OutputIntent: /usr/share/color/icc/sRGB.icc of
// Debian's icc-profiles-free (ICC v2.3 display profile by Kai-Uwe Behrmann, Marti Maria et al.,
// zlib licence), compiled into the library at configure time (CMakeLists.txt,
// src/pdf/srgb_icc.cpp.in), so a rendering never depends on the machine's files.
#include <string_view>

namespace gongwen::pdf {

/// The profile's bytes.
std::string_view srgb_icc();

}  // namespace gongwen::pdf
