/*
 * urlshow.c -- see urlshow.h.  curl_url does the parsing, so what is
 * stripped is exactly what libcurl would send as credentials.
 */
#include "lib/urlshow.h"

#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

char *
url_shown(const char *url, int secret)
{
	CURLU *u = curl_url();
	char *s = NULL, *out;
	CURLUcode rc;

	if (u == NULL)
		return NULL;
	rc = curl_url_set(u, CURLUPART_URL, url, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_set(u, CURLUPART_USER, NULL, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_set(u, CURLUPART_OPTIONS, NULL, 0);
	if (rc == CURLUE_OK && secret)
		rc = curl_url_set(u, CURLUPART_QUERY, NULL, 0);
	if (rc == CURLUE_OK && secret)
		rc = curl_url_set(u, CURLUPART_FRAGMENT, NULL, 0);
	if (rc == CURLUE_OK)
		rc = curl_url_get(u, CURLUPART_URL, &s, 0);
	curl_url_cleanup(u);
	if (rc == CURLUE_OUT_OF_MEMORY)
		return NULL;
	out = strdup(rc == CURLUE_OK ? s : "(not a URL)");
	curl_free(s);
	return out;
}
