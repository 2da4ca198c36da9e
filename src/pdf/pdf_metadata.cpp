#include "pdf/pdf_metadata.hpp"

#include <hb.h>

#include "pdf/pdf_format.hpp"
#include "pdf/podofo_util.hpp"

namespace gongwen::pdf {

using namespace PoDoFo;

namespace {

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most C0 controls even escaped: drop them.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string creator_of(const Metadata& meta) {
  return meta.creator.empty() ? std::string("gongwen ") + GONGWEN_VERSION : meta.creator;
}

std::string producer() {
  return std::string("gongwen ") + GONGWEN_VERSION + " (PoDoFo " + PODOFO_VERSION_STRING + ", HarfBuzz " +
         HB_VERSION_STRING + ")";
}

std::string build_xmp(const Metadata& meta, bool pdfa) {
  const std::string date = xmp_date(meta.creation_time);
  std::string x;
  x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
  x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
  x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
  x += "  <rdf:Description rdf:about=\"\"\n";
  x += "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n";
  x += "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n";
  x += "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"";
  if (pdfa) x += "\n    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
  x += ">\n";
  if (pdfa) x += "   <pdfaid:part>3</pdfaid:part>\n   <pdfaid:conformance>U</pdfaid:conformance>\n";
  x += "   <dc:format>application/pdf</dc:format>\n";
  if (!meta.title.empty())
    x += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(meta.title) + "</rdf:li></rdf:Alt></dc:title>\n";
  if (!meta.author.empty())
    x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escape(meta.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!meta.subject.empty())
    x += "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(meta.subject) +
         "</rdf:li></rdf:Alt></dc:description>\n";
  if (!meta.keywords.empty()) x += "   <pdf:Keywords>" + xml_escape(meta.keywords) + "</pdf:Keywords>\n";
  x += "   <pdf:Producer>" + xml_escape(producer()) + "</pdf:Producer>\n";
  x += "   <xmp:CreatorTool>" + xml_escape(creator_of(meta)) + "</xmp:CreatorTool>\n";
  x += "   <xmp:CreateDate>" + date + "</xmp:CreateDate>\n";
  x += "   <xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n";
  x += "   <xmp:MetadataDate>" + date + "</xmp:MetadataDate>\n";
  x += "  </rdf:Description>\n";
  x += " </rdf:RDF>\n";
  x += "</x:xmpmeta>\n";
  x += "<?xpacket end=\"r\"?>";
  return x;
}

PdfObject* make_info(PdfVecObjects& objects, const Metadata& meta) {
  PdfObject* info = objects.CreateObject();
  PdfDictionary& d = info->GetDictionary();
  if (!meta.title.empty()) d.AddKey("Title", text_string(meta.title));
  if (!meta.author.empty()) d.AddKey("Author", text_string(meta.author));
  if (!meta.subject.empty()) d.AddKey("Subject", text_string(meta.subject));
  if (!meta.keywords.empty()) d.AddKey("Keywords", text_string(meta.keywords));
  d.AddKey("Creator", text_string(creator_of(meta)));
  d.AddKey("Producer", text_string(producer()));
  const std::string date = pdf_date(meta.creation_time);
  d.AddKey("CreationDate", byte_string(date));
  d.AddKey("ModDate", byte_string(date));
  return info;
}

PdfObject* make_xmp(PdfVecObjects& objects, const Metadata& meta, bool pdfa) {
  PdfObject* xmp = make_stream(objects, build_xmp(meta, pdfa), /*compress=*/false);
  xmp->GetDictionary().AddKey("Type", PdfName("Metadata"));
  xmp->GetDictionary().AddKey("Subtype", PdfName("XML"));
  return xmp;
}

}  // namespace gongwen::pdf
