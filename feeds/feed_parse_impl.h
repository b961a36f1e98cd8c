/*
 * feed_parse_impl.h -- private to feed_parse*.c: the parser's state and the
 * seams between its parts.
 *
 *   feed_parse.c       public API, charset and format sniffing, HTML pages
 *   feed_parse_item.c  field normalisation and storage, fallbacks, item emit
 *   feed_parse_sax.c   libxml2's SAX2 push parser: callbacks, xml:base, depth
 *   feed_parse_rss.c   RSS 0.9x/1.0/2.0 elements and their extensions
 *   feed_parse_atom.c  Atom 0.3/1.0 elements
 *   feed_parse_json.c  JSON Feed 1.x (jansson)
 *   feed_parse_fix.c   the XML bytes repaired before libxml2 reads them,
 *                      oversized fields truncated
 *
 * Item state lives in buffers reused from item to item, so a steady stream
 * of items allocates nothing.
 */
#ifndef UKEUWATCH_FEEDS_FEED_PARSE_IMPL_H
#define UKEUWATCH_FEEDS_FEED_PARSE_IMPL_H

#include <stdbool.h>
#include <stdint.h>

#include "feeds/feed_parse.h"
#include "lib/buf.h"

struct charset_dec;
struct html_text;

enum fp_mode {
	FP_SNIFF, /* deciding XML, JSON or HTML from the first bytes */
	FP_XML,
	FP_JSON,
	FP_HTML, /* a web page: collect it to name the feeds it links */
	FP_DONE,
};

enum fp_family {
	FAM_NONE,
	FAM_RSS,
	FAM_ATOM
};

/* How captured text becomes plain text. */
enum fp_kind {
	KIND_RAW,   /* identifiers, URLs, dates: white space only */
	KIND_TEXT,  /* plain text (Atom type="text") */
	KIND_HTML,  /* escaped HTML (RSS, Atom type="html") */
	KIND_XHTML, /* inline XHTML: markup rebuilt, text escaped */
};

enum fp_field {
	F_NONE,
	F_TITLE,
	F_LINK,
	F_SUMMARY,
	F_CONTENT,
	F_ID,
	F_PUBLISHED, /* pubDate, Atom published/issued */
	F_UPDATED,   /* Atom updated/modified, lastBuildDate */
	F_DCDATE,    /* dc:date: published when nothing better */
	F_AUTHOR,
	F_CATEGORY,
	F_KEYWORDS,   /* comma-separated categories (itunes:keywords) */
	F_ALTSUMMARY, /* media:description, itunes:summary */
	F_LANGUAGE,
	F_TTL,
	F_SY_PERIOD,
	F_SY_FREQ,
};

enum fp_ns {
	NS_NONE,
	NS_OTHER,
	NS_RSS10,
	NS_RSS090,
	NS_RDF,
	NS_ATOM10,
	NS_ATOM03,
	NS_DC,
	NS_DCTERMS,
	NS_CONTENT,
	NS_MEDIA,
	NS_SY,
	NS_XHTML,
	NS_ITUNES,
	NS_XML,
};

/* A list of strings in one buffer, NUL-separated, with a pointer view. */
struct fp_strv {
	struct buf data;
	size_t *off; /* owned: offsets into data */
	char **ptrs; /* owned: the view handed out in struct item */
	size_t n, cap;
};

/* One item being read; every buffer is reused for the next item. */
struct fp_item {
	struct buf title, link, summary, content, id, altsummary, altlink,
	    anylink;
	int64_t published, updated, dcdate;
	bool guid_permalink; /* the guid may stand for the link */
	struct fp_strv authors, categories, enc_urls, enc_types;
	uint64_t *enc_len;      /* owned, enc_cap long */
	struct enclosure *encs; /* owned, enc_cap long: the item's view */
	size_t enc_cap;
};

/* One start tag, as the family handlers see it. */
struct fp_el {
	const char *name; /* local name */
	enum fp_ns ns;
	int n_attrs;
	const unsigned char *const *attrs; /* libxml2 SAX2 layout, 5 each */
};

struct fp_base {
	size_t depth; /* the element that set it */
	size_t off;   /* start of this base in feed_parser.bases */
};

struct fp_ent; /* feed_parse_sax.c: HTML entities supplied to libxml2 */
struct fp_fix; /* feed_parse_fix.c: bare '&', attribute floods */

struct feed_parser {
	struct feed_parse_opts opts; /* caps filled in with defaults */
	char *doc_url;               /* owned copy of opts.doc_url, or NULL */
	const struct feed_parse_cbs *cbs; /* borrowed */
	void *arg;                        /* borrowed */

	enum fp_mode mode;
	bool json;               /* the document was sniffed as JSON */
	struct charset_dec *dec; /* owned */
	struct html_text *html;  /* owned: one HTML parser for every field */
	struct buf utf8;         /* decoded bytes of the current chunk */
	struct buf doc;          /* JSON document, or an HTML page's start */
	size_t n_bytes;          /* document bytes pushed */
	void *xml;               /* owned xmlParserCtxtPtr */

