/* paths.c -- see paths.h. */
#include "lib/paths.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

/*
 * `make install` compiles this file once more with UKEUWATCH_DATADIR and
 * links the installed binary with it (build/inst/PREFIX/); every other build
 * has only UKEUWATCH_SRCDIR, the top of the source tree.
 */
#if defined(UKEUWATCH_DATADIR)
#define BUILTIN_PROFILES   UKEUWATCH_DATADIR "/profiles"
#define BUILTIN_BACKGROUND UKEUWATCH_DATADIR "/background.tsv"
#elif defined(UKEUWATCH_SRCDIR)
#define BUILTIN_PROFILES   UKEUWATCH_SRCDIR "/seeds"
#define BUILTIN_BACKGROUND UKEUWATCH_SRCDIR "/seeds/background.tsv"
#else
#error "neither UKEUWATCH_DATADIR nor UKEUWATCH_SRCDIR is defined"
#endif

static const char *
env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* own, else $UKEUWATCH_DATADIR/sub, else builtin. */
static const char *
lookup(const char *own, const char *sub, const char *builtin)
{
	static char path[PATH_MAX];
	const char *v = env(own);

	if (v != NULL)
		return v;
	v = env("UKEUWATCH_DATADIR");
	if (v != NULL &&
	    snprintf(path, sizeof(path), "%s/%s", v, sub) < (int)sizeof(path))
		return path;
	return builtin;
}

const char *
paths_profiles_dir(void)
{
	return lookup("UKEUWATCH_PROFILES", "profiles", BUILTIN_PROFILES);
}

const char *
paths_background(void)
{
	return lookup("UKEUWATCH_BACKGROUND", "background.tsv",
	    BUILTIN_BACKGROUND);
}
