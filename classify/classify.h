/*
 * classify/ — stage 3: the article's text and mentions become sentences, events
 * (deleveraging, rejection, risk-off) with figures, evidence, confidence and modality,
 * and internal checks (one quantity stated twice with different values).
 *
 * Reads: base/, extract/. Fills: doc->sentences, doc->events, doc->checks.
 */
#ifndef NM_CLASSIFY_H
#define NM_CLASSIFY_H

#include "base/base.h"
#include "extract/extract.h"

/* Compiled event rules: built once, then read-only and shareable between threads. */
struct nm_classifier;

enum nm_code nm_classifier_new(const struct nm_rules *rules, struct nm_classifier **out,
			       struct nm_err *err);
void nm_classifier_free(struct nm_classifier *c);

/* Segment doc->text into sentences, then tag events and internal checks. */
enum nm_code nm_classify(const struct nm_classifier *c, struct nm_doc *doc, struct nm_err *err);

#endif
