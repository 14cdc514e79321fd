/*
 * cli/fmt_int.h — output helpers shared by the corpus subcommands (events, search,
 * check, stats): RFC 4180 CSV fields, terminal-safe table cells, short money figures.
 */
#ifndef NM_CLI_FMT_INT_H
#define NM_CLI_FMT_INT_H

#include "cli/cli.h"

enum nm_fmt { NM_FMT_JSONL, NM_FMT_CSV, NM_FMT_TABLE, NM_FMT_JSON };

/* Parse --format against the allowed set (a mask of 1 << enum nm_fmt); logs and returns
 * false for anything else. */
bool nm_fmt_parse(const char *s, unsigned allowed, enum nm_fmt *out);

/* One CSV field, RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled).
 * NULL prints an empty field. sep is written before it unless first. */
void nm_csv_field(FILE *f, const char *s, bool first);
/* End a CSV record (CRLF, as RFC 4180 says). */
void nm_csv_end(FILE *f);
/* A JSON value as a CSV field: strings bare, null empty, numbers as JSON, objects compact. */
void nm_csv_json(FILE *f, struct json_t *v, bool first);

/* Print s padded/cut to width display columns (UTF-8 aware; width < 0: as is, no padding);
 * control bytes become spaces. */
void nm_cell(FILE *f, const char *s, int width);

/* "$400M", "$1.2B", "$92,000" into out. */
void nm_fmt_usd(double v, char *out, size_t n);

#endif
