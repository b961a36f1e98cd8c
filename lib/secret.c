/*
 * secret.c -- see secret.h.
 *
 * Secrets are read with a small cap (a key or password is never large) and
 * wiped with explicit_bzero before free, so a core dump taken later is less
 * likely to carry them.
 */
#include "lib/secret.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SECRET_MAX 8192

struct secret {
	size_t len;
	char value[]; /* NUL-terminated */
};

static int
make(struct secret **out, const char *v, size_t len)
{
	struct secret *s = malloc(sizeof(*s) + len + 1);

	if (s == NULL)
		return -ENOMEM;
	s->len = len;
	memcpy(s->value, v, len);
	s->value[len] = '\0';
	*out = s;
	return 0;
}

int
secret_from_file(struct secret **out, const char *path, int *warning,
    struct errbuf *eb)
{
	char buf[SECRET_MAX + 1];
	struct stat st;
	size_t n = 0;
	ssize_t r;
	int fd, rc;

	*out = NULL;
	*warning = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errbuf_set(eb, -errno, "cannot read secret file %s: %s",
		    path, strerror(errno));
	if (fstat(fd, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)))
		*warning = 1;
	while (
	    n < sizeof(buf) && (r = read(fd, buf + n, sizeof(buf) - n)) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			close(fd);
			explicit_bzero(buf, sizeof(buf));
			return errbuf_set(eb, rc,
			    "cannot read secret file %s: %s", path,
			    strerror(-rc));
		}
		n += (size_t)r;
	}
	close(fd);
	if (n > SECRET_MAX) {
		explicit_bzero(buf, sizeof(buf));
		return errbuf_set(eb, -EFBIG,
		    "secret file %s is larger than %d bytes", path, SECRET_MAX);
	}
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	if (n == 0)
		return errbuf_set(eb, -EINVAL, "secret file %s is empty", path);
	if (memchr(buf, '\n', n) != NULL || memchr(buf, '\0', n) != NULL) {
		explicit_bzero(buf, sizeof(buf));
		return errbuf_set(eb, -EINVAL,
		    "secret file %s must hold one line", path);
	}
	rc = make(out, buf, n);
	explicit_bzero(buf, sizeof(buf));
	if (rc < 0)
		return errbuf_set(eb, rc, "out of memory");
	return 0;
}

int
secret_from_string(struct secret **out, const char *value)
{
	return make(out, value, strlen(value));
}

const char *
secret_value(const struct secret *s)
{
	return s->value;
}

size_t
secret_len(const struct secret *s)
{
	return s->len;
}

int
secret_dup(struct secret **out, const struct secret *s)
{
	return make(out, s->value, s->len);
}

void
secret_free(struct secret *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s->value, s->len);
	free(s);
}
