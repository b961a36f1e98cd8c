/* profile_load.c -- profile files and directories: read NAME.profile files
 * from disk and hand their text to profiles_parse (alerts/profile.c) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/buf.h"
#include "match/profile.h"

static int
read_file(const char *path, char **out, size_t *len, struct buf *errors)
{
	struct buf b;
	char chunk[8192];
	ssize_t n;
	int fd, rc = 0;

	*out = NULL;
	buf_init(&b, PROFILE_MAX_FILE);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		goto fail;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -errno;
			break;
		}
		rc = buf_append(&b, chunk, (size_t)n);
		if (rc < 0)
			break;
	}
	close(fd);
	if (rc < 0)
		goto fail;
	*len = b.len;
	*out = buf_take(&b);
	return *out != NULL ? 0 : -ENOMEM;
fail:
	if (errors != NULL)
		(void)!buf_printf(errors, "%s:0: cannot read: %s\n", path,
		    rc == -EFBIG ? "larger than 1 MiB" : strerror(-rc));
	buf_clear(&b);
	return rc;
}

int
profiles_add_file(struct profiles *ps, const char *path, struct buf *errors)
{
	const char *base = strrchr(path, '/');
	char name[80], *text;
	size_t n, len;
	int rc;

	base = base != NULL ? base + 1 : path;
	n = strlen(base);
	if (n > 8 && strcmp(base + n - 8, ".profile") == 0)
		n -= 8;
	if (n >= sizeof(name))
		n = sizeof(name) - 1;
	memcpy(name, base, n);
	name[n] = '\0';
	rc = read_file(path, &text, &len, errors);
	if (rc < 0)
		return rc;
	rc = profiles_parse(ps, name, path, text, len, errors);
	free(text);
	return rc;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME.profile entries of dir, sorted; *n of them in *out. */
static int
list_dir(const char *dir, char ***out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL, **nv;
	size_t cnt = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (d == NULL)
		return -errno;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);

		if (len <= 8 || strcmp(e->d_name + len - 8, ".profile") != 0)
			continue;
		nv = realloc(v, (cnt + 1) * sizeof(*v));
		if (nv == NULL) {
			rc = -ENOMEM;
			break;
		}
		v = nv;
		if (asprintf(&v[cnt], "%s/%s", dir, e->d_name) < 0) {
			rc = -ENOMEM;
			break;
		}
		cnt++;
	}
	closedir(d);
	if (rc == 0 && cnt > 1)
		qsort(v, cnt, sizeof(*v), cmp_str);
	*out = v;
	*n = cnt;
	return rc;
}

int
profiles_load_dir(struct profiles **out, const char *dir, struct buf *errors)
{
	struct profiles *ps = NULL;
	char **files = NULL;
	size_t n = 0;
	int rc, first = 0;

	*out = NULL;
	rc = list_dir(dir, &files, &n);
	if (rc == 0 && n == 0)
		rc = -ENOENT;
	if (rc < 0) {
		if (errors != NULL)
			(void)!buf_printf(errors, "%s: %s\n", dir,
			    rc == -ENOENT ? "no NAME.profile files" :
			                    strerror(-rc));
		goto fail;
	}
	rc = profiles_new(&ps);
	if (rc < 0)
		goto fail;
	for (size_t i = 0; i < n && rc != -ENOMEM; i++) {
		rc = profiles_add_file(ps, files[i], errors);
		if (rc < 0 && first == 0)
			first = rc;
	}
	rc = first;
	if (rc < 0)
		goto fail;
	*out = ps;
	ps = NULL;
fail:
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	profiles_free(ps);
	return rc;
}
