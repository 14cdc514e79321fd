/*
 * cli/cmd_eval.c — `newsmine eval KIND`: dispatch to the scorers of each stage.
 */
#include "cli/cli.h"

#include <string.h>

static const char eval_usage[] =
	"usage: newsmine eval extraction DIR [--per-doc]\n"
	"       newsmine eval mentions FILE.jsonl...\n"
	"       newsmine eval events DIR [--per-doc]\n";

int cmd_eval(int argc, char **argv)
{
	if (argc < 2)
		return nm_cli_usage(eval_usage, false);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return nm_cli_usage(eval_usage, true);
	if (!strcmp(argv[1], "extraction"))
		return eval_extraction(argc - 1, argv + 1);
	if (!strcmp(argv[1], "mentions"))
		return eval_mentions(argc - 1, argv + 1);
	if (!strcmp(argv[1], "events"))
		return eval_events(argc - 1, argv + 1);
	nm_log(NM_LOG_ERROR, "eval: unknown kind '%s'", argv[1]);
	return nm_cli_usage(eval_usage, false);
}
