#ifndef KONTOR_CCURL_SHIM_H
#define KONTOR_CCURL_SHIM_H
#include <curl/curl.h>

// curl_easy_setopt is variadic, which Swift cannot call; these typed wrappers can be.
static inline CURLcode kontor_curl_setopt_long(CURL *curl, CURLoption option, long value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode kontor_curl_setopt_pointer(CURL *curl, CURLoption option, const void *value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode kontor_curl_setopt_off_t(CURL *curl, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(curl, option, value);
}
static inline CURLcode kontor_curl_getinfo_long(CURL *curl, CURLINFO info, long *value) {
    return curl_easy_getinfo(curl, info, value);
}
typedef size_t (*kontor_curl_data_callback)(char *data, size_t size, size_t count, void *context);
static inline CURLcode kontor_curl_setopt_callback(CURL *curl, CURLoption option, kontor_curl_data_callback callback) {
    return curl_easy_setopt(curl, option, callback);
}
static inline curl_version_info_data *kontor_curl_version_info(void) {
    return curl_version_info(CURLVERSION_NOW);
}
#endif
