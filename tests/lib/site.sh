# Sourced by the scripted tests that crawl the sample site (not a test itself).
# site_start [ARGS...]: start $NEWSMINE_SITE on 127.0.0.1, any free port, serving $root,
# and wait for its base URL. Sets pid (the caller's cleanup stops the server by it) and
# base. Needs $work (a scratch directory) and $root (the site's www directory).
site_start() {
	"$NEWSMINE_SITE" --root "$root" --port 0 "$@" > "$work/url" 2> "$work/site.err" &
	pid=$!
	for _ in $(seq 1 100); do [ -s "$work/url" ] && break; sleep 0.05; done
	base=$(head -n 1 "$work/url")
	[ -n "$base" ] || { cat "$work/site.err"; echo "FAIL: the sample site did not start"; exit 1; }
}
