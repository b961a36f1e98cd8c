/*
 * date.c -- see date.h.
 *
 * Two readers.  ISO 8601 (RFC 3339, W3C-DTF) is recognised by its leading
 * four-digit year and read strictly left to right.  Everything else goes to
 * a token reader for RFC 822 and its real-world variants: each word, number,
 * clock time and zone is classified by its shape, not its position, so
 * "Tue, 10 Jun 2003", "10 Jun 03", "June 10, 2003" and asctime's
 * "Tue Jun 10 04:00:00 2003" all read.  Day names are ignored, since feeds
 * get them wrong more often than the date.
 */
#include "feeds/date.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

#include "lib/item.h"

struct dt {
	int64_t year;
	int mon, day, hour, min, sec;
	int off_s;       /* zone offset east of UTC, seconds */
	bool have_tz;    /* an explicit zone was read */
	bool numeric_tz; /* it was +hhmm: a zone name, a comment, cannot
	                    override it ("+0530 (IST)", IST also Irish) */
	bool have_clock; /* hh:mm was read: a sign now starts a zone */
};

struct cursor {
	const char *p, *end;
};

/* Howard Hinnant's days_from_civil: exact for every proleptic year. */
int64_t
date_days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
	int64_t era;
	unsigned int yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned int)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int
days_in_month(int64_t y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dim[m - 1];
}

static int64_t
dt_to_unix(const struct dt *t)
{
	int64_t days;

	if (t->year < 1 || t->year > 9999 || t->mon < 1 || t->mon > 12 ||
	    t->day < 1 || t->day > days_in_month(t->year, t->mon) ||
	    t->hour < 0 || t->hour > 24 || t->min < 0 || t->min > 59 ||
	    t->sec < 0 || t->sec > 60)
		return ITEM_NO_TIME;
	if (t->hour == 24 && (t->min != 0 || t->sec != 0))
		return ITEM_NO_TIME;
	days = date_days_from_civil(t->year, (unsigned int)t->mon,
	    (unsigned int)t->day);
	return days * 86400 + t->hour * 3600 + t->min * 60 + t->sec - t->off_s;
}

/* Read up to max digits; returns how many were read (0: none). */
static int
digits(struct cursor *c, int max, int *out)
{
	int n = 0, v = 0;

	while (c->p < c->end && n < max && isdigit((unsigned char)*c->p)) {
		v = v * 10 + (*c->p++ - '0');
		n++;
	}
	*out = v;
	return n;
}

static bool
eat(struct cursor *c, char ch)
{
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return true;
	}
	return false;
}

/* "+hh:mm", "+hhmm", "+hh" after the sign; false when malformed. */
static bool
numeric_zone(struct cursor *c, int *off_s)
{
	int sign, h, m = 0, n;

	sign = *c->p == '-' ? -1 : 1;
	c->p++;
	n = digits(c, 4, &h);
	if (n == 4) {
		m = h % 100;
		h /= 100;
	} else if (n == 2 || n == 1) {
		if (eat(c, ':') && digits(c, 2, &m) != 2)
			return false;
	} else {
		return false;
	}
	if (h > 23 || m > 59)
		return false;
	*off_s = sign * (h * 3600 + m * 60);
	return true;
}

static bool
iso_time(struct cursor *c, struct dt *t)
{
	bool basic;

	if (digits(c, 2, &t->hour) != 2)
		return false;
	basic = !eat(c, ':');
	if (digits(c, 2, &t->min) != 2)
		return false;
	if ((basic || eat(c, ':')) && c->p < c->end &&
	    isdigit((unsigned char)*c->p)) {
		if (digits(c, 2, &t->sec) != 2)
			return false;
		if (c->p < c->end && (*c->p == '.' || *c->p == ',')) {
			c->p++;
			while (c->p < c->end && isdigit((unsigned char)*c->p))
				c->p++;
		}
	}
	while (c->p < c->end && *c->p == ' ')
		c->p++;
	if (c->p == c->end)
		return true;
	if (*c->p == 'Z' || *c->p == 'z') {
		c->p++;
		t->have_tz = true;
		return true;
	}
	if (*c->p == '+' || *c->p == '-') {
		t->have_tz = true;
		return numeric_zone(c, &t->off_s);
	}
	return false;
}

