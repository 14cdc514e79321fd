/* cli/cmd_ingest.c — `newsmine ingest`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_ingest(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "ingest: not built yet");
	return EX_SOFTWARE_;
}
