/*
 * cli/pipeline.c — the analysis pipeline wired once: extract → mentions → classify.
 * Every subcommand that analyses pages (analyze, ingest, crawl) goes through here.
 */
#include "cli/cli.h"

#include <string.h>

enum nm_code nm_pipeline_open(struct nm_pipeline *p, const char *rules_dir, struct nm_err *err)
{
	enum nm_code rc;

	memset(p, 0, sizeof(*p));
	if ((rc = nm_rules_load(rules_dir, &p->rules, err)) ||
	    (rc = nm_mentioner_new(p->rules, &p->mentioner, err)) ||
	    (rc = nm_classifier_new(p->rules, &p->classifier, err))) {
		nm_pipeline_close(p);
		return rc == NM_ENOENT ? NM_ECONFIG : rc;
	}
	return NM_OK;
}

void nm_pipeline_close(struct nm_pipeline *p)
{
	nm_classifier_free(p->classifier);
	nm_mentioner_free(p->mentioner);
	nm_rules_free(p->rules);
	memset(p, 0, sizeof(*p));
}

enum nm_code nm_pipeline_run(const struct nm_pipeline *p, struct nm_doc *doc, const char *bytes,
			     size_t len, const struct nm_extract_opts *opts, struct nm_err *err)
{
	enum nm_code rc;

	if ((rc = nm_extract_article(doc, bytes, len, opts, err)))
		return rc;
	/* a listing's text is other articles' headlines and teasers, a site page's is about
	 * the site: no news of their own */
	if (doc->page_type != NM_PAGE_ARTICLE)
		return NM_OK;
	if ((rc = nm_extract_mentions(p->mentioner, doc, err)) ||
	    (rc = nm_classify(p->classifier, doc, err)))
		return rc;
	return NM_OK;
}
