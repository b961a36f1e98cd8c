/*
 * opml_write.c -- the feed list out as OPML 2.0 (see opml.h).
 *
 * libxml2's text writer does the escaping, so a URL with '&' or a name
 * with '<' comes out as well-formed XML; the document is written through
 * an output buffer on the caller's FILE, never held whole in memory.
 */
#include <errno.h>
#include <stdio.h>

#include <libxml/xmlwriter.h>

#include "feeds/opml.h"

static int
outline(xmlTextWriterPtr w, const char *name, const char *url)
{
	/* type="rss" is what readers expect of a feed outline, RSS or not. */
	if (xmlTextWriterStartElement(w, BAD_CAST "outline") < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "type", BAD_CAST "rss") <
	        0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "text", BAD_CAST name) <
	        0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "title", BAD_CAST name) <
	        0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "xmlUrl", BAD_CAST url) < 0)
		return -1;
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

int
opml_write(FILE *out, const char *title, size_t n, const char *const *names,
    const char *const *urls, struct errbuf *eb)
{
	xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(out, NULL);
	xmlTextWriterPtr w = ob ? xmlNewTextWriter(ob) : NULL;
	int rc = w != NULL ? 0 : -1;

	if (w == NULL && ob != NULL)
		xmlOutputBufferClose(ob); /* else the writer owns it */
	if (rc == 0)
		rc = xmlTextWriterSetIndent(w, 1) < 0 ||
		        xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) <
		            0 ||
		        xmlTextWriterStartElement(w, BAD_CAST "opml") < 0 ||
		        xmlTextWriterWriteAttribute(w, BAD_CAST "version",
		            BAD_CAST "2.0") < 0 ||
		        xmlTextWriterStartElement(w, BAD_CAST "head") < 0 ||
		        xmlTextWriterWriteElement(w, BAD_CAST "title",
		            BAD_CAST title) < 0 ||
		        xmlTextWriterEndElement(w) < 0 ||
		        xmlTextWriterStartElement(w, BAD_CAST "body") < 0 ?
		    -1 :
		    0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = outline(w, names[i], urls[i]);
	if (rc == 0 && xmlTextWriterEndDocument(w) < 0)
		rc = -1;
	if (w != NULL)
		xmlFreeTextWriter(w); /* flushes and closes ob, not out */
	if (rc == 0 && fflush(out) != 0)
		rc = -1;
	return rc < 0 ? errbuf_set(eb, -EIO, "cannot write the OPML document") :
	                0;
}
