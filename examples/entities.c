/*
 * examples/entities.c - the entity tagger from C: tags a short news text of its own (or the file
 * given as its argument) and prints each mention with its type and byte offsets, then the
 * entities that the mentions are linked into.
 *
 *   make c-example && build/examples/entities
 *   cc -std=c99 -Iinclude examples/entities.c build/libsift.a -lm -o entities
 *
 * Uses only include/sift.h. Output, one record a line, tab-separated:
 *   mention I J TYPE TEXT CANONICAL ROLE   (I, J: 1-based, inclusive byte offsets, as
 *                                          sift.entities gives them; ROLE empty when none)
 *   entity  TYPE COUNT CANONICAL           (in the order of their first mention)
 * sift_tag takes its memory from an allocator of ours (sift_alloc_fn): malloc'd blocks on a
 * list, all freed at once when we are done with the results.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sift.h"

static const char *const own_text =
    "Finance Minister Amara Okafor said on Tuesday that Nigeria would sell $2bn of bonds in London.\n\n"
    "Okafor told the Senate the sale would close by 30 June.";

/* The allocator: each block is malloc'd with a header that links it to the previous one, and the
 * header is a union that makes the block behind it aligned as malloc's are. */
union block {
    union block *next;
    long double ld;
    long long ll;
    void *p;
};

static void *list_alloc(void *ud, size_t size)
{
    union block **list = ud, *b;

    if (size > (size_t)-1 - sizeof *b)
        return NULL;
    b = malloc(sizeof *b + size);
    if (!b)
        return NULL; /* sift_tag then returns SIFT_ENOMEM */
    b->next = *list;
    *list = b;
    return b + 1;
}

static void free_blocks(union block *b)
{
    while (b) {
        union block *next = b->next;
        free(b);
        b = next;
    }
}

/* The whole file at path, malloc'd (the caller frees it), its length in *len; NULL on failure. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0
        && (buf = malloc((size_t)size + 1)) != NULL && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = buf ? (size_t)size : 0;
    return buf;
}

int main(int argc, char **argv)
{
    const char *text = own_text;
    char *file_text = NULL;
    size_t len = strlen(own_text), k;
    union block *blocks = NULL;
    struct sift_tag_result r;
    int rc;

    if (argc > 2) {
        fprintf(stderr, "usage: %s [FILE]\n", argv[0]);
        return 2;
    }
    if (argc == 2) {
        if (!(file_text = read_file(argv[1], &len))) {
            fprintf(stderr, "%s: cannot read the text\n", argv[1]);
            return 1;
        }
        text = file_text;
    }

    /* NULL: the built-in lists alone (sift_tagger_init and sift_tagger_add_* make a tagger with
     * names of one's own). The results live in our blocks and point into text. */
    rc = sift_tag(NULL, text, len, list_alloc, &blocks, &r);
    if (rc != SIFT_OK) {
        fprintf(stderr, "sift_tag: %s\n", sift_strerror(rc));
        free_blocks(blocks);
        free(file_text);
        return 1;
    }
    for (k = 0; k < r.n; k++) {
        const struct sift_entity *e = &r.entities[k];
        const struct sift_entity_cluster *c = &r.clusters[e->cluster];
        printf("mention\t%zu\t%zu\t%s\t%.*s\t%.*s\t%.*s\n", e->i + 1, e->j, sift_entity_type_name(e->type),
               (int)(e->j - e->i), text + e->i, (int)c->canon_len, c->canon, (int)(e->role_j - e->role_i),
               text + e->role_i);
    }
    for (k = 0; k < r.nclusters; k++) {
        const struct sift_entity_cluster *c = &r.clusters[k];
        printf("entity\t%s\t%zu\t%.*s\n", sift_entity_type_name(c->type), c->count, (int)c->canon_len, c->canon);
    }

    free_blocks(blocks); /* every block of the call, and with them the results */
    free(file_text);
    return 0;
}
