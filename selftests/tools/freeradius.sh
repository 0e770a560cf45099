# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# freeradius_conf DIR CLIENT SECRET: a minimal FreeRADIUS 3.2 configuration
# in DIR (its users file is DIR/users, written by the caller): one client
# (CLIENT, an address or prefix, with SECRET and Message-Authenticator
# required), PAP, CHAP and MS-CHAPv2 against Cleartext-Password,
# authentication on UDP 1812 and accounting on 1813 of every address,
# each accounting request in DIR/detail and a line of DIR/acct.log, each
# authentication a line of DIR/auth.log (what the NAS said of the call),
# every request logged in DIR/radius.log. Run: freeradius -f -d DIR (as root, in a namespace).
freeradius_conf() {
	local dir=$1 client=$2 secret=$3
	mkdir -p "$dir"
	cat >"$dir/radiusd.conf" <<-RADEOF
	prefix = /usr
	exec_prefix = /usr
	sysconfdir = /etc
	localstatedir = /var
	sbindir = /usr/sbin
	libdir = /usr/lib/freeradius
	dictdir = /usr/share/freeradius
	raddbdir = $dir
	confdir = $dir
	modconfdir = $dir
	logdir = $dir
	run_dir = $dir
	radacctdir = $dir
	name = freeradius
	pidfile = $dir/radiusd.pid
	max_request_time = 30
	cleanup_delay = 1
	max_requests = 16384
	hostname_lookups = no
	log {
		destination = files
		file = $dir/radius.log
		auth = yes
		auth_badpass = no
		auth_goodpass = no
	}
	security {
		allow_core_dumps = no
		max_attributes = 200
		reject_delay = 0
		status_server = no
	}
	thread pool {
		start_servers = 4
		max_servers = 16
		min_spare_servers = 2
		max_spare_servers = 8
		max_requests_per_server = 0
	}
	client lns {
		ipaddr = $client
		secret = $secret
		require_message_authenticator = yes
	}
	modules {
		pap {
			normalise = yes
		}
		chap {
		}
		mschap {
			use_mppe = no
		}
		files {
			filename = $dir/users
		}
		detail {
			filename = $dir/detail
			header = "%t"
			permissions = 0600
		}
		linelog authlog {
			filename = $dir/auth.log
			format = "%{reply:Packet-Type} %{User-Name} nas %{NAS-Identifier} port %{NAS-Port} %{NAS-Port-Id} type %{NAS-Port-Type} service %{Service-Type} %{Framed-Protocol} tunnel %{Tunnel-Type} %{Tunnel-Client-Endpoint} %{Tunnel-Server-Endpoint} calling %{%{Calling-Station-Id}:-none} called %{%{Called-Station-Id}:-none}"
		}
		linelog acctlog {
			filename = $dir/acct.log
			format = "%{Acct-Status-Type} %{User-Name} %{Acct-Session-Id} in %{%{Acct-Input-Octets}:-0} %{%{Acct-Input-Packets}:-0} out %{%{Acct-Output-Octets}:-0} %{%{Acct-Output-Packets}:-0} time %{%{Acct-Session-Time}:-none} cause %{%{Acct-Terminate-Cause}:-none} class %{%{Class}:-none} address %{%{Framed-IP-Address}:-none} port %{NAS-Port-Id} nas %{NAS-Identifier} calling %{%{Calling-Station-Id}:-none} called %{%{Called-Station-Id}:-none}"
		}
	}
	listen {
		type = auth
		ipaddr = *
		port = 1812
		virtual_server = default
	}
	listen {
		type = acct
		ipaddr = *
		port = 1813
		virtual_server = default
	}
	server default {
		authorize {
			chap
			mschap
			files
			pap
		}
		authenticate {
			Auth-Type PAP {
				pap
			}
			Auth-Type CHAP {
				chap
			}
			Auth-Type MS-CHAP {
				mschap
			}
		}
		preacct {
		}
		accounting {
			detail
			acctlog
		}
		post-auth {
			authlog
			Post-Auth-Type REJECT {
				update reply {
					Reply-Message := "access denied for %{User-Name}"
				}
				authlog
			}
		}
	}
	RADEOF
}
