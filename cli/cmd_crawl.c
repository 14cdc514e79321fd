/* cli/cmd_crawl.c — `newsmine crawl`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_crawl(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "crawl: not built yet");
	return EX_SOFTWARE_;
}
