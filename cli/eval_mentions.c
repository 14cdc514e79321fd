/* cli/eval_mentions.c — `newsmine eval mentions`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int eval_mentions(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "eval mentions: not built yet");
	return EX_SOFTWARE_;
}
