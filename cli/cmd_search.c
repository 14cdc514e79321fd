/* cli/cmd_search.c — `newsmine search`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_search(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "search: not built yet");
	return EX_SOFTWARE_;
}
