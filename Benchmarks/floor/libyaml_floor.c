/* The parse floor: what reading the files with libyaml costs, and nothing more.
 *
 *     libyaml_floor FILE...              # read each file, run the event loop to STREAM_END
 *     libyaml_floor --write DIR [--text-bytes T --json-bytes J | --bytes-per-file N] FILE...
 *                                        # also write, per input file, DIR/NAME.txt and
 *                                        # DIR/NAME.json, then DIR/manifest.json [--manifest-bytes M]
 *
 * With --write it writes what persona build writes, the way it writes it: per
 * input NAME.yaml, NAME.txt of T bytes and NAME.json of J bytes (the harness
 * passes the averages of a real build; --bytes-per-file N splits N as one third
 * and two thirds), then a manifest of M bytes (default 250 per persona). Every file goes
 * to a hidden temporary in DIR (created exclusively), then one syncfs flushes
 * them all, then each is renamed into place and DIR itself is flushed: the
 * durability of `persona build` (without --no-sync). --no-sync skips both flushes.
 * No tree is built, no schema is checked: any real tool must do at least this much.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static int parse_file(const char *path, unsigned char **buf, size_t *cap) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return 1; }
    struct stat st;
    if (fstat(fd, &st) != 0) { perror(path); close(fd); return 1; }
    size_t size = (size_t)st.st_size;
    if (size + 1 > *cap) { *cap = size + 1; *buf = realloc(*buf, *cap); }
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, *buf + got, size - got);
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fd);
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, *buf, got);
    int done = 0, failed = 0;
    while (!done) {
        if (!yaml_parser_parse(&parser, &event)) { fprintf(stderr, "%s: parse error\n", path); failed = 1; break; }
        done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return failed;
}

/* Temporaries staged so far and their targets, renamed in after the flush. */
static char **temps, **targets;
static size_t staged, staged_cap;

static void stage(const char *dir, const char *target_name, const char *bytes, size_t n) {
    char temp[4096], target[4096];
    snprintf(temp, sizeof temp, "%s/.floor-%d-%zu.tmp", dir, (int)getpid(), staged);
    snprintf(target, sizeof target, "%s/%s", dir, target_name);
    int fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) { perror(temp); exit(1); }
    size_t off = 0;
    while (off < n) {
        ssize_t w = write(fd, bytes + off, n - off);
        if (w < 0) { if (errno == EINTR) continue; perror(temp); exit(1); }
        off += (size_t)w;
    }
    if (close(fd) != 0) { perror(temp); exit(1); }
    if (staged == staged_cap) {
        staged_cap = staged_cap ? staged_cap * 2 : 1024;
        temps = realloc(temps, staged_cap * sizeof *temps);
        targets = realloc(targets, staged_cap * sizeof *targets);
    }
    temps[staged] = strdup(temp);
    targets[staged] = strdup(target);
    staged++;
}

/* The input's base name without its extension. */
static void stem(const char *path, char *out, size_t cap) {
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    snprintf(out, cap, "%s", base);
    char *dot = strrchr(out, '.');
    if (dot && dot != out) *dot = 0;
}

int main(int argc, char **argv) {
    const char *out = NULL;
    size_t per_file = 0, text_bytes = 0, json_bytes = 0, manifest_bytes = 0;
    int sync = 1;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--bytes-per-file") == 0 && i + 1 < argc) per_file = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--text-bytes") == 0 && i + 1 < argc) text_bytes = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--json-bytes") == 0 && i + 1 < argc) json_bytes = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--manifest-bytes") == 0 && i + 1 < argc) manifest_bytes = (size_t)atol(argv[++i]);
        else if (strcmp(argv[i], "--no-sync") == 0) sync = 0;
        else break;
    }
    if (text_bytes == 0 && json_bytes == 0) {
        if (per_file == 0) per_file = 4096;
        text_bytes = per_file / 3;
        json_bytes = per_file - per_file / 3;
    }
    unsigned char *buf = NULL;
    size_t cap = 0;
    int failed = 0;
    char *payload = NULL;
    size_t payload_size = text_bytes > json_bytes ? text_bytes : json_bytes;
    if (out) {
        mkdir(out, 0755);
        payload = malloc(payload_size + 1);
        memset(payload, 'x', payload_size);
    }
    for (int k = i; k < argc; k++) {
        failed |= parse_file(argv[k], &buf, &cap);
        if (out) {
            char name[1024], file[1100];
            stem(argv[k], name, sizeof name);
            snprintf(file, sizeof file, "%s.json", name);
            stage(out, file, payload, json_bytes);
            snprintf(file, sizeof file, "%s.txt", name);
            stage(out, file, payload, text_bytes);
        }
    }
    if (out) {
        size_t manifest_size = manifest_bytes ? manifest_bytes : 250 * (size_t)(argc - i) + 32;
        char *manifest = malloc(manifest_size);
        memset(manifest, 'x', manifest_size);
        stage(out, "manifest.json", manifest, manifest_size);
        free(manifest);
        int dirfd = open(out, O_RDONLY | O_CLOEXEC);
        if (dirfd < 0) { perror(out); return 1; }
        if (sync && syncfs(dirfd) != 0) { perror(out); return 1; }
        for (size_t s = 0; s < staged; s++) {
            if (rename(temps[s], targets[s]) != 0) { perror(targets[s]); return 1; }
            free(temps[s]);
            free(targets[s]);
        }
        if (sync) fsync(dirfd);
        close(dirfd);
        free(temps);
        free(targets);
    }
    free(buf);
    free(payload);
    return failed;
}
