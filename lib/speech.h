/*
 * speech -- reported speech as the renderers write it: "SPEAKER said
 * WORDS", never inside quotation marks (match/statement.h says which
 * statements are reported rather than quoted).
 */
#ifndef UKEUWATCH_LIB_SPEECH_H
#define UKEUWATCH_LIB_SPEECH_H

/*
 * The words as they follow "SPEAKER said": a copy whose first letter is
 * lower-cased when the first word is capitalised only because it opened
 * the sentence ("The UK will take part" reads "... said the UK will take
 * part"); names and everything else are kept as written.  Caller frees;
 * NULL when out of memory.
 */
char *speech_reported(const char *words);

#endif
