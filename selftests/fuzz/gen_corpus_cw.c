// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the seed corpus of fuzz_cw (format: fuzz_cw.h): exchanges over a
 * clean channel, with loss, duplication and reordering, backoff up to
 * giving up, window changes, restarts, a lying peer, delayed acks, the
 * 32-bit clock wrap and parameters out of the limits.
 *
 *   gcc -o /tmp/gen_corpus_cw selftests/fuzz/gen_corpus_cw.c
 *   /tmp/gen_corpus_cw selftests/fuzz/corpus_cw
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_cw.h"

typedef unsigned char u8;

static const char *dir;

struct seed {
	u8 b[512];
	size_t n;
};

/* Params (fuzz_cw.h): RTO 1 s, cap 8 s, ack delay 200 ms, ack every 2. */
static const u8 rfc[5] = { 100, 0x07, 10, 16, 5 | 2 << 5 };
/* Fast timers: RTO 10 ms, cap 40 ms, ack delay 20 ms, 3 retries. */
static const u8 fast[5] = { 1, 0x03, 1, 16, 3 | 1 << 5 };

static void start(struct seed *s, u8 c0, const u8 *a, const u8 *b)
{
	s->n = 0;
	s->b[s->n++] = c0;
	memcpy(s->b + s->n, a, 5);
	s->n += 5;
	memcpy(s->b + s->n, b, 5);
	s->n += 5;
}

static void op(struct seed *s, u8 o)
{
	s->b[s->n++] = o;
}

static void op_arg(struct seed *s, u8 o, u8 arg)
{
	op(s, o);
	op(s, arg);
}

