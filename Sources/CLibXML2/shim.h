#ifndef KONTOR_CLIBXML2_SHIM_H
#define KONTOR_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU; its unicode headers clash with Foundation's own ICU module.
// Kontor never uses libxml2's ICU encoding handlers, so switch them off before the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void kontor_xml_free(void *pointer) {
    xmlFree(pointer);
}
#endif
