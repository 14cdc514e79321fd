/* cli/cmd_discover.c — `newsmine discover`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_discover(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "discover: not built yet");
	return EX_SOFTWARE_;
}
