/*
 * encoding/sniff.h - a web page's encoding as browsers find it (the HTML standard's "encoding
 * sniffing algorithm"), over the Encoding Standard's labels (generated/labels.c).
 *
 * sift_sniff_html and sift_encoding_label are public (include/sift.h). The tables below are the
 * generated ones; only sniff.c reads them.
 */
#ifndef SIFT_ENCODING_SNIFF_H
#define SIFT_ENCODING_SNIFF_H

#include <stddef.h>

#include "sift.h"

/* An encoding: its name in the Encoding Standard and the iconv decoder that decodes as the
 * standard's does (NULL when this machine's iconv has none). */
struct sift_enc_name {
    const char *name;
    const char *iconv;
};

/* A label, trimmed and lower-case, and the index of its encoding in sift_enc_names. */
struct sift_enc_label {
    const char *label;
    unsigned char encoding;
};

extern const struct sift_enc_name sift_enc_names[];
extern const size_t sift_enc_nnames;
extern const struct sift_enc_label sift_enc_labels[]; /* sorted by byte value */
extern const size_t sift_enc_nlabels;

#endif
