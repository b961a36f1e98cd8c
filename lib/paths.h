/*
 * paths -- where the shipped data (the profiles and the background word
 * frequencies of `profile derive`) is found: one rule, used by every
 * subcommand (run, check, match, profile derive, ...).
 *
 * An explicit choice comes first and is the caller's: `match -p DIR`,
 * `profile derive -b FILE`, the config's `profiles =`.  Without one, in
 * this order:
 *
 *   1. $UKEUWATCH_PROFILES (the profiles directory) or
 *      $UKEUWATCH_BACKGROUND (the background file), when set and not empty;
 *   2. $UKEUWATCH_DATADIR/profiles and $UKEUWATCH_DATADIR/background.tsv,
 *      when $UKEUWATCH_DATADIR is set and not empty: an installed tree
 *      somewhere else than where it was installed for (a DESTDIR, say);
 *   3. compiled in.  An installed binary (`make install`, the Debian
 *      package) was linked by `make install` with the DATADIR of its PREFIX
 *      (PREFIX/share/ukeuwatch: DATADIR/profiles, DATADIR/background.tsv).
 *      The uninstalled build (build/ukeuwatch) uses the source tree it was
 *      built in: SRCDIR/seeds and SRCDIR/seeds/background.tsv.
 *
 * Nothing depends on the working directory or on where the binary is.
 */
#ifndef UKEUWATCH_LIB_PATHS_H
#define UKEUWATCH_LIB_PATHS_H

/* The profiles directory by the rule above; a static string, valid until
 * the next call. */
const char *paths_profiles_dir(void);

/* The background frequency file by the rule above; as above. */
const char *paths_background(void);

#endif /* UKEUWATCH_LIB_PATHS_H */
