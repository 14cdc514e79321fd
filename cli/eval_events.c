/* cli/eval_events.c — `newsmine eval events`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int eval_events(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "eval events: not built yet");
	return EX_SOFTWARE_;
}
