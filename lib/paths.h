/*
 * paths -- where the installed data (shipped profiles, the background
 * word frequencies) lives.
 *
 * Found at run time next to the binary (BINDIR/../share/ukeuwatch), so an
 * installed tree works wherever PREFIX put it and a package can be moved;
 * the compiled-in UKEUWATCH_DATADIR is the fallback.
 */
#ifndef UKEUWATCH_LIB_PATHS_H
#define UKEUWATCH_LIB_PATHS_H

/* The data directory, without a trailing slash; a static string. */
const char *paths_datadir(void);

#endif /* UKEUWATCH_LIB_PATHS_H */
