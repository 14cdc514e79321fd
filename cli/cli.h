/*
 * cli/ — the newsmine command: wires the stages (crawler → extract → classify → corpus)
 * into subcommands. stdout carries data (JSONL, CSV, tables); diagnostics go to stderr
 * through nm_log(). Exit codes follow sysexits (nm_cli_exit()).
 */
#ifndef NM_CLI_H
#define NM_CLI_H

#include "base/base.h"
#include "extract/extract.h"
#include "classify/classify.h"
#include "corpus/corpus.h"
#include "crawler/crawler.h"

#include <getopt.h>
#include <stdio.h>

/* sysexits */
enum {
	EX_OK_ = 0,
	EX_USAGE_ = 64,
	EX_DATAERR_ = 65,
	EX_NOINPUT_ = 66,
	EX_UNAVAILABLE_ = 69,
	EX_SOFTWARE_ = 70,
	EX_OSERR_ = 71,
	EX_CANTCREAT_ = 73,
	EX_IOERR_ = 74,
	EX_TEMPFAIL_ = 75,
	EX_CONFIG_ = 78,
};

/* The one mapping from result codes to exit codes. */
int nm_cli_exit(enum nm_code code);
/* Of two exit codes, the more serious one (a batch keeps the worst). */
int nm_cli_worse(int a, int b);

/* Options every subcommand takes, handled by nm_cli_common(). */
#define NM_CLI_COMMON_OPTS                                                                       \
	{"rules", required_argument, NULL, 'R'}, {"quiet", no_argument, NULL, 'q'},              \
	{"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'}

extern const char *nm_cli_rules_dir; /* --rules DIR, NULL = compiled-in */

/* Handle -q, -v, --rules; returns false for an option it does not know. */
bool nm_cli_common(int opt, const char *arg);

/* Print "usage" text for a command to stdout (--help) and return 0, or to stderr and 64. */
int nm_cli_usage(const char *text, bool to_stdout);

/* The database path: the --db flag, else $NEWSMINE_DB, else newsmine.db. */
const char *nm_cli_db_path(const char *flag);

/* Log err (or the bare code) as an error and return the exit code for it. */
int nm_cli_fail(enum nm_code code, const struct nm_err *err);

/* Write one JSON value as a line on stdout (steals the reference). */
void nm_cli_print_json(struct json_t *v);

/* One document of `--input jsonl`. */
struct nm_jsonl_doc {
	const char *where;              /* "source:line", for messages */
	struct json_t *obj;             /* the line's object (borrowed for the call) */
	const char *body;               /* its "text" (preferred) or "html" string */
	size_t len;                     /* bytes of body */
	struct nm_extract_opts opts;    /* the base options, with the line's url and plain_text */
};

/*
 * Call fn for each document line of data (JSON Lines with "text" or "html", optional "url"),
 * until *stop (when given) turns true. A bad line is logged as "source:line: message",
 * counted in *bad (when given) and makes the result 65. Returns the worst exit code.
 */
int nm_cli_jsonl_each(const char *source, const char *data, size_t len,
		      const struct nm_extract_opts *base,
		      int (*fn)(const struct nm_jsonl_doc *d, void *arg), void *arg,
		      const bool *stop, size_t *bad);

/* The analysis pipeline: rules, compiled mention and event rules. */
struct nm_pipeline {
	struct nm_rules *rules;
	struct nm_mentioner *mentioner;
	struct nm_classifier *classifier;
};

enum nm_code nm_pipeline_open(struct nm_pipeline *p, const char *rules_dir, struct nm_err *err);
void nm_pipeline_close(struct nm_pipeline *p);
/* Extract, find mentions, classify: fills doc from the page bytes. */
enum nm_code nm_pipeline_run(const struct nm_pipeline *p, struct nm_doc *doc, const char *bytes,
			     size_t len, const struct nm_extract_opts *opts, struct nm_err *err);

/* Subcommands: argv[0] is the subcommand name. Each returns an exit code. */
int cmd_analyze(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_search(int argc, char **argv);
int cmd_market(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_crawl(int argc, char **argv);
int cmd_robots(int argc, char **argv);
int cmd_discover(int argc, char **argv);
int cmd_eval(int argc, char **argv);

/* `newsmine eval KIND ...` */
int eval_extraction(int argc, char **argv);
int eval_mentions(int argc, char **argv);
int eval_events(int argc, char **argv);

#endif
