# SPDX-License-Identifier: GPL-2.0
# bash completion for l2tpctl. What may come next is the tool's to say
# (`l2tpctl --complete WORD...`, from its own keyword tables and, for the
# names of listeners, clients, pools, users, peers and the ids of tunnels
# and sessions, from the module); this only asks it and filters.
_l2tpctl()
{
	local cur=${COMP_WORDS[COMP_CWORD]} out

	out=$("${COMP_WORDS[0]}" --complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) ||
		return 0
	if [ "$out" = @files ]; then
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	else
		mapfile -t COMPREPLY < <(compgen -W "$out" -- "$cur" | sort -u)
	fi
}
complete -F _l2tpctl l2tpctl