/* 2003-12-13T18:30:02Z, 2003-12-13, 2003-12, 2003, 20031213T183002Z. */
static int64_t
parse_iso(struct cursor *c)
{
	struct dt t = { .mon = 1, .day = 1 };
	int y;
	bool basic;

	if (digits(c, 4, &y) != 4)
		return ITEM_NO_TIME;
	t.year = y;
	basic = !eat(c, '-');
	if (c->p < c->end && digits(c, 2, &t.mon) != 2)
		return ITEM_NO_TIME;
	if (c->p < c->end && (basic || eat(c, '-')) &&
	    digits(c, 2, &t.day) != 2)
		return ITEM_NO_TIME;
	if (c->p < c->end) {
		if (*c->p != 'T' && *c->p != 't' && *c->p != ' ')
			return ITEM_NO_TIME;
		c->p++;
		if (!iso_time(c, &t))
			return ITEM_NO_TIME;
	}
	while (c->p < c->end && isspace((unsigned char)*c->p))
		c->p++;
	if (c->p != c->end)
		return ITEM_NO_TIME;
	return dt_to_unix(&t);
}

struct named {
	const char *name;
	int value;
};

static const struct named months[] = { { "jan", 1 }, { "feb", 2 }, { "mar", 3 },
	{ "apr", 4 }, { "may", 5 }, { "jun", 6 }, { "jul", 7 }, { "aug", 8 },
	{ "sep", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
	{ NULL, 0 } };

/* RFC 822's zones plus the ones feeds write in practice (minutes east). */
static const struct named zones[] = { { "ut", 0 }, { "utc", 0 }, { "gmt", 0 },
	{ "z", 0 }, { "wet", 0 }, { "bst", 60 }, { "ist", 60 }, { "west", 60 },
	{ "cet", 60 }, { "met", 60 }, { "cest", 120 }, { "mest", 120 },
	{ "eet", 120 }, { "eest", 180 }, { "msk", 180 }, { "est", -300 },
	{ "edt", -240 }, { "cst", -360 }, { "cdt", -300 }, { "mst", -420 },
	{ "mdt", -360 }, { "pst", -480 }, { "pdt", -420 }, { "akst", -540 },
	{ "akdt", -480 }, { "hst", -600 }, { "jst", 540 }, { "kst", 540 },
	{ "aest", 600 }, { "aedt", 660 }, { "nzst", 720 }, { "nzdt", 780 },
	{ NULL, 0 } };

static const char *const daynames[] = { "mon", "tue", "wed", "thu", "fri",
	"sat", "sun", NULL };

static int
lookup(const struct named *tab, const char *w, size_t n, bool prefix3)
{
	for (; tab->name != NULL; tab++) {
		size_t tl = strlen(tab->name);

		if (prefix3 ? n >= 3 && strncasecmp(w, tab->name, 3) == 0 :
		              n == tl && strncasecmp(w, tab->name, n) == 0)
			return tab->value;
	}
	return -1;
}

static bool
is_dayname(const char *w, size_t n)
{
	for (const char *const *d = daynames; *d != NULL; d++)
		if (n >= 3 && strncasecmp(w, *d, 3) == 0)
			return true;
	return false;
}

static bool
word_token(struct dt *t, const char *w, size_t n)
{
	int v;

	if (t->mon == 0 && n <= 9 && (v = lookup(months, w, n, true)) > 0) {
		t->mon = v;
		return true;
	}
	if (is_dayname(w, n))
		return true;
	if (n <= 4 && (v = lookup(zones, w, n, false)) != -1) {
		if (!t->numeric_tz)
			t->off_s = v * 60;
		t->have_tz = true;
		return true;
	}
	/* "at", "the" and other noise words between the parts */
	return n <= 3;
}

static bool
clock_token(struct cursor *c, struct dt *t, int h)
{
	t->hour = h;
	t->have_clock = true;
	if (digits(c, 2, &t->min) == 0)
		return false;
	if (eat(c, ':') && digits(c, 2, &t->sec) == 0)
		return false;
	if (c->p < c->end && *c->p == '.')
		for (c->p++; c->p < c->end && isdigit((unsigned char)*c->p);)
			c->p++;
	/* " AM"/" PM" but not a zone such as PDT */
	if (c->end - c->p >= 3 && c->p[0] == ' ' &&
	    strchr("aApP", c->p[1]) != NULL && (c->p[2] | 0x20) == 'm' &&
	    (c->end - c->p == 3 || !isalpha((unsigned char)c->p[3]))) {
		bool pm = (c->p[1] | 0x20) == 'p';

		c->p += 3;
		if (t->hour == 12)
			t->hour = 0;
		if (pm)
			t->hour += 12;
	}
	return true;
}

static bool
number_token(struct cursor *c, struct dt *t, int *year)
{
	int v, n = digits(c, 9, &v);

	if (eat(c, ':'))
		return clock_token(c, t, v);
	if (n >= 3 || (t->day != 0 && *year < 0)) {
		if (*year >= 0)
			return false;
		/* RFC 2822 4.3: two-digit years below 50 are 20xx */
		*year = n >= 4 ? v :
		    n == 3     ? v + 1900 :
		    v < 50     ? v + 2000 :
		                 v + 1900;
		return true;
	}
	if (t->day != 0)
		return false;
	t->day = v;
	return true;
}

static int64_t
parse_rfc822(struct cursor *c)
{
	struct dt t = { 0 };
	int year = -1;

	while (c->p < c->end) {
		unsigned char ch = (unsigned char)*c->p;

		if (isspace(ch) || ch == ',' || ch == '.' || ch == '/' ||
		    ch == '(' || ch == ')') {
			c->p++;
		} else if (isdigit(ch)) {
			if (!number_token(c, &t, &year))
				return ITEM_NO_TIME;
		} else if ((ch == '+' || ch == '-') && t.have_clock &&
		    c->p + 1 < c->end && isdigit((unsigned char)c->p[1])) {
			if (!numeric_zone(c, &t.off_s))
				return ITEM_NO_TIME;
			t.have_tz = t.numeric_tz = true;
		} else if (isalpha(ch)) {
			const char *w = c->p;

			while (c->p < c->end && isalpha((unsigned char)*c->p))
				c->p++;
			if (!word_token(&t, w, (size_t)(c->p - w)))
				return ITEM_NO_TIME;
		} else if (ch == '-') {
			c->p++;
		} else {
			return ITEM_NO_TIME;
		}
	}
	if (year < 0 || t.mon == 0 || t.day == 0)
		return ITEM_NO_TIME;
	t.year = year;
	return dt_to_unix(&t);
}

int64_t
date_parse(const char *s, size_t len)
{
	struct cursor c = { s, s + len };

	while (c.p < c.end && isspace((unsigned char)*c.p))
		c.p++;
	while (c.end > c.p && isspace((unsigned char)c.end[-1]))
		c.end--;
	if (c.end - c.p >= 4 && isdigit((unsigned char)c.p[0]) &&
	    isdigit((unsigned char)c.p[1]) && isdigit((unsigned char)c.p[2]) &&
	    isdigit((unsigned char)c.p[3]) &&
	    (c.end - c.p == 4 || c.p[4] == '-' ||
	        isdigit((unsigned char)c.p[4]))) {
		struct cursor iso = c;
		int64_t t = parse_iso(&iso);

		if (t != ITEM_NO_TIME)
			return t;
	}
	return parse_rfc822(&c);
}
