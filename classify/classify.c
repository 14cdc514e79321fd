/*
 * classify/classify.c — FIRST CUT (Foundation): tags nothing yet; issue 6 brings the
 * sentence segmenter and event rules.
 */
#include "classify/classify.h"

#include <stdlib.h>

struct nm_classifier {
	int unused;
};

enum nm_code nm_classifier_new(const struct nm_rules *rules, struct nm_classifier **out,
			       struct nm_err *err)
{
	*out = nm_xcalloc(1, sizeof(**out));
	return NM_OK;
}

void nm_classifier_free(struct nm_classifier *c)
{
	free(c);
}

enum nm_code nm_classify(const struct nm_classifier *c, struct nm_doc *doc, struct nm_err *err)
{
	return NM_OK;
}
