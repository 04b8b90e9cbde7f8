/*
 * measure_html_parsers.c - the measurement behind the choice of HTML5 parser (issue 14, item 1):
 * myhtml (Debian 12's libmodest-dev) against gumbo (libgumbo-dev) on the same real pages, in the
 * same process. Not part of the build: it links both libraries, and only this program does.
 *
 * usage: measure_html_parsers [REPS] PAGE...
 *        (PAGE: a .html or .html.gz file; REPS, default 3, passes over all the pages)
 *
 * build and run (from the repository root):
 *   gcc -O2 -std=c99 -Wall -Wextra bench/measure_html_parsers.c -o build/measure_html_parsers \
 *       -lmodest -lgumbo -lz
 *   build/measure_html_parsers 3 ../shared/data/web-pages/readability/\*\/source.html.gz \
 *       ../shared/data/web-pages/trafilatura-eval/pages/\*.html.gz
 *
 * Every page is read and decompressed once, before any timing, and made UTF-8: a page that is
 * valid UTF-8 is kept as it is; any other is decoded with iconv from the charset its first 4096
 * bytes declare (windows-1252 when none is declared or iconv does not know it), each byte iconv
 * cannot decode becoming U+FFFD. Both parsers then get the same UTF-8 bytes. A pass parses every
 * page once and frees its tree (that is the work a caller does per page: myhtml's tree is made,
 * parsed and destroyed, gumbo_parse and gumbo_destroy_output); the parser object of myhtml
 * (myhtml_t) is made once, as the engine would. The best of REPS passes is reported, as MB/s of
 * UTF-8 input (1 MB = 10^6 bytes). Nodes are counted outside the timed passes, by an iterative
 * walk of each tree: elements, text (gumbo's whitespace and CDATA nodes included), comments and
 * doctypes (gumbo keeps the doctype on its document node, not as a node: counted from
 * has_doctype).
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <gumbo.h>
#include <myhtml/api.h>
#include <zlib.h>

struct page {
    const char *path;
    char *s; /* UTF-8 */
    size_t len;
};

struct counts {
    unsigned long long element, text, comment, doctype;
};

static void die(const char *what, const char *path)
{
    fprintf(stderr, "measure_html_parsers: %s%s%s\n", what, path ? ": " : "", path ? path : "");
    exit(1);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The whole file, through zlib (which reads plain files as they are too). */
static char *read_page(const char *path, size_t *len)
{
    gzFile f = gzopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    int got;

    if (!f)
        die("cannot open", path);
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? 2 * cap : 1 << 20;
            if (!(buf = realloc(buf, cap)))
                die("out of memory", NULL);
        }
        got = gzread(f, buf + n, 65536);
        if (got < 0)
            die("cannot decompress", path);
        if (got == 0)
            break;
        n += (size_t)got;
    }
    gzclose(f);
    *len = n;
    return buf;
}

