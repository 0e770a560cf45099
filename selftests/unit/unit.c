// SPDX-License-Identifier: GPL-2.0
#include "unit.h"

int unit_failures;
int unit_assertions;

int unit_run(const char *prog, const struct unit_case *cases, int n)
{
	int passed = 0, failed = 0;
	const char *base = strrchr(prog, '/');

	base = base ? base + 1 : prog;
	for (int i = 0; i < n; i++) {
		unit_failures = 0;
		unit_assertions = 0;
		cases[i].fn();
		if (unit_assertions == 0) {
			fprintf(stderr, "  %s: asserted nothing\n", cases[i].name);
			unit_failures++;
		}
		printf("%s %s/%s (%d checks)\n", unit_failures ? "FAIL" : "ok  ",
		       base, cases[i].name, unit_assertions);
		if (unit_failures)
			failed++;
		else
			passed++;
	}
	printf("%s: %d passed, %d failed\n", base, passed, failed);
	return failed ? 1 : 0;
}
