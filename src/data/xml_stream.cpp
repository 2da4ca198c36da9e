// XmlStream: expat with handler exceptions carried across the C callbacks.
#include "data/xml_stream.hpp"

#include <expat.h>

#include <cstring>

#include "data/sources.hpp"

namespace gongwen::data_detail {

const char* XmlStream::Attrs::get(std::string_view name) const {
  for (const char** a = list; a && a[0]; a += 2)
    if (local_name(a[0]) == name) return a[1];
  return nullptr;
}

XmlStream::XmlStream(std::string where) : where_(std::move(where)), parser_(XML_ParserCreate("UTF-8")) {
  if (!parser_) throw std::bad_alloc();
  XML_SetUserData(parser_, this);
  XML_SetElementHandler(parser_, &XmlStream::start_cb, &XmlStream::end_cb);
  XML_SetCharacterDataHandler(parser_, &XmlStream::text_cb);
  XML_SetStartDoctypeDeclHandler(parser_, &XmlStream::doctype_cb);
}

XmlStream::~XmlStream() { XML_ParserFree(parser_); }

void XmlStream::start_cb(void* p, const char* name, const char** attrs) {
  auto* self = static_cast<XmlStream*>(p);
  try {
    if (self->on_start) self->on_start(local_name(name), Attrs{attrs});
  } catch (...) {
    self->error_ = std::current_exception();
    XML_StopParser(self->parser_, XML_FALSE);
  }
}

void XmlStream::end_cb(void* p, const char* name) {
  auto* self = static_cast<XmlStream*>(p);
  try {
    if (self->on_end) self->on_end(local_name(name));
  } catch (...) {
    self->error_ = std::current_exception();
    XML_StopParser(self->parser_, XML_FALSE);
  }
}

void XmlStream::text_cb(void* p, const char* s, int len) {
  auto* self = static_cast<XmlStream*>(p);
  try {
    if (self->on_text) self->on_text(std::string_view(s, static_cast<size_t>(len)));
  } catch (...) {
    self->error_ = std::current_exception();
    XML_StopParser(self->parser_, XML_FALSE);
  }
}

void XmlStream::doctype_cb(void* p, const char*, const char*, const char*, int) {
  auto* self = static_cast<XmlStream*>(p);
  try {
    fail(self->where_ + ": a document type declaration is not allowed in a workbook part");
  } catch (...) {
    self->error_ = std::current_exception();
    XML_StopParser(self->parser_, XML_FALSE);
  }
}

void XmlStream::stop() {
  stopped_ = true;
  XML_StopParser(parser_, XML_FALSE);
}

void XmlStream::feed(std::string_view chunk, bool last) {
  if (stopped_) return;
  const XML_Status st = XML_Parse(parser_, chunk.data(), static_cast<int>(chunk.size()), last ? XML_TRUE : XML_FALSE);
  if (error_) std::rethrow_exception(error_);
  if (st == XML_STATUS_ERROR && !stopped_)
    fail(where_ + ":" + std::to_string(XML_GetCurrentLineNumber(parser_)) + ":" +
         std::to_string(XML_GetCurrentColumnNumber(parser_) + 1) + ": malformed XML (" +
         XML_ErrorString(XML_GetErrorCode(parser_)) + ")");
}

}  // namespace gongwen::data_detail
