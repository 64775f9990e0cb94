#ifndef PERSONA_CSYSTEM_H
#define PERSONA_CSYSTEM_H

/// Flushes the whole file system holding the open file `fd` to disk (Linux
/// `syncfs`); elsewhere `fsync(fd)`. Returns 0, or -1 with errno set.
int persona_syncfs(int fd);

#endif
