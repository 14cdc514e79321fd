/* cli/cmd_market.c — `newsmine market`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_market(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "market: not built yet");
	return EX_SOFTWARE_;
}
