/* cli/cmd_events.c — `newsmine events`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int cmd_events(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "events: not built yet");
	return EX_SOFTWARE_;
}
