/*
 * standalone.c - a main() for the fuzz targets without libFuzzer: runs LLVMFuzzerTestOneInput on
 * every file named on the command line, and on every file inside a folder named there (one level,
 * as libFuzzer's corpus folders are). tests/fuzz/run.sh links it with gcc -fsanitize=address,undefined
 * to replay the corpora and the crash regressions in `make test`. An input that runs for more than
 * FUZZ_REPLAY_SECONDS (default 60) fails, as libFuzzer's -timeout would: a hang is a fault too.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

static const char *current;

static void on_alarm(int sig)
{
    (void)sig;
    fprintf(stderr, "\ntimeout: %s runs for longer than FUZZ_REPLAY_SECONDS\n", current ? current : "?");
    _exit(1);
}

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;

    if (!f) {
        perror(path);
        return 1;
    }
    if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        perror(path);
        fclose(f);
        return 1;
    }
    /* an exact-size copy, so that ASan catches a read one byte past the input */
    buf = malloc(n ? (size_t)n : 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        perror(path);
        free(buf);
        fclose(f);
        return 1;
    }
    fclose(f);
    current = path;
    alarm(getenv("FUZZ_REPLAY_SECONDS") ? (unsigned)atoi(getenv("FUZZ_REPLAY_SECONDS")) : 60);
    LLVMFuzzerTestOneInput(buf, (size_t)n);
    alarm(0);
    free(buf);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    int k, bad = 0;
    size_t total = 0;

    signal(SIGALRM, on_alarm);
    for (k = 1; k < argc; k++) {
        struct stat st;
        if (stat(argv[k], &st) != 0) {
            perror(argv[k]);
            bad = 1;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[k]);
            struct dirent *e;
            char **names = NULL;
            size_t n = 0, cap = 0, i;
            if (!d) {
                perror(argv[k]);
                bad = 1;
                continue;
            }
            while ((e = readdir(d)) != NULL) {
                char *p;
                if (e->d_name[0] == '.')
                    continue;
                p = malloc(strlen(argv[k]) + strlen(e->d_name) + 2);
                if (!p)
                    abort();
                sprintf(p, "%s/%s", argv[k], e->d_name);
                if (n == cap) {
                    cap = cap ? 2 * cap : 64;
                    names = realloc(names, cap * sizeof *names);
                    if (!names)
                        abort();
                }
                names[n++] = p;
            }
            closedir(d);
            if (n)
                qsort(names, n, sizeof *names, cmp);
            for (i = 0; i < n; i++) {
                bad |= run_file(names[i]);
                total++;
                free(names[i]);
            }
            free(names);
        } else {
            bad |= run_file(argv[k]);
            total++;
        }
    }
    printf("%s: %lu inputs run\n", argv[0], (unsigned long)total);
    return bad;
}
