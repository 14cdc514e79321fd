/* cli/cmd_stats.c — `newsmine stats`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_stats(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "stats: not built yet");
	return EX_SOFTWARE_;
}
