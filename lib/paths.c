/* paths.c -- see paths.h. */
#include "lib/paths.h"

#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

const char *
paths_datadir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	struct stat st;
	ssize_t n;
	char *slash;

	if (dir[0] != '\0')
		return dir;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			if (snprintf(dir, sizeof(dir), "%s/../share/ukeuwatch",
			        exe) < (int)sizeof(dir) &&
			    stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
				return dir;
		}
	}
	snprintf(dir, sizeof(dir), "%s", UKEUWATCH_DATADIR);
	return dir;
}
