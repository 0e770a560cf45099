#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch.pl over the kernel sources. checkpatch is not packaged on its
# own in Debian: it is taken (once, cached in build/checkpatch) from the
# linux-source-6.1 tarball.
set -euo pipefail
cd "$(dirname "$0")/.."

CP=build/checkpatch/scripts/checkpatch.pl
if [ ! -x "$CP" ]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n1)
	if [ -z "$tarball" ]; then
		echo "style: checkpatch unavailable (install linux-source-6.1)" >&2
		exit 1
	fi
	top=$(basename "$tarball" .tar.xz)
	mkdir -p build/checkpatch
	tar -xJf "$tarball" -C build/checkpatch --strip-components=1 \
		"$top/scripts/checkpatch.pl" "$top/scripts/spelling.txt" \
		"$top/scripts/const_structs.checkpatch"
fi

# Out of tree: no git tree for checkpatch to consult. Types ignored:
#   LINUX_VERSION_CODE is never used; the rest are not meaningful for
#   files checked one by one (-f).
files=()
for f in kernel/*.[ch] kernel/proto/*.[ch] uapi/linux/*.h; do
	case $f in *_user.h) ;; *) files+=("$f") ;; esac
done
"$CP" --no-tree --quiet --strict --max-line-length=100 --show-types \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG -f "${files[@]}"
