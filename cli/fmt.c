/*
 * cli/fmt.c — output helpers of the corpus subcommands (see fmt_int.h).
 */
#include "cli/fmt_int.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <string.h>

static const char *const fmt_names[] = {"jsonl", "csv", "table", "json"};

bool nm_fmt_parse(const char *s, unsigned allowed, enum nm_fmt *out)
{
	char list[64] = "";
	for (int i = 0; i < 4; i++) {
		if (!(allowed & (1u << i)))
			continue;
		if (!strcmp(s, fmt_names[i])) {
			*out = (enum nm_fmt)i;
			return true;
		}
		if (list[0])
			strncat(list, "|", sizeof(list) - strlen(list) - 1);
		strncat(list, fmt_names[i], sizeof(list) - strlen(list) - 1);
	}
	nm_log(NM_LOG_ERROR, "--format takes %s, not '%s'", list, s);
	return false;
}

void nm_csv_field(FILE *f, const char *s, bool first)
{
	if (!first)
		fputc(',', f);
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void nm_csv_end(FILE *f)
{
	fputs("\r\n", f);
}

void nm_csv_json(FILE *f, json_t *v, bool first)
{
	char *s;
	if (!v || json_is_null(v)) {
		nm_csv_field(f, NULL, first);
	} else if (json_is_string(v)) {
		nm_csv_field(f, json_string_value(v), first);
	} else {
		s = json_dumps(v, NM_JSON_DUMP_FLAGS | JSON_ENCODE_ANY);
		nm_csv_field(f, s, first);
		free(s);
	}
}

void nm_cell(FILE *f, const char *s, int width)
{
	int cols = 0, limit = width < 0 ? INT_MAX : width;
	size_t i = 0, n = s ? strlen(s) : 0;
	while (i < n && cols < limit) {
		uint32_t cp;
		size_t k = nm_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			fputc('?', f);
			i++;
		} else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			fputc(' ', f);
			i += k;
		} else {
			if (cols == limit - 1 && i + k < n) {
				fputs("…", f);
				cols++;
				break;
			}
			fwrite(s + i, 1, k, f);
			i += k;
		}
		cols++;
	}
	for (; cols < width; cols++)
		fputc(' ', f);
}

void nm_fmt_usd(double v, char *out, size_t n)
{
	double a = fabs(v);
	if (isnan(v))
		snprintf(out, n, "?");
	else if (a >= 1e9)
		snprintf(out, n, "$%.3gB", v / 1e9);
	else if (a >= 1e6)
		snprintf(out, n, "$%.3gM", v / 1e6);
	else if (a >= 1000 && a == floor(a))
		snprintf(out, n, "$%d,%03d", (int)(v / 1000), (int)fmod(a, 1000));
	else
		snprintf(out, n, "$%g", v);
}
