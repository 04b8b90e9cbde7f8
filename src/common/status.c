/*
 * common/status.c - sift_strerror: the message of each enum sift_status (include/sift.h). The
 * encoding part's messages are part of the Lua API (sift.to_utf8's errors), so they do not change.
 */
#include "sift.h"

const char *sift_strerror(int status)
{
    switch (status) {
    case SIFT_OK: return "success";
    case SIFT_FULL: return "output buffer full";
    case SIFT_EINVALID: return "invalid byte sequence";
    case SIFT_ETRUNCATED: return "truncated multibyte sequence at end of input";
    case SIFT_EUNREPRESENTABLE: return "character not representable in target encoding";
    case SIFT_EUNKNOWN: return "unknown encoding";
    case SIFT_ESYSTEM: return "conversion failed";
    case SIFT_ENOMEM: return "not enough memory";
    case SIFT_ETOOBIG: return "too many words";
    default: return "unknown error";
    }
}
