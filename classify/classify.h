/*
 * classify/ — stage 3: the article's sentences and mentions become events
 * (deleveraging, rejection, risk-off) with figures, evidence, confidence and modality,
 * and internal checks (one quantity stated twice with different values).
 *
 * Reads: base/, extract/ (doc->sentences, split by nm_extract_sentences() when the
 * mention layer has not done it, and doc->mentions). Fills: doc->events, doc->checks.
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

/* Events whose confidence is below this are not emitted (unless changed below). */
#define NM_CLASSIFY_MIN_CONFIDENCE 0.5

/*
 * The rules read here are the lines `event-trigger`, `event-veto`, `event-cue` and
 * `modality` (docs/events.md); other stages' lines are skipped. NM_ECONFIG with
 * "file:line: message" for a bad line. rules is borrowed for the call.
 */

/* Set the confidence below which events are dropped, in [0,1] (NM_EINVAL otherwise).
 * Not thread-safe: call before sharing the classifier. */
enum nm_code nm_classifier_set_min_confidence(struct nm_classifier *c, double min);
double nm_classifier_min_confidence(const struct nm_classifier *c);

/*
 * Segment doc->text into sentences (doc->sentences, replaced), then tag events
 * (doc->events, replaced) and internal checks (doc->checks, replaced) from the text and
 * doc->mentions, which must be in text order. Everything added lives in doc's arena.
 * NM_ETOOBIG when the arena budget runs out (doc then has no events or checks).
 */
enum nm_code nm_classify(const struct nm_classifier *c, struct nm_doc *doc, struct nm_err *err);

#endif
