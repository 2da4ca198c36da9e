#pragma once
// Reads an OFD package back and checks the structural rules of GB/T 33190-2016 that a reader
// relies on: OFD.xml → DocRoot → Document.xml → pages parse; every unit ID unique and
// ≤ MaxUnitID; every reference (DocRoot, PublicRes, DocumentRes, BaseLoc, FontFile, MediaFile,
// Font, ResourceID, outline PageID) resolves inside the package; every character of every TextCode
// has a glyph in its embedded font (its cmap, or a CGTransform naming glyphs the font has);
// DeltaX never holds more values than the code has gaps; every object's Boundary lies inside its
// page's PhysicalBox. Independent of the writer: it reads only the bytes.
#include <cstddef>
#include <string>
#include <vector>

namespace gongwen::ofd {

struct CheckReport {
  std::vector<std::string> problems;
  size_t pages = 0, objects = 0, fonts = 0, images = 0, characters = 0;
  bool ok() const { return problems.empty(); }
  /// "ofd: PASS pages=… objects=… fonts=… images=… chars=… problems=0"
  std::string summary() const;
};

/// Checks the package in `bytes`; `name` prefixes nothing but is used in messages about the
/// container itself. Never throws for bad input: every problem is in the report.
CheckReport check_ofd(const std::string& bytes, const std::string& name);

}  // namespace gongwen::ofd
