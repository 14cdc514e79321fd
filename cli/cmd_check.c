/* cli/cmd_check.c — `newsmine check`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_check(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "check: not built yet");
	return EX_SOFTWARE_;
}
