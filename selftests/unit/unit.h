/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal host unit-test harness. Each test program defines test functions
 * with UNIT_TEST(name) and lists them in UNIT_MAIN(...). Every CHECK counts
 * as one assertion; a test passes when all of its assertions hold. The
 * program ends with "N passed, N failed" (tests, not assertions) and exits
 * non-zero on any failure.
 */
#ifndef KL2TP_UNIT_H
#define KL2TP_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit_case {
	const char *name;
	void (*fn)(void);
};

extern int unit_failures;	/* failed assertions in the current test */
extern int unit_assertions;	/* assertions made in the current test */

#define UNIT_TEST(name) static void name(void)

#define CHECK(cond) do {						\
	unit_assertions++;						\
	if (!(cond)) {							\
		unit_failures++;					\
		fprintf(stderr, "  %s:%d: CHECK(%s) failed\n",		\
			__FILE__, __LINE__, #cond);			\
	}								\
} while (0)

#define CHECK_EQ(a, b) do {						\
	long long _a = (long long)(a), _b = (long long)(b);		\
	unit_assertions++;						\
	if (_a != _b) {							\
		unit_failures++;					\
		fprintf(stderr, "  %s:%d: %s == %s: %lld != %lld\n",	\
			__FILE__, __LINE__, #a, #b, _a, _b);		\
	}								\
} while (0)

#define CHECK_MEM(a, b, n) do {						\
	unit_assertions++;						\
	if (memcmp((a), (b), (n))) {					\
		unit_failures++;					\
		fprintf(stderr, "  %s:%d: memory %s != %s\n",		\
			__FILE__, __LINE__, #a, #b);			\
	}								\
} while (0)

int unit_run(const char *prog, const struct unit_case *cases, int n);

#define UNIT_MAIN(...)							\
int main(int argc, char **argv)						\
{									\
	static const struct unit_case cases[] = { __VA_ARGS__ };	\
	(void)argc;							\
	return unit_run(argv[0], cases,					\
			(int)(sizeof(cases) / sizeof(cases[0])));	\
}

#define UNIT_CASE(fn) { #fn, fn }

#endif
