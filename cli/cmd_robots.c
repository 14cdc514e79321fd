/* cli/cmd_robots.c — `newsmine robots`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_robots(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "robots: not built yet");
	return EX_SOFTWARE_;
}
