/*
 * cli/cmd_robots.c — `newsmine robots`: answer "may this agent fetch these URLs?" from a
 * robots.txt file, one line per URL with the rule that decided it.
 */
#include "cli/cli.h"

#include <string.h>

static const char robots_usage[] =
	"usage: newsmine robots --agent UA --file ROBOTS.txt URL...\n"
	"\n"
	"For each URL print one line: allowed|disallowed, a tab, the URL, a tab, and the\n"
	"deciding rule (\"line N: allow|disallow PATTERN\", or \"no matching rule\").\n"
	"URLs are matched as given: percent-encode non-ASCII bytes first.\n"
	"\n"
	"  --agent UA      the user agent (its product token selects the group)\n"
	"  --file FILE     the robots.txt to read (- = standard input)\n"
	"\n"
	"Exit: 0 (whatever the answers), 64 usage, 66 missing file.\n";

int cmd_robots(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"agent", required_argument, NULL, 'a'},
		{"file", required_argument, NULL, 'f'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	const char *agent = NULL, *file = NULL;
	struct nm_buf in = NM_BUF_INIT(NM_ROBOTS_MAX_BYTES * 8);
	struct nm_robots *r;
	struct nm_err err = {0};
	enum nm_code rc;
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "a:f:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'a': agent = optarg; break;
		case 'f': file = optarg; break;
		case 'h': return nm_cli_usage(robots_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(robots_usage, false);
		}
	}
	if (!agent || !file || optind >= argc) {
		nm_log(NM_LOG_ERROR, "robots: need --agent, --file and at least one URL");
		return nm_cli_usage(robots_usage, false);
	}
	/* a robots.txt longer than the cap is cut, as on the web; read a bit more to see it */
	if ((rc = nm_buf_read_file(&in, file, &err))) {
		nm_buf_release(&in);
		return nm_cli_fail(rc, &err);
	}
	if ((rc = nm_robots_parse(nm_buf_str(&in), in.len, &r, &err))) {
		nm_buf_release(&in);
		return nm_cli_fail(rc, &err);
	}
	for (int i = optind; i < argc; i++) {
		struct nm_robots_match m;
		bool ok = nm_robots_allowed(r, agent, argv[i], &m);
		if (m.line)
			printf("%s\t%s\tline %u: %s %s\n", ok ? "allowed" : "disallowed", argv[i], m.line,
			       ok ? "allow" : "disallow", m.pattern);
		else
			printf("%s\t%s\tno matching rule\n", ok ? "allowed" : "disallowed", argv[i]);
	}
	nm_robots_free(r);
	nm_buf_release(&in);
	return 0;
}