static int utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i], k, need;
        unsigned long cp;
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            need = 1, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF)
            need = 2, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4)
            need = 3, cp = c & 0x07;
        else
            return 0;
        if (n - i <= need)
            return 0;
        for (k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* The charset that the first 4096 bytes declare ("charset=NAME", as <meta charset> and
 * http-equiv have it), into name; 0 when none. */
static int declared_charset(const char *s, size_t n, char *name, size_t cap)
{
    size_t i, k;
    if (n > 4096)
        n = 4096;
    for (i = 0; i + 8 < n; i++) {
        if (strncasecmp(s + i, "charset=", 8) != 0)
            continue;
        i += 8;
        while (i < n && (s[i] == '"' || s[i] == '\'' || s[i] == ' '))
            i++;
        for (k = 0; i < n && k + 1 < cap && (s[i] == '-' || s[i] == '_' || s[i] == '.' || s[i] == ':' ||
                                             (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
                                             (s[i] >= 'A' && s[i] <= 'Z'));
             i++)
            name[k++] = s[i];
        name[k] = '\0';
        return k > 0;
    }
    return 0;
}

/* s decoded from `from` into malloc'd UTF-8; each byte iconv cannot decode becomes U+FFFD. */
static char *decode(const char *s, size_t n, const char *from, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    size_t cap = 4 * n + 16, left, inleft = n;
    char *out, *op, *ip = (char *)s;

    if (cd == (iconv_t)-1)
        return NULL;
    if (!(out = malloc(cap)))
        die("out of memory", NULL);
    op = out;
    left = cap;
    while (inleft > 0) {
        if (iconv(cd, &ip, &inleft, &op, &left) != (size_t)-1)
            break;
        if (errno == EILSEQ || errno == EINVAL) {
            memcpy(op, "\xEF\xBF\xBD", 3);
            op += 3;
            left -= 3;
            ip++;
            inleft--;
            iconv(cd, NULL, NULL, NULL, NULL);
        } else {
            die("iconv failed", from);
        }
    }
    iconv_close(cd);
    *outlen = (size_t)(op - out);
    return out;
}

static void count_myhtml(myhtml_tree_t *tree, struct counts *c)
{
    myhtml_tree_node_t *root = myhtml_tree_get_document(tree), *n = myhtml_node_child(root);

    while (n) {
        myhtml_tag_id_t id = myhtml_node_tag_id(n);
        if (id == MyHTML_TAG__TEXT)
            c->text++;
        else if (id == MyHTML_TAG__COMMENT)
            c->comment++;
        else if (id == MyHTML_TAG__DOCTYPE)
            c->doctype++;
        else
            c->element++;
        if (myhtml_node_child(n)) {
            n = myhtml_node_child(n);
            continue;
        }
        while (n && n != root && !myhtml_node_next(n))
            n = myhtml_node_parent(n);
        n = n && n != root ? myhtml_node_next(n) : NULL;
    }
}

static const GumboVector *gumbo_children(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_DOCUMENT)
        return &n->v.document.children;
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return &n->v.element.children;
    return NULL;
}

static void count_gumbo(const GumboOutput *out, struct counts *c)
{
    /* iterative: a node's index among its parent's children tells where to go on */
    const GumboNode *n = out->document;
    size_t next = 0;

    if (out->document->v.document.has_doctype)
        c->doctype++;
    for (;;) {
        const GumboVector *ch = gumbo_children(n);
        if (ch && next < ch->length) {
            n = ch->data[next];
            next = 0;
            switch (n->type) {
            case GUMBO_NODE_ELEMENT:
            case GUMBO_NODE_TEMPLATE: c->element++; break;
            case GUMBO_NODE_COMMENT: c->comment++; break;
            default: c->text++; break;
            }
            continue;
        }
        if (!n->parent)
            break;
        next = n->index_within_parent + 1;
        n = n->parent;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    struct page *pages;
    size_t np = 0, total = 0, k, decoded = 0;
    int reps = 3, first = 1, r;
    double t_my[100], t_gb[100];
    struct counts cm = { 0, 0, 0, 0 }, cg = { 0, 0, 0, 0 };
    myhtml_t *myhtml;

    if (argc > 1 && strspn(argv[1], "0123456789") == strlen(argv[1])) {
        reps = atoi(argv[1]);
        first = 2;
    }
    if (reps < 1 || reps > 100 || first >= argc) {
        fprintf(stderr, "usage: %s [REPS] PAGE...\n", argv[0]);
        return 2;
    }
    if (!(pages = calloc((size_t)(argc - first), sizeof *pages)))
        die("out of memory", NULL);
    for (r = first; r < argc; r++) {
        struct page *p = &pages[np++];
        p->path = argv[r];
        p->s = read_page(argv[r], &p->len);
        if (!utf8_valid((const unsigned char *)p->s, p->len)) {
            char cs[64];
            size_t n;
            char *u = NULL;
            if (declared_charset(p->s, p->len, cs, sizeof cs) && strcasecmp(cs, "utf-8") != 0 &&
                strcasecmp(cs, "utf8") != 0)
                u = decode(p->s, p->len, cs, &n);
            if (!u)
                u = decode(p->s, p->len, "WINDOWS-1252", &n);
            if (!u)
                die("cannot decode", p->path);
            free(p->s);
            p->s = u;
            p->len = n;
            decoded++;
        }
        total += p->len;
    }

    myhtml = myhtml_create();
    /* single mode: the parse runs in the caller's thread, as the engine's adapter does */
    if (!myhtml || myhtml_init(myhtml, MyHTML_OPTIONS_PARSE_MODE_SINGLE, 1, 0) != MyHTML_STATUS_OK)
        die("myhtml_init failed", NULL);

    /* the passes alternate between the parsers, so that a slower moment of the machine falls on
     * both alike */
    for (r = 0; r < reps; r++) {
        double t0 = now();
        for (k = 0; k < np; k++) {
            myhtml_tree_t *tree = myhtml_tree_create();
            if (!tree || myhtml_tree_init(tree, myhtml) != MyHTML_STATUS_OK ||
                myhtml_parse(tree, MyENCODING_UTF_8, pages[k].s, pages[k].len) != MyHTML_STATUS_OK)
                die("myhtml failed", pages[k].path);
            myhtml_tree_destroy(tree);
        }
        t_my[r] = now() - t0;
        t0 = now();
        for (k = 0; k < np; k++) {
            GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, pages[k].s, pages[k].len);
            if (!out)
                die("gumbo failed", pages[k].path);
            gumbo_destroy_output(&kGumboDefaultOptions, out);
        }
        t_gb[r] = now() - t0;
    }

    for (k = 0; k < np; k++) {
        myhtml_tree_t *tree = myhtml_tree_create();
        GumboOutput *out;
        if (!tree || myhtml_tree_init(tree, myhtml) != MyHTML_STATUS_OK ||
            myhtml_parse(tree, MyENCODING_UTF_8, pages[k].s, pages[k].len) != MyHTML_STATUS_OK)
            die("myhtml failed", pages[k].path);
        count_myhtml(tree, &cm);
        myhtml_tree_destroy(tree);
        out = gumbo_parse_with_options(&kGumboDefaultOptions, pages[k].s, pages[k].len);
        count_gumbo(out, &cg);
        gumbo_destroy_output(&kGumboDefaultOptions, out);
    }
    myhtml_destroy(myhtml);

    qsort(t_my, (size_t)reps, sizeof t_my[0], cmp_double);
    qsort(t_gb, (size_t)reps, sizeof t_gb[0], cmp_double);
    printf("%zu pages, %.2f MB of UTF-8 (%zu decoded to UTF-8 first), best of %d passes\n\n", np,
           (double)total / 1e6, decoded, reps);
    printf("%-28s %9s %9s %10s %10s %10s %9s %8s\n", "", "MB/s", "s/pass", "nodes", "elements", "text",
           "comments", "doctype");
    printf("%-28s %9.1f %9.3f %10llu %10llu %10llu %9llu %8llu\n", "myhtml (modest 0.0~git2021)",
           (double)total / t_my[0] / 1e6, t_my[0], cm.element + cm.text + cm.comment + cm.doctype,
           cm.element, cm.text, cm.comment, cm.doctype);
    printf("%-28s %9.1f %9.3f %10llu %10llu %10llu %9llu %8llu\n", "gumbo 0.10.1",
           (double)total / t_gb[0] / 1e6, t_gb[0], cg.element + cg.text + cg.comment + cg.doctype,
           cg.element, cg.text, cg.comment, cg.doctype);
    printf("\nmyhtml / gumbo speed: %.2fx\n", t_gb[0] / t_my[0]);
    for (k = 0; k < np; k++)
        free(pages[k].s);
    free(pages);
    return 0;
}