static void emit(const char *name, const struct seed *s)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(s->b, 1, s->n, f) != s->n || fclose(f)) {
		perror(path);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static const u8 bad[5] = { 0, 0xff, 0xff, 0, 0x1f };
	static const u8 narrow[5] = { 50, 0x03, 0, 2, 31 };
	static const u8 wide[5] = { 10, 0x07, 0x85, 0xc0, 8 };
	static const u8 once[5] = { 5, 0x00, 10, 4, 0 };
	static const u8 lazy[5] = { 20, 0x47, 0x85, 16, 10 };
	struct seed s;
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	dir = argv[1];

	/* Both ways over a clean channel, defaults (NULL params). */
	start(&s, 0x0c, rfc, rfc);
	op(&s, OP_QUEUE | 2 << 5);
	op(&s, OP_QUEUE | OP_END_B | 1 << 5);
	op(&s, OP_PUMP);
	op(&s, OP_RUN | 0x30);
	emit("clean", &s);

	/* Loss, duplicates and reordering, then the timers recover. */
	start(&s, 0, fast, fast);
	op(&s, OP_QUEUE | 7 << 5);
	for (i = 0; i < 4; i++) {
		op(&s, OP_SEND | 0x20);
		op(&s, OP_QUEUE | OP_END_B);
		op(&s, OP_SEND | OP_END_B | 0x20);
		op_arg(&s, OP_DROP, 1);
		op_arg(&s, OP_DUP, 0);
		op(&s, OP_LAST);
		op_arg(&s, OP_DELIVER, 2);
		op(&s, OP_FIRST);
		op_arg(&s, OP_WAIT | 2 << 5, 1);
		op(&s, OP_TIMERS | 0x20);
		op(&s, OP_FIRST);
		op(&s, OP_FIRST);
	}
	op(&s, OP_RUN | 0x40);
	emit("lossy", &s);

	/* A black hole: backoff until max_retries is exhausted. */
	start(&s, 0, fast, rfc);
	op(&s, OP_QUEUE | 1 << 5);
	op(&s, OP_SEND | 0x20);
	for (i = 0; i < 6; i++) {
		op_arg(&s, OP_DROP, 0);
		op_arg(&s, OP_WAIT, 40);
		op(&s, OP_TIMERS);
	}
	op(&s, OP_QUEUE);
	emit("dead", &s);

	/* max_retries 0 and an ack delay longer than the RTO. */
	start(&s, 0, once, lazy);
	op(&s, OP_QUEUE | 3 << 5);
	op(&s, OP_QUEUE | OP_END_B | 3 << 5);
	op(&s, OP_RUN | 0x70);
	emit("give_up_at_once", &s);

	/* Peer RWS: refused 0, narrowed, wider than our receive window. */
	start(&s, 1, narrow, wide);
	op_arg(&s, OP_RWS, 0);
	op_arg(&s, OP_RWS | OP_END_B, 40);
	op(&s, OP_QUEUE | 7 << 5);
	op(&s, OP_QUEUE | OP_END_B | 7 << 5);
	op(&s, OP_QUEUE | OP_END_B | 7 << 5);
	op(&s, OP_RUN | 0x20);
	op_arg(&s, OP_RWS, 1);
	op_arg(&s, OP_RWS | OP_END_B | 0x20, 0x10);
	op(&s, OP_RUN | 0x70);
	emit("rws", &s);

	/* Restart one end (the peer gets confused), then both. */
	start(&s, 0, rfc, fast);
	op(&s, OP_QUEUE | 4 << 5);
	op(&s, OP_SEND | 0x20);
	op(&s, OP_FIRST);
	op(&s, OP_QUEUE | OP_END_B | 2 << 5);
	op(&s, OP_SEND | OP_END_B | 0x20);
	op(&s, OP_PURGE | OP_END_B);
	op(&s, OP_RUN | 0x10);
	op(&s, OP_QUEUE | 2 << 5);
	op(&s, OP_SEND | 0x20);
	op(&s, OP_PURGE | 0x20);
	op(&s, OP_QUEUE | OP_END_B | 5 << 5);
	op(&s, OP_RUN | 0x30);
	emit("purge", &s);

	/* A lying peer: Ns and Nr altered in flight. */
	start(&s, 0, fast, fast);
	op(&s, OP_QUEUE | 3 << 5);
	op(&s, OP_QUEUE | OP_END_B | 3 << 5);
	op(&s, OP_SEND | 0x20);
	op(&s, OP_SEND | OP_END_B | 0x20);
	op(&s, OP_MUTATE);
	op(&s, 0);
	op(&s, 2);
	op(&s, OP_MUTATE | OP_END_B | 2 << 5);
	op(&s, 1);
	op(&s, 9);
	op(&s, OP_MUTATE | 1 << 5);
	op(&s, 0);
	op(&s, 0x80);
	op(&s, OP_PUMP);
	op(&s, OP_RUN | 0x20);
	emit("liar", &s);

	/* One-way traffic, delayed acks, ack_now, explicit ZLBs. */
	start(&s, 0, rfc, lazy);
	for (i = 0; i < 5; i++) {
		op(&s, OP_QUEUE);
		op(&s, OP_SEND);
		op(&s, OP_FIRST);
		op_arg(&s, OP_WAIT | 3 << 5, 1);
	}
	op(&s, OP_ACK_NOW | OP_END_B);
	op(&s, OP_TIMERS | OP_END_B);
	op(&s, OP_ZLB);
	op(&s, OP_ZLB | OP_END_B);
	op(&s, OP_PUMP);
	op(&s, OP_RUN | 0x30);
	emit("delayed_ack", &s);

	/* The clock's 32-bit stamps wrap while messages are in flight. */
	start(&s, 2, rfc, rfc);
	op(&s, OP_QUEUE | 7 << 5);
	op(&s, OP_SEND | 0x20);
	op_arg(&s, OP_WAIT | 5 << 5, 4);
	op(&s, OP_TIMERS);
	op_arg(&s, OP_DROP, 0);
	op(&s, OP_RUN | 0x30);
	emit("clock_wrap", &s);

	/* Parameters out of every limit (clamped), the far clock. */
	start(&s, 3, bad, bad);
	op(&s, OP_QUEUE | 3 << 5);
	op(&s, OP_RUN | 0x10);
	emit("bad_params", &s);
	return 0;
}
