/*
 * test_sign -- Standard Webhooks signatures: the published test vector,
 * key rotation (two signatures), and refusal of malformed secrets.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "alerts/sign.h"
#include "lib/buf.h"
#include "lib/errbuf.h"

/* From the standard-webhooks reference library's tests. */
#define VEC_SECRET "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
#define VEC_ID     "msg_p5jXN8AQM9LWM0D4loKWxJek"
#define VEC_TS     1614265330
#define VEC_BODY   "{\"test\": 2432232314}"
#define VEC_SIG    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
#define K2_SIG     "v1,O4Gjv1HqPqsMrjmczoggs/sWA8gZD0VyHG+fLh4+ktI="

static void
test_vector(void **state)
{
	const char *secrets[] = { VEC_SECRET };
	struct errbuf eb = { 0 };
	struct buf out;

	(void)state;
	buf_init(&out, 0);
	assert_int_equal(sign_header(secrets, 1, VEC_ID, VEC_TS, VEC_BODY,
	                     strlen(VEC_BODY), &out, &eb),
	    0);
	assert_string_equal(buf_str(&out), VEC_SIG);
	buf_clear(&out);
}

/* The same key without its prefix decodes to the same bytes. */
static void
test_vector_no_prefix(void **state)
{
	const char *secrets[] = { VEC_SECRET + 6 };
	struct buf out;

	(void)state;
	buf_init(&out, 0);
	assert_int_equal(sign_header(secrets, 1, VEC_ID, VEC_TS, VEC_BODY,
	                     strlen(VEC_BODY), &out, NULL),
	    0);
	assert_string_equal(buf_str(&out), VEC_SIG);
	buf_clear(&out);
}

/* One changed byte anywhere changes the signature. */
static void
test_tamper(void **state)
{
	const char *secrets[] = { VEC_SECRET };
	const char *body2 = "{\"test\": 2432232315}";
	struct buf a, b, c;

	(void)state;
	buf_init(&a, 0);
	buf_init(&b, 0);
	buf_init(&c, 0);
	assert_int_equal(sign_header(secrets, 1, VEC_ID, VEC_TS, body2,
	                     strlen(body2), &a, NULL),
	    0);
	assert_int_equal(sign_header(secrets, 1, VEC_ID, VEC_TS + 1, VEC_BODY,
	                     strlen(VEC_BODY), &b, NULL),
	    0);
	assert_int_equal(sign_header(secrets, 1, "msg_other", VEC_TS, VEC_BODY,
	                     strlen(VEC_BODY), &c, NULL),
	    0);
	assert_string_not_equal(buf_str(&a), VEC_SIG);
	assert_string_not_equal(buf_str(&b), VEC_SIG);
	assert_string_not_equal(buf_str(&c), VEC_SIG);
	assert_int_equal(strlen(buf_str(&a)), strlen(VEC_SIG));
	buf_clear(&a);
	buf_clear(&b);
	buf_clear(&c);
}

/*
 * Rotation: both signatures, space-separated, in the order given.  The
 * second key's expected value was computed independently with
 *   printf '%s' 'msg_p5jXN8AQM9LWM0D4loKWxJek.1614265330.{"test": 2432232314}'
 *   | openssl dgst -sha256 -mac HMAC -macopt hexkey:<00..1f> -binary | base64
 */
static void
test_rotation(void **state)
{
	/* base64 of the 32 bytes 0x00..0x1f */
	const char *k2 = "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
	const char *secrets[] = { VEC_SECRET, k2 };
	const char *only2[] = { NULL, k2 };
	struct buf both, two;
	char want[256];

	(void)state;
	buf_init(&both, 0);
	buf_init(&two, 0);
	assert_int_equal(sign_header(only2, 2, VEC_ID, VEC_TS, VEC_BODY,
	                     strlen(VEC_BODY), &two, NULL),
	    0);
	assert_string_equal(buf_str(&two), K2_SIG);
	assert_int_equal(sign_header(secrets, 2, VEC_ID, VEC_TS, VEC_BODY,
	                     strlen(VEC_BODY), &both, NULL),
	    0);
	snprintf(want, sizeof(want), "%s %s", VEC_SIG, K2_SIG);
	assert_string_equal(buf_str(&both), want);
	buf_clear(&both);
	buf_clear(&two);
}

static void
test_bad_secrets(void **state)
{
	static const char *bad[] = {
		"whsec_",         /* empty */
		"whsec_c2hvcnQ=", /* 5 bytes: too short */
		"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La!aSw", /* not base64 */
		"whsec_MfKQ9r8GKYqrTwjU=D8ILPZIo2LaLaSw", /* '=' inside */
		"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqrTwjUPD8ILP"
		"ZIo2LaLaSwMfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", /* > 64 bytes */
	};
	struct errbuf eb = { 0 };
	struct buf out;
	size_t i;

	(void)state;
	buf_init(&out, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *one[] = { bad[i] };

		errbuf_clear(&eb);
		assert_int_equal(sign_check_secret(bad[i], &eb), -EINVAL);
		assert_non_null(strstr(eb.msg, "signing secret"));
		/* The message never repeats the key material. */
		if (bad[i][6] != '\0')
			assert_null(strstr(eb.msg, bad[i] + 6));
		assert_int_equal(sign_header(one, 1, VEC_ID, VEC_TS, "x", 1,
		                     &out, NULL),
		    -EINVAL);
		assert_int_equal(out.len, 0);
	}
	assert_int_equal(sign_check_secret(VEC_SECRET, NULL), 0);
	buf_clear(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vector),
		cmocka_unit_test(test_vector_no_prefix),
		cmocka_unit_test(test_tamper),
		cmocka_unit_test(test_rotation),
		cmocka_unit_test(test_bad_secrets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
