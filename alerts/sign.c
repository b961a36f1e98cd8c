/*
 * sign.c -- see sign.h.
 *
 * HMAC is computed with EVP_MAC so the id, timestamp and body are fed in
 * pieces: the body (up to the payload cap) is never copied to build the
 * "{id}.{ts}.{body}" string.
 */
#include "alerts/sign.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#define SIGN_PREFIX     "whsec_"
#define SIGN_KEY_MIN    16
#define SIGN_KEY_MAX    64
#define SIGN_B64_MAX    ((SIGN_KEY_MAX + 2) / 3 * 4)
#define SIGN_DIGEST_LEN 32

/*
 * Decode the base64 after "whsec_" into key.  EVP_DecodeBlock wants a
 * multiple of four characters (the reference library pads before decoding)
 * and counts the padding in its result, so both are corrected here.
 */
static int
decode_key(const char *secret, unsigned char *key, size_t *key_len,
    struct errbuf *eb)
{
	char b64[SIGN_B64_MAX + 4];
	unsigned char raw[SIGN_B64_MAX + 4];
	size_t len, pad = 0, i;
	int n;

	if (strncmp(secret, SIGN_PREFIX, strlen(SIGN_PREFIX)) == 0)
		secret += strlen(SIGN_PREFIX);
	len = strlen(secret);
	if (len == 0 || len > SIGN_B64_MAX)
		return errbuf_set(eb, -EINVAL,
		    "signing secret: %zu base64 characters after whsec_; "
		    "expected %d to %d bytes of key",
		    len, SIGN_KEY_MIN, SIGN_KEY_MAX);
	for (i = 0; i < len; i++)
		if (!(secret[i] >= 'A' && secret[i] <= 'Z') &&
		    !(secret[i] >= 'a' && secret[i] <= 'z') &&
		    !(secret[i] >= '0' && secret[i] <= '9') &&
		    secret[i] != '+' && secret[i] != '/' &&
		    !(secret[i] == '=' && i >= len - 2))
			return errbuf_set(eb, -EINVAL,
			    "signing secret: not base64 after whsec_ "
			    "(character %zu)",
			    i + 1);
	memcpy(b64, secret, len);
	while (len % 4 != 0)
		b64[len++] = '=';
	for (i = len; i > 0 && b64[i - 1] == '='; i--)
		pad++;
	n = EVP_DecodeBlock(raw, (const unsigned char *)b64, (int)len);
	OPENSSL_cleanse(b64, sizeof(b64));
	if (n < 0 || pad > 2 || (size_t)n < pad) {
		OPENSSL_cleanse(raw, sizeof(raw));
		return errbuf_set(eb, -EINVAL,
		    "signing secret: not base64 after whsec_");
	}
	*key_len = (size_t)n - pad;
	memcpy(key, raw, *key_len);
	OPENSSL_cleanse(raw, sizeof(raw));
	if (*key_len < SIGN_KEY_MIN || *key_len > SIGN_KEY_MAX)
		return errbuf_set(eb, -EINVAL,
		    "signing secret: key is %zu bytes; use %d to %d random "
		    "bytes, base64-encoded after whsec_",
		    *key_len, SIGN_KEY_MIN, SIGN_KEY_MAX);
	return 0;
}

int
sign_check_secret(const char *secret, struct errbuf *eb)
{
	unsigned char key[SIGN_B64_MAX];
	size_t key_len = 0;
	int rc = decode_key(secret, key, &key_len, eb);

	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}

static int
hmac_sha256(const unsigned char *key, size_t key_len, const char *id,
    const char *ts, const void *body, size_t body_len,
    unsigned char out[SIGN_DIGEST_LEN])
{
	OSSL_PARAM params[2];
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = NULL;
	size_t out_len = 0;
	int ok = 0;

	if (mac == NULL)
		goto fail;
	ctx = EVP_MAC_CTX_new(mac);
	if (ctx == NULL)
		goto fail;
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	ok = EVP_MAC_init(ctx, key, key_len, params) &&
	    EVP_MAC_update(ctx, (const unsigned char *)id, strlen(id)) &&
	    EVP_MAC_update(ctx, (const unsigned char *)".", 1) &&
	    EVP_MAC_update(ctx, (const unsigned char *)ts, strlen(ts)) &&
	    EVP_MAC_update(ctx, (const unsigned char *)".", 1) &&
	    EVP_MAC_update(ctx, body, body_len) &&
	    EVP_MAC_final(ctx, out, &out_len, SIGN_DIGEST_LEN) &&
	    out_len == SIGN_DIGEST_LEN;
fail:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? 0 : -ENOMEM;
}

static int
sign_one(const char *secret, const char *id, const char *ts, const void *body,
    size_t body_len, int first, struct buf *out, struct errbuf *eb)
{
	unsigned char key[SIGN_B64_MAX], mac[SIGN_DIGEST_LEN];
	char b64[((SIGN_DIGEST_LEN + 2) / 3) * 4 + 1];
	size_t key_len = 0;
	int rc;

	rc = decode_key(secret, key, &key_len, eb);
	if (rc == 0) {
		rc = hmac_sha256(key, key_len, id, ts, body, body_len, mac);
		if (rc < 0)
			errbuf_set(eb, rc, "signing: HMAC-SHA256 failed");
	}
	OPENSSL_cleanse(key, sizeof(key));
	if (rc < 0)
		return rc;
	EVP_EncodeBlock((unsigned char *)b64, mac, SIGN_DIGEST_LEN);
	rc = buf_printf(out, "%sv1,%s", first ? "" : " ", b64);
	return rc < 0 ? errbuf_set(eb, rc, "signing: out of memory") : 0;
}

int
sign_header(const char *const *secrets, size_t n, const char *id, int64_t ts,
    const void *body, size_t body_len, struct buf *out, struct errbuf *eb)
{
	char tsbuf[24];
	size_t i, start = out->len, done = 0;
	int rc;

	if (n == 0 || n > SIGN_MAX_SECRETS)
		return errbuf_set(eb, -EINVAL, "signing: %zu secrets given", n);
	if (id[0] == '\0')
		return errbuf_set(eb, -EINVAL, "signing: empty webhook-id");
	snprintf(tsbuf, sizeof(tsbuf), "%" PRId64, ts);
	for (i = 0; i < n; i++) {
		if (secrets[i] == NULL)
			continue;
		rc = sign_one(secrets[i], id, tsbuf, body, body_len, done == 0,
		    out, eb);
		if (rc < 0) {
			out->len = start;
			if (out->data != NULL)
				out->data[start] = '\0';
			return rc;
		}
		done++;
	}
	if (done == 0)
		return errbuf_set(eb, -EINVAL, "signing: no secret given");
	return 0;
}
