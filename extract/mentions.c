/*
 * extract/mentions.c — FIRST CUT (Foundation): finds no mentions yet; issue 5 brings
 * the PCRE2 rule engine.
 */
#include "extract/extract.h"

#include <stdlib.h>

struct nm_mentioner {
	int unused;
};

enum nm_code nm_mentioner_new(const struct nm_rules *rules, struct nm_mentioner **out,
			      struct nm_err *err)
{
	*out = nm_xcalloc(1, sizeof(**out));
	return NM_OK;
}

void nm_mentioner_free(struct nm_mentioner *m)
{
	free(m);
}

enum nm_code nm_extract_mentions(const struct nm_mentioner *m, struct nm_doc *doc,
				 struct nm_err *err)
{
	return NM_OK;
}
