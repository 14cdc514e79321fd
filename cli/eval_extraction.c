/* cli/eval_extraction.c — `newsmine eval extraction`: PLACEHOLDER until its issue lands. */
#include "cli/cli.h"

int eval_extraction(int argc, char **argv)
{
	nm_log(NM_LOG_ERROR, "eval extraction: not built yet");
	return EX_SOFTWARE_;
}
