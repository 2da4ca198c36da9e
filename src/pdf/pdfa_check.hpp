#pragma once
// Reads a PDF back (PoDoFo's parser, independent of the writer's serializer) and checks the
// PDF/A-3u checklist gongwen promises (docs/formats.md, "PDF/A-3u"):
//  - not encrypted, PDF ≤ 1.7, a trailer /ID, a binary comment after the header, and every
//    object of a classic xref table starting "N G obj" + EOL;
//  - an unfiltered XMP metadata stream with pdfaid:part 3 and pdfaid:conformance U, whose
//    dc:title, dc:creator, dc:description, pdf:Keywords, pdf:Producer, xmp:CreatorTool,
//    xmp:CreateDate and xmp:ModifyDate agree with the Info dictionary;
//  - a GTS_PDFA1 OutputIntent whose DestOutputProfile is an RGB ICC profile (version 2 to 4)
//    with /N 3;
//  - every font embedded (FontFile, FontFile2 or FontFile3) with a ToUnicode CMap that maps
//    every code the page content shows to Unicode (not 0, U+FEFF or U+FFFE), no .notdef (code 0
//    of a composite font) shown;
//  - every annotation printable (/F with Print, without Invisible, Hidden or NoView); no
//    JavaScript, Launch and the like (annotation actions, open action, /AA, the name tree);
//  - associated files: a non-empty /AF on the catalog; each a Filespec with /F, /UF,
//    /AFRelationship and an embedded file stream with a MIME /Subtype, /Params /ModDate and a
//    /Size equal to its decoded length;
//    the EmbeddedFiles name tree and /AF name the same files.
// This is not a full PDF/A validator (veraPDF is): it checks what a writer bug could break.
#include <string>
#include <vector>

namespace gongwen::pdf {

/// Problems found in the PDF at `path`, each a complete sentence; empty when it passes. A file
/// that cannot be read at all gives one problem saying so.
std::vector<std::string> check_pdfa(const std::string& path);

}  // namespace gongwen::pdf
