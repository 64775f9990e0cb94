/* The parse floor: what reading the files with libyaml costs, and nothing more.
 *
 *     libyaml_floor FILE...            # read each file, run the event loop to STREAM_END
 *     libyaml_floor --write DIR FILE...  # also write, per input file, DIR/NAME.txt and
 *                                        # DIR/NAME.json with as many bytes as persona build writes
 *
 * --bytes-per-file N sets how many bytes each output pair holds in total
 * (the harness passes persona build's average). No tree is built, no schema is
 * checked: any real tool must do at least this much.
 */
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

static void write_file(const char *path, const char *bytes, size_t n) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror(path); exit(1); }
    if (write(fd, bytes, n) != (ssize_t)n) { perror(path); exit(1); }
    close(fd);
}

int main(int argc, char **argv) {
    const char *out = NULL;
    size_t per_file = 0;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--write") == 0 && i + 1 < argc) out = argv[++i];
        else if (strcmp(argv[i], "--bytes-per-file") == 0 && i + 1 < argc) per_file = (size_t)atol(argv[++i]);
        else break;
    }
    unsigned char *buf = NULL;
    size_t cap = 0;
    int failed = 0;
    char *payload = NULL;
    if (out) {
        mkdir(out, 0755);
        if (per_file == 0) per_file = 4096;
        payload = malloc(per_file);
        memset(payload, 'x', per_file);
    }
    for (int k = i; k < argc; k++) {
        failed |= parse_file(argv[k], &buf, &cap);
        if (out) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%d.txt", out, k);
            write_file(path, payload, per_file / 3);
            snprintf(path, sizeof path, "%s/%d.json", out, k);
            write_file(path, payload, per_file - per_file / 3);
        }
    }
    free(buf);
    free(payload);
    return failed;
}
