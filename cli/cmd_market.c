/*
 * cli/cmd_market.c — `newsmine market import`: candles and liquidation buckets from CSV
 * into the corpus, for `newsmine check`.
 */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static const char market_usage[] =
	"usage: newsmine market import [--db PATH] --candles FILE.csv [--symbol BTC] [--interval 1d|4h|1h]\n"
	"       newsmine market import [--db PATH] --liquidations FILE.csv [--symbol BTC] [--interval ...]\n"
	"\n"
	"Import OHLCV candles or liquidation buckets (long/short USD) from a CSV file with a\n"
	"header row. Columns are found by name (case and punctuation ignored): time\n"
	"(open_time, timestamp, date, ...; seconds, milliseconds or ISO 8601, UTC), open,\n"
	"high, low, close, volume; liquidations: a column with 'long' and one with 'short' in\n"
	"its name. A symbol/asset column (BTCUSDT, BTC-USD, ...) gives the asset; --symbol\n"
	"keeps only that asset, or names it when the file has no such column. The interval\n"
	"is inferred from the rows unless given. See docs/corpus.md.\n"
	"\n"
	"One file is one transaction: on any error (file:line: message) nothing is stored.\n"
	"\n"
	"Exit: 0 ok, 64 usage, 65 bad CSV, 66 missing file, 73/74 database errors.\n";

static bool parse_interval(const char *s, int64_t *out)
{
	char *end;
	double v = strtod(s, &end);
	int64_t unit;
	if (end == s || v <= 0)
		return false;
	if (!strcmp(end, "s") || !*end)
		unit = 1;
	else if (!strcmp(end, "m") || !strcmp(end, "min"))
		unit = 60;
	else if (!strcmp(end, "h"))
		unit = 3600;
	else if (!strcmp(end, "d"))
		unit = 86400;
	else if (!strcmp(end, "w"))
		unit = 7 * 86400;
	else
		return false;
	if (v * (double)unit > 366.0 * 86400 || v * (double)unit < 1)
		return false;
	*out = (int64_t)(v * (double)unit);
	return true;
}

int cmd_market(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"db", required_argument, NULL, 'd'},
		{"candles", required_argument, NULL, 'c'},
		{"liquidations", required_argument, NULL, 'l'},
		{"symbol", required_argument, NULL, 's'},
		{"interval", required_argument, NULL, 'i'},
		NM_CLI_COMMON_OPTS,
		{NULL, 0, NULL, 0},
	};
	struct nm_market_import imp = {0};
	struct nm_err err = {0};
	struct nm_corpus *c;
	const char *db = NULL;
	size_t rows = 0;
	int opt;
	enum nm_code rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "d:c:l:s:i:qvh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd': db = optarg; break;
		case 'c':
		case 'l':
			if (imp.path) {
				nm_log(NM_LOG_ERROR, "market import: one file at a time (--candles or --liquidations)");
				return EX_USAGE_;
			}
			imp.path = optarg;
			imp.kind = opt == 'c' ? NM_MARKET_CANDLES : NM_MARKET_LIQUIDATIONS;
			break;
		case 's': imp.symbol = optarg; break;
		case 'i':
			if (!parse_interval(optarg, &imp.interval)) {
				nm_log(NM_LOG_ERROR, "--interval takes a duration such as 1h, 4h or 1d, not '%s'", optarg);
				return EX_USAGE_;
			}
			break;
		case 'h': return nm_cli_usage(market_usage, true);
		default:
			if (!nm_cli_common(opt, optarg))
				return nm_cli_usage(market_usage, false);
		}
	}
	if (optind >= argc || strcmp(argv[optind], "import") || optind + 1 != argc) {
		nm_log(NM_LOG_ERROR, "market: the subcommand is 'import' (with --candles or --liquidations)");
		return nm_cli_usage(market_usage, false);
	}
	if (!imp.path) {
		nm_log(NM_LOG_ERROR, "market import: give --candles FILE or --liquidations FILE");
		return nm_cli_usage(market_usage, false);
	}
	if ((rc = nm_corpus_open(nm_cli_db_path(db), &c, &err)))
		return nm_cli_fail(rc, &err);
	rc = nm_market_import(c, &imp, &rows, &err);
	nm_corpus_close(c);
	if (rc)
		return nm_cli_fail(rc, &err);
	nm_log(NM_LOG_INFO, "market import: %zu rows from '%s'", rows, imp.path);
	return 0;
}
