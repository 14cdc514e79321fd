/*
 * crawler/ — stage 1: batch crawls with libcurl multi: seeds, feeds, sitemaps,
 * robots.txt, per-host politeness, retries, a resumable frontier, optional WARC.
 *
 * The crawler needs persistence but does not speak SQL: it declares the frontier store
 * and the page sink it needs as small interfaces, which corpus/ implements and cli/ wires.
 *
 * Reads: base/.
 */
#ifndef NM_CRAWLER_H
#define NM_CRAWLER_H

#include "base/base.h"

#endif
