/*
 * profile_cli.h -- the `ukeuwatch profile` command (cmd_profile.c: derive)
 * and its subcommands that live in files of their own: replay
 * (profile_replay.c), train (profile_train.c) and suggest
 * (profile_suggest.c).  Each takes the
 * arguments from the subcommand's name on and returns a CLI_* code.
 */
#ifndef UKEUWATCH_DAEMON_PROFILE_CLI_H
#define UKEUWATCH_DAEMON_PROFILE_CLI_H

#include <jansson.h>

#include "daemon/cli.h"

struct html_text;

extern const struct cli_cmd cmd_profile;

int profile_replay_run(int argc, char **argv);
int profile_train_run(int argc, char **argv);
/* A line for the person at the terminal (stderr: stdout may be a profile). */
void profile_note(const char *line);
int profile_suggest_run(int argc, char **argv);

/*
 * Turn the "title" and "summary" of a labelled or corpus line (doc) into
 * the text `match` sees, in place.  Those lines carry the fields as the
 * feed did (HTML, as an RSS item's), and match reads them through the
 * feed parser's HTML-to-text; a trainer that read them raw would learn
 * from tags, link addresses and entities no item ever shows it.  Text
 * that is plain already passes unchanged.  0 or -ENOMEM.
 */
int profile_doc_text(struct html_text *h, json_t *doc);

#endif /* UKEUWATCH_DAEMON_PROFILE_CLI_H */
