#pragma once
// Where the data installed with gongwen (the font map and the shipped fonts) lies, found from the
// file that holds this code — the shared library, or a program linked with the static one — so
// an installed tree can be moved and a build tree works without installing. No path of the
// building machine is compiled in.
#include <filesystem>

namespace gongwen {

/// The folder holding fonts.toml: the first of, relative to the folder of this module,
/// GONGWEN_DATA_FROM_LIB (libdir → datadir/gongwen), GONGWEN_DATA_FROM_BIN (bindir →
/// datadir/gongwen) and share/gongwen (a build tree). Throws Error(Font) naming the places
/// looked at when none has it.
std::filesystem::path data_dir();

}  // namespace gongwen
