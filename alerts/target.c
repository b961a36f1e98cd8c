/*
 * target.c -- see target.h.
 *
 * Transport failures retry unless retrying cannot help: a URL libcurl
 * cannot use, a scheme it was told to refuse, credentials the server
 * refused, or a server that will not do STARTTLS when it is required.
 * Those are configuration faults that give-up-after would only delay.
 * Certificate failures do retry: a server's expired certificate is
 * usually renewed within the give-up window, and giving up would lose
 * alerts for a fault on the receiving side.
 */
#include "alerts/target.h"

static int
config_fault(CURLcode code)
{
	switch (code) {
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
	case CURLE_NOT_BUILT_IN:
	case CURLE_LOGIN_DENIED:
	case CURLE_USE_SSL_FAILED:
	case CURLE_BAD_FUNCTION_ARGUMENT:
	case CURLE_UNKNOWN_OPTION:
	case CURLE_TOO_MANY_REDIRECTS:
		return 1;
	default:
		return 0;
	}
}

static enum target_verdict
http_status(long status)
{
	if (status >= 200 && status <= 299)
		return TARGET_DELIVERED;
	if (status == 408 || status == 425 || status == 429 ||
	    (status >= 500 && status <= 599))
		return TARGET_RETRY;
	return TARGET_REJECTED;
}

static enum target_verdict
smtp_reply(CURLcode code, long status)
{
	if (status >= 400 && status <= 499)
		return TARGET_RETRY;
	if (status >= 500 && status <= 599)
		return TARGET_REJECTED;
	if (code == CURLE_OK)
		return TARGET_DELIVERED;
	return config_fault(code) ? TARGET_REJECTED : TARGET_RETRY;
}

enum target_verdict
target_verdict(enum target_type type, CURLcode code, long status)
{
	if (type == TARGET_TYPE_MAIL)
		return smtp_reply(code, status);
	/* libcurl reports an HTTP error status as CURLE_OK (no FAILONERROR)
	 * or CURLE_HTTP_RETURNED_ERROR; either way the status decides.  So
	 * it does when the response body passed the cap: the receiver has
	 * answered, and its body is only read for the log (a 2xx with a
	 * huge body was re-sent on every attempt). */
	if ((code == CURLE_OK || code == CURLE_HTTP_RETURNED_ERROR ||
	        code == CURLE_FILESIZE_EXCEEDED) &&
	    status > 0)
		return http_status(status);
	if (code == CURLE_OK)
		return TARGET_RETRY; /* no status line: nothing was accepted */
	return config_fault(code) ? TARGET_REJECTED : TARGET_RETRY;
}

const char *
target_advice(enum target_type type, CURLcode code, long status)
{
	if (type == TARGET_TYPE_MAIL) {
		if (status == 530 || status == 534 || status == 535 ||
		    status == 538 || code == CURLE_LOGIN_DENIED)
			return "check username and password-file";
		if (status == 550 || status == 551 || status == 553 ||
		    status == 501)
			return "check the target's from and to addresses";
		if (status == 552)
			return "the server refuses messages this large, or the "
			       "mailbox is full; ask its postmaster";
		if (status == 554)
			return "the server refused the message; ask its "
			       "postmaster";
		if (code == CURLE_USE_SSL_FAILED)
			return "the server offers no STARTTLS on this port; "
			       "use smtps:// or the submission port 587";
		return "check the target's url, from, to and credentials";
	}
	if (status == 401 || status == 403 || status == 404 || status == 410)
		return "check the target's URL and credentials (a revoked or "
		       "mistyped URL or token)";
	if (status >= 300 && status <= 399)
		return "the URL redirects: set url to where it leads";
	return "check the target's URL and what the receiver expects";
}

const char *
target_verdict_name(enum target_verdict v)
{
	switch (v) {
	case TARGET_DELIVERED:
		return "delivered";
	case TARGET_RETRY:
		return "retry";
	case TARGET_REJECTED:
		return "rejected";
	}
	return "unknown";
}
