// SPDX-License-Identifier: GPL-2.0
/*
 * l2tpctl: a minimal streaming JSON writer (RFC 8259 string escaping).
 */
#include <inttypes.h>

#include "json.h"

void jw_init(struct jw *w, FILE *f)
{
	w->f = f;
	w->depth = 0;
	w->need_comma[0] = false;
}

static void put_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void prefix(struct jw *w, const char *key)
{
	if (w->need_comma[w->depth])
		fputc(',', w->f);
	w->need_comma[w->depth] = true;
	if (key) {
		put_string(w->f, key);
		fputc(':', w->f);
	}
}

static void open(struct jw *w, const char *key, char c)
{
	prefix(w, key);
	fputc(c, w->f);
	if (w->depth < JW_MAX_DEPTH - 1)
		w->depth++;
	w->need_comma[w->depth] = false;
}

static void close_(struct jw *w, char c)
{
	fputc(c, w->f);
	if (w->depth > 0)
		w->depth--;
}

void jw_obj_open(struct jw *w, const char *key)
{
	open(w, key, '{');
}

void jw_obj_close(struct jw *w)
{
	close_(w, '}');
}

void jw_arr_open(struct jw *w, const char *key)
{
	open(w, key, '[');
}

void jw_arr_close(struct jw *w)
{
	close_(w, ']');
}

void jw_str(struct jw *w, const char *key, const char *val)
{
	prefix(w, key);
	put_string(w->f, val ? val : "");
}

void jw_u64(struct jw *w, const char *key, uint64_t val)
{
	prefix(w, key);
	fprintf(w->f, "%" PRIu64, val);
}

void jw_s64(struct jw *w, const char *key, int64_t val)
{
	prefix(w, key);
	fprintf(w->f, "%" PRId64, val);
}

void jw_bool(struct jw *w, const char *key, bool val)
{
	prefix(w, key);
	fputs(val ? "true" : "false", w->f);
}

void jw_null(struct jw *w, const char *key)
{
	prefix(w, key);
	fputs("null", w->f);
}

void jw_end(struct jw *w)
{
	fputc('\n', w->f);
	fflush(w->f);
}