	struct feed_meta meta;
	int meta_upd_rank; /* which source set meta.updated */
	/* Polling hints, combined into meta.ttl_s whatever their order. */
	int64_t ttl_hint_s;  /* <ttl> minutes x 60 */
	int64_t sy_period_s; /* sy:updatePeriod */
	long sy_freq;        /* sy:updateFrequency; 0: absent (means 1) */
	size_t count;        /* items delivered */
	int err;             /* first fatal error (negative errno), or 0 */
	struct errbuf eb;    /* its message */
	bool recovered;      /* libxml2 reported errors it read past */
	char fault[160];     /* the first of them */

	/* XML reading state */
	enum fp_family family;
	size_t depth;         /* current element depth, root = 1 */
	size_t channel_depth; /* RSS <channel>, 0 outside */
	size_t item_depth;    /* the open item/entry, 0 outside */
	size_t skip_depth;    /* inside an element we ignore, 0 outside */
	size_t person_depth;  /* Atom author element, 0 outside */
	enum fp_field field;  /* text being captured, F_NONE if none */
	enum fp_kind kind;
	bool base64; /* the captured text is base64 (Atom) */
	size_t field_depth;
	struct buf raw;  /* the captured text */
	struct buf text; /* its normalised form */
	struct buf attr[3];
	struct buf bases;           /* xml:base values, NUL-separated */
	struct fp_base *base_stack; /* owned */
	size_t n_bases, cap_bases;
	struct fp_fix *fix;  /* owned */
	struct buf fixed;    /* the repaired bytes of the current chunk */
	bool truncated;      /* the field being captured hit max_field */
	size_t n_truncated;  /* fields truncated in the document */
	bool items_capped;   /* max_items reached: the rest was skipped */
	struct fp_ent *ents; /* owned */
	size_t n_ents;
	const void *ns_uri[8]; /* namespace URI pointers seen (dict-owned) */
	enum fp_ns ns_id[8];
	size_t ns_next;

	struct fp_item it;
	struct item view; /* borrowed pointers into it, for on_item */
	struct buf key;
	struct buf old_key; /* item_key_old's, or empty */
};

/* feed_parse.c */
int fp_fail(struct feed_parser *p, int code, const char *fmt, ...)
    PRINTF_LIKE(3, 4);

/* feed_parse_item.c */
void fp_item_init(struct fp_item *it, size_t max_field);
void fp_item_clear(struct fp_item *it);
void fp_capture(struct feed_parser *p, enum fp_field f, enum fp_kind k);
int fp_truncate(struct feed_parser *p, const char *s, size_t n);
int fp_store(struct feed_parser *p, enum fp_field f, const char *s);
int fp_store_raw(struct feed_parser *p, enum fp_field f, const char *s);
int fp_item_begin(struct feed_parser *p);
int fp_item_end(struct feed_parser *p);
int fp_enclosure(struct feed_parser *p, const char *url, const char *type,
    const char *length);
int fp_link(struct feed_parser *p, struct buf *slot, const char *href);
int fp_set_meta(char **slot, const char *s);
int fp_strv_add(struct fp_strv *v, const char *s);
void fp_strv_reset(struct fp_strv *v);
void fp_strv_clear(struct fp_strv *v);
enum fp_kind fp_text_kind(const char *type, const char *mode);

/* feed_parse_sax.c */
const char *fp_base(const struct feed_parser *p); /* xml:base or doc URL */
int fp_xml_new(struct feed_parser *p);
int fp_xml_push(struct feed_parser *p, const char *s, size_t n, bool final);
void fp_xml_free(struct feed_parser *p);
const char *fp_attr(struct feed_parser *p, const struct fp_el *el,
    const char *name, int slot);

/* feed_parse_rss.c, feed_parse_atom.c: 0 or a negative errno */
int fp_rss_root(struct feed_parser *p, const struct fp_el *el);
int fp_rss_start(struct feed_parser *p, const struct fp_el *el);
int fp_rss_end(struct feed_parser *p, const struct fp_el *el);
int fp_media(struct feed_parser *p, const struct fp_el *el);
int fp_atom_root(struct feed_parser *p, const struct fp_el *el);
int fp_atom_start(struct feed_parser *p, const struct fp_el *el);
int fp_atom_end(struct feed_parser *p, const struct fp_el *el);

#define FP_MAX_ATTRS 256 /* attributes of one element; the rest dropped */

/* feed_parse_fix.c: x repairs s[0..n) into out (appended); 0 or -ENOMEM */
int fp_fix_new(struct fp_fix **out);
void fp_fix_free(struct fp_fix *x);
int fp_fix_run(struct fp_fix *x, const char *s, size_t n, bool final,
    struct buf *out);
size_t fp_fix_repaired(const struct fp_fix *x); /* bare '&' and '<' */
size_t fp_fix_dropped(const struct fp_fix *x);  /* tags over MAX_ATTRS */

/* feed_parse_json.c */
int fp_json_finish(struct feed_parser *p);

#endif /* UKEUWATCH_FEEDS_FEED_PARSE_IMPL_H */
