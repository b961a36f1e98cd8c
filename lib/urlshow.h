/*
 * urlshow -- a URL as it may leave the configuration: in payloads, mail
 * headers and bodies, the alert log, `status --json`, `check` and log
 * lines.
 *
 * Feed URLs can carry credentials (http://user:password@host/feed) and
 * tokens (?token=...).  User info is never shown.  A feed whose URL comes
 * from url-file is secret as a whole, so its query and fragment are not
 * shown either; a token in the query of a plain `url` is part of the
 * resource's name and is shown (the README says so, and says to use
 * url-file for such feeds).
 */
#ifndef UKEUWATCH_LIB_URLSHOW_H
#define UKEUWATCH_LIB_URLSHOW_H

/*
 * A copy of url (to free) without its user name and password, and, when
 * secret is non-zero, without its query and fragment.  A string libcurl
 * cannot parse as a URL comes back as "(not a URL)": it may be a secret
 * mistyped.  NULL only when out of memory.
 */
char *url_shown(const char *url, int secret);

#endif /* UKEUWATCH_LIB_URLSHOW_H */
