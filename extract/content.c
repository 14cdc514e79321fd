/*
 * extract/content.c — the main text of a parsed page. Three passes over the DOM, each
 * linear and iterative (no recursion, so depth costs nothing):
 *
 *  1. stats: per element, visible text bytes, link text bytes, commas, paragraphs;
 *     page signals (itemprop=articleBody, <article>, content-like class names).
 *  2. prune: boilerplate out — tags that never carry the article (script, nav, aside,
 *     form controls, ...), hidden elements, and elements whose class/id/role name a
 *     boilerplate kind (share bars, related links, newsletter boxes, cookie banners,
 *     comments, ads, bylines, ...); then the stats again without them, and readability
 *     scores (paragraph text credited to its ancestors, damped by link density).
 *  3. emit: from the page's own article container when it holds most of the text that
 *     scoring found, else from the best-scored container plus its related siblings; one
 *     block per paragraph, heading or list item, "\n\n" between them, link lists and
 *     stand-alone labels ("Advertisement") left out.
 */
#include "extract/extract_int.h"

#include <string.h>

enum tag {
	T_OTHER, T_P, T_DIV, T_SECTION, T_ARTICLE, T_MAIN, T_BODY, T_HTML, T_SPAN, T_A, T_BR,
	T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_UL, T_OL, T_LI, T_DL, T_DT, T_DD, T_TABLE, T_TR,
	T_TD, T_TH, T_TBODY, T_THEAD, T_TFOOT, T_CAPTION, T_BLOCKQUOTE, T_PRE, T_FIGURE,
	T_FIGCAPTION, T_IMG, T_SCRIPT, T_STYLE, T_NOSCRIPT, T_TEMPLATE, T_IFRAME, T_SVG,
	T_CANVAS, T_OBJECT, T_EMBED, T_FORM, T_INPUT, T_BUTTON, T_SELECT, T_TEXTAREA,
	T_OPTION, T_LABEL, T_NAV, T_ASIDE, T_FOOTER, T_HEADER, T_MENU, T_DIALOG, T_TIME,
	T_ADDRESS, T_HR, T_CENTER, T_HEAD, T_TITLE, T_META, T_LINK, T_FRAMESET, T_FRAME,
	T_DETAILS, T_SUMMARY, T_FIELDSET, T_LEGEND, T_VIDEO, T_AUDIO, T_PICTURE, T_SOURCE,
	T_MATH, T_CITE, T_HGROUP,
	T__COUNT
};

static const char *const tag_names[T__COUNT] = {
	[T_OTHER] = "", [T_P] = "p", [T_DIV] = "div", [T_SECTION] = "section",
	[T_ARTICLE] = "article", [T_MAIN] = "main", [T_BODY] = "body", [T_HTML] = "html",
	[T_SPAN] = "span", [T_A] = "a", [T_BR] = "br", [T_H1] = "h1", [T_H2] = "h2", [T_H3] = "h3",
	[T_H4] = "h4", [T_H5] = "h5", [T_H6] = "h6", [T_UL] = "ul", [T_OL] = "ol", [T_LI] = "li",
	[T_DL] = "dl", [T_DT] = "dt", [T_DD] = "dd", [T_TABLE] = "table", [T_TR] = "tr",
	[T_TD] = "td", [T_TH] = "th", [T_TBODY] = "tbody", [T_THEAD] = "thead",
	[T_TFOOT] = "tfoot", [T_CAPTION] = "caption", [T_BLOCKQUOTE] = "blockquote",
	[T_PRE] = "pre", [T_FIGURE] = "figure", [T_FIGCAPTION] = "figcaption", [T_IMG] = "img",
	[T_SCRIPT] = "script", [T_STYLE] = "style", [T_NOSCRIPT] = "noscript",
	[T_TEMPLATE] = "template", [T_IFRAME] = "iframe", [T_SVG] = "svg",
	[T_CANVAS] = "canvas", [T_OBJECT] = "object", [T_EMBED] = "embed", [T_FORM] = "form",
	[T_INPUT] = "input", [T_BUTTON] = "button", [T_SELECT] = "select",
	[T_TEXTAREA] = "textarea", [T_OPTION] = "option", [T_LABEL] = "label", [T_NAV] = "nav",
	[T_ASIDE] = "aside", [T_FOOTER] = "footer", [T_HEADER] = "header", [T_MENU] = "menu",
	[T_DIALOG] = "dialog", [T_TIME] = "time", [T_ADDRESS] = "address", [T_HR] = "hr",
	[T_CENTER] = "center", [T_HEAD] = "head", [T_TITLE] = "title", [T_META] = "meta",
	[T_LINK] = "link", [T_FRAMESET] = "frameset", [T_FRAME] = "frame",
	[T_DETAILS] = "details", [T_SUMMARY] = "summary", [T_FIELDSET] = "fieldset",
	[T_LEGEND] = "legend", [T_VIDEO] = "video", [T_AUDIO] = "audio",
	[T_PICTURE] = "picture", [T_SOURCE] = "source", [T_MATH] = "math", [T_CITE] = "cite",
	[T_HGROUP] = "hgroup",
};

static enum tag tag_of(const xmlChar *name)
{
	/* libxml2's HTML parser lower-cases element names */
	const char *s = (const char *)name;
	switch (s[0]) {
	case 'p': if (!s[1]) return T_P; break;
	case 'a': if (!s[1]) return T_A; break;
	case 'b': if (!s[1]) return T_OTHER; if (s[1] == 'r' && !s[2]) return T_BR; break;
	case 'i': if (!s[1]) return T_OTHER; break;
	case 'd': if (s[1] == 'i' && s[2] == 'v' && !s[3]) return T_DIV; break;
	case 's': if (!strcmp(s, "span")) return T_SPAN; break;
	case 'l': if (s[1] == 'i' && !s[2]) return T_LI; break;
	default: break;
	}
	for (int t = 1; t < T__COUNT; t++)
		if (tag_names[t][0] == s[0] && !strcmp(tag_names[t], s))
			return (enum tag)t;
	return T_OTHER;
}

/* Elements that start a new block of text. */
static bool is_block(enum tag t)
{
	switch (t) {
	case T_P: case T_DIV: case T_SECTION: case T_ARTICLE: case T_MAIN: case T_BODY:
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_UL: case T_OL:
	case T_LI: case T_DL: case T_DT: case T_DD: case T_TABLE: case T_TR: case T_TD: case T_TH:
	case T_TBODY: case T_THEAD: case T_TFOOT: case T_CAPTION: case T_BLOCKQUOTE: case T_PRE:
	case T_FIGURE: case T_FIGCAPTION: case T_FORM: case T_NAV: case T_ASIDE: case T_FOOTER:
	case T_HEADER: case T_ADDRESS: case T_HR: case T_CENTER: case T_DETAILS: case T_SUMMARY:
	case T_FIELDSET: case T_HGROUP: case T_MENU: case T_HTML: case T_LEGEND:
		return true;
	default:
		return false;
	}
}

/* Elements that never carry article text. */
static bool is_junk_tag(enum tag t)
{
	switch (t) {
	case T_SCRIPT: case T_STYLE: case T_NOSCRIPT: case T_TEMPLATE: case T_IFRAME: case T_SVG:
	case T_CANVAS: case T_OBJECT: case T_EMBED: case T_INPUT: case T_BUTTON: case T_SELECT:
	case T_TEXTAREA: case T_OPTION: case T_NAV: case T_ASIDE: case T_FOOTER: case T_MENU:
	case T_DIALOG: case T_HEAD: case T_TITLE: case T_META: case T_LINK: case T_VIDEO:
	case T_AUDIO: case T_MATH: case T_LABEL: case T_FRAMESET: case T_FRAME:
		return true;
	default:
		return false;
	}
}

static bool is_heading(enum tag t)
{
	return t >= T_H1 && t <= T_H6;
}

/* ------------------------------------------------------------ per-element data */

enum {
	F_DROP = 1 << 0,     /* pruned: neither scored nor emitted */
	F_SIGNAL = 1 << 1,   /* itemprop=articleBody */
	F_HASSIG = 1 << 2,   /* a descendant (or itself) is F_SIGNAL */
	F_BP = 1 << 3,       /* class/id/role names a boilerplate kind */
	F_BPWEAK = 1 << 4,   /* ... a weak one (header, meta, date): only when small */
	F_CONTENT = 1 << 5,  /* class/id names article content */
	F_HIDDEN = 1 << 6,   /* hidden by attribute or inline style */
	F_BLOCKKID = 1 << 7, /* has a block-level child element */
	F_SCORED = 1 << 8,   /* has a readability score */
	F_BODYCLS = 1 << 9,  /* class names an article body container exactly */
	F_BPHARD = 1 << 10,  /* related, ads, share bars: pruned unless they hold most text */
	F_COMMENT = 1 << 11, /* comments: pruned whatever their size */
	F_ITEMART = 1 << 12, /* itemtype schema.org Article (or kin) */
};

struct ninfo {
	uint32_t text;   /* bytes of visible non-space text below */
	uint32_t link;   /* of which inside <a> */
	uint32_t commas; /* commas in that text */
	uint32_t ptext;  /* bytes of text in paragraphs with little link text */
	uint32_t inl;    /* bytes of loose text: text nodes and inline elements directly below */
	uint16_t n_p;    /* paragraphs (>= 25 bytes) */
	uint16_t long_p; /* paragraphs >= 100 bytes with little link text */
	uint16_t n_li, n_img, n_input;
	uint16_t flags;
	uint8_t tag;
	int8_t weight;   /* class weight, -25..25 */
	float score;     /* readability score */
};

struct emit;

struct ctx {
	xmlNode *root;
	struct emit *emit;  /* pass 3's output state */
	struct ninfo *info; /* one per element, n_info of them */
	size_t n_info;
	xmlNode **signals;  /* itemprop=articleBody elements */
	size_t n_signals, cap_signals;
	xmlNode **bodycls;  /* elements whose class names an article body */
	size_t n_bodycls, cap_bodycls;
	xmlNode **articles; /* <article> elements */
	size_t n_articles, cap_articles;
	const char *title;
	uint32_t total_ptext; /* paragraph text of the whole page (pass 1) */
	uint32_t total_text;  /* visible text of the whole page (pass 1) */
	xmlNode **items;      /* microdata Article/NewsArticle/BlogPosting scopes */
	size_t n_items, cap_items;
};

static struct ninfo *I(const xmlNode *n)
{
	return (struct ninfo *)n->_private;
}

static void push(xmlNode ***arr, size_t *n, size_t *cap, xmlNode *x)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*arr = nm_xrealloc(*arr, *cap * sizeof(**arr));
	}
	(*arr)[(*n)++] = x;
}

/* ------------------------------------------------------------ names */

struct word {
	const char *w;
	unsigned char prefix; /* 1: matches any word starting with w */
	unsigned char kind;   /* K_* */
	unsigned char len;    /* strlen(w) */
};

enum { K_COMMENT = 1, K_HARD, K_BP, K_WEAK, K_CONTENT, K_NEG, K_POS };

/* Class/id words. K_HARD: always pruned; K_BP: pruned unless the element holds several
 * long paragraphs; K_WEAK: pruned only when it holds no long paragraph; K_CONTENT:
 * names article content; K_NEG/K_POS only weigh the readability score. */
#define W(s, p, k) {s, p, k, sizeof(s) - 1}
static const struct word words_a[] = {W("advert", 1, K_HARD), W("ad", 0, K_HARD), W("ads", 0, K_HARD), W("adv", 0, K_HARD), W("adslot", 1, K_HARD), W("adunit", 1, K_HARD), W("adsense", 1, K_HARD), W("adbox", 1, K_HARD), W("adwrap", 1, K_HARD), W("adcontainer", 1, K_HARD), W("author", 1, K_BP), W("aside", 0, K_BP), W("actions", 0, K_WEAK), W("article", 0, K_CONTENT), W("articlebody", 0, K_CONTENT), {NULL, 0, 0, 0}};
static const struct word words_b[] = {W("breadcrumb", 1, K_HARD), W("byline", 1, K_HARD), W("banner", 0, K_WEAK), W("bio", 0, K_WEAK), W("body", 0, K_CONTENT), W("blog", 0, K_POS), {NULL, 0, 0, 0}};
static const struct word words_c[] = {W("comment", 1, K_COMMENT), W("cookie", 1, K_HARD), W("consent", 1, K_HARD), W("caption", 1, K_BP), W("credit", 1, K_BP), W("credits", 0, K_BP), W("complementary", 0, K_BP), W("content", 0, K_CONTENT), W("column", 0, K_POS), W("combx", 0, K_NEG), W("contact", 0, K_NEG), {NULL, 0, 0, 0}};
static const struct word words_d[] = {W("disqus", 1, K_COMMENT), W("dfp", 0, K_HARD), W("dateline", 1, K_HARD), W("date", 0, K_WEAK), W("disclaimer", 0, K_WEAK), {NULL, 0, 0, 0}};
static const struct word words_e[] = {W("extra", 0, K_WEAK), W("entry", 0, K_CONTENT), {NULL, 0, 0, 0}};
static const struct word words_f[] = {W("footer", 1, K_BP), W("footnote", 0, K_NEG), W("foot", 0, K_NEG), {NULL, 0, 0, 0}};
static const struct word words_g[] = {W("gdpr", 1, K_HARD), {NULL, 0, 0, 0}};
static const struct word words_h[] = {W("header", 0, K_WEAK), W("hidden", 0, K_WEAK), W("hide", 0, K_WEAK), W("hentry", 0, K_POS), {NULL, 0, 0, 0}};
static const struct word words_k[] = {W("keywords", 0, K_BP), {NULL, 0, 0, 0}};
static const struct word words_l[] = {W("login", 1, K_HARD), W("links", 0, K_WEAK), {NULL, 0, 0, 0}};
static const struct word words_m[] = {W("modal", 1, K_HARD), W("mostread", 1, K_HARD), W("most", 0, K_WEAK), W("menu", 1, K_BP), W("masthead", 1, K_BP), W("meta", 0, K_WEAK), W("more", 0, K_WEAK), W("main", 0, K_CONTENT), W("media", 0, K_NEG), {NULL, 0, 0, 0}};
static const struct word words_n[] = {W("newsletter", 1, K_HARD), W("newsletters", 0, K_HARD), W("nav", 1, K_BP), {NULL, 0, 0, 0}};
static const struct word words_o[] = {W("outbrain", 1, K_HARD), {NULL, 0, 0, 0}};
static const struct word words_p[] = {W("promo", 1, K_HARD), W("popup", 1, K_HARD), W("popular", 1, K_HARD), W("paywall", 1, K_WEAK), W("pagination", 1, K_BP), W("pager", 0, K_BP), W("print", 0, K_WEAK), W("post", 0, K_CONTENT), W("page", 0, K_POS), {NULL, 0, 0, 0}};
static const struct word words_r[] = {W("respond", 0, K_COMMENT), W("replies", 0, K_COMMENT), W("reply", 0, K_COMMENT), W("related", 1, K_HARD), W("recommend", 1, K_HARD), W("recirc", 1, K_HARD), W("readmore", 1, K_HARD), W("rail", 0, K_WEAK), W("rating", 0, K_WEAK), {NULL, 0, 0, 0}};
static const struct word words_s[] = {W("sponsor", 1, K_HARD), W("share", 1, K_HARD), W("sharing", 1, K_HARD), W("social", 1, K_HARD), W("subscribe", 1, K_HARD), W("subscription", 1, K_HARD), W("signup", 1, K_HARD), W("sidebar", 1, K_BP), W("skip", 0, K_BP), W("supplemental", 0, K_WEAK), W("story", 0, K_CONTENT), W("scroll", 0, K_NEG), W("shoutbox", 0, K_NEG), W("skyscraper", 0, K_NEG), W("shopping", 0, K_NEG), {NULL, 0, 0, 0}};
static const struct word words_t[] = {W("taboola", 1, K_HARD), W("timestamp", 1, K_HARD), W("trending", 1, K_HARD), W("toolbar", 1, K_BP), W("tags", 0, K_BP), W("tag", 0, K_WEAK), W("topics", 0, K_WEAK), W("tools", 0, K_WEAK), W("tool", 0, K_WEAK), W("text", 0, K_CONTENT), {NULL, 0, 0, 0}};
static const struct word words_u[] = {W("utility", 0, K_WEAK), {NULL, 0, 0, 0}};
static const struct word words_w[] = {W("widget", 1, K_BP), {NULL, 0, 0, 0}};
/* by first letter */
static const struct word *const words_by[26] = {
	[0] = words_a,
	[1] = words_b,
	[2] = words_c,
	[3] = words_d,
	[4] = words_e,
	[5] = words_f,
	[6] = words_g,
	[7] = words_h,
	[8] = NULL,
	[9] = NULL,
	[10] = words_k,
	[11] = words_l,
	[12] = words_m,
	[13] = words_n,
	[14] = words_o,
	[15] = words_p,
	[16] = NULL,
	[17] = words_r,
	[18] = words_s,
	[19] = words_t,
	[20] = words_u,
	[21] = NULL,
	[22] = words_w,
	[23] = NULL,
	[24] = NULL,
	[25] = NULL,
};


static int word_kind(const char *w, size_t n)
{
	const struct word *t;
	if (w[0] < 'a' || w[0] > 'z' || !(t = words_by[w[0] - 'a']))
		return 0;
	for (; t->w; t++) {
		size_t l = t->len;
		if (t->prefix ? (n >= l && !memcmp(w, t->w, l)) : (n == l && !memcmp(w, t->w, l)))
			return t->kind;
	}
	return 0;
}

/* Classify one class/id value: sets F_BP/F_BPWEAK/F_BPHARD/F_CONTENT flags and the weight. */
static void classify_name(const char *s, struct ninfo *ni)
{
	char w[40];
	size_t n = 0;
	bool pos = false, neg = false;

	for (const char *p = s;; p++) {
		unsigned char c = (unsigned char)*p;
		/* words end at a non-alphanumeric byte or at a camelCase hump */
		bool hump = n > 0 && nm_isupper(c) && nm_islower((unsigned char)p[-1]);
		if (!nm_isalnum(c) || hump) {
			if (n > 0 && n < sizeof(w)) {
				int k = word_kind(w, n);
				if (k == K_COMMENT)
					ni->flags |= F_BP | F_COMMENT, neg = true;
				else if (k == K_HARD)
					ni->flags |= F_BP | F_BPHARD, neg = true;
				else if (k == K_BP)
					ni->flags |= F_BP, neg = true;
				else if (k == K_WEAK)
					ni->flags |= F_BPWEAK;
				else if (k == K_CONTENT)
					ni->flags |= F_CONTENT, pos = true;
				else if (k == K_POS)
					pos = true;
				else if (k == K_NEG)
					neg = true;
			}
			n = 0;
			if (!c)
				break;
			if (!hump)
				continue;
		}
		if (n < sizeof(w))
			w[n] = (char)nm_tolower(c);
		n++;
	}
	if (neg)
		ni->weight = (int8_t)(ni->weight - 25);
	if (pos)
		ni->weight = (int8_t)(ni->weight + 25);
}

/* Whole class values naming the article body container itself. */
/* Is one of the space-separated words of a class attribute in names (ASCII case folded)? */
static bool has_class_word(const char *s, const char *const *names)
{
	for (const char *p = s; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		for (int i = 0; names[i]; i++)
			if ((size_t)(e - p) == strlen(names[i]) && !nm_strncasecmp(p, names[i], (size_t)(e - p)))
				return true;
		p = e;
	}
	return false;
}

static bool body_class(const char *s)
{
	static const char *names[] = {
		"article-body", "articlebody", "article__body", "article-content", "article__content",
		"articlecontent", "story-body", "storybody", "story-content", "story__body",
		"entry-content", "post-content", "post-body", "postbody", "post-entry", "article-text",
		"articletext", "article_body", "story_body", "body-text", "entry-body", "article-main",
		"content-body", "article-body-text", "story-text", "main-text", "article__text",
		"c-entry-content", "rich-text", "td-post-content", "post__content", "entry__content",
		"single-content", "article-entry", NULL};
	return has_class_word(s, names);
}

static bool exact_hidden_class(const char *s)
{
	static const char *names[] = {"sr-only", "screen-reader-text", "visually-hidden",
				      "visuallyhidden", "hidden", "d-none", "u-hidden", "is-hidden",
				      "screenreader-only", "sr-text", "offscreen", "hide", NULL};
	return has_class_word(s, names);
}

static bool style_hidden(const char *s)
{
	for (const char *p = s; *p; p++) {
		if ((*p | 32) == 'd' && !nm_strncasecmp(p, "display", 7)) {
			const char *q = p + 7;
			while (*q == ' ' || *q == ':')
				q++;
			if (!nm_strncasecmp(q, "none", 4))
				return true;
		} else if ((*p | 32) == 'v' && !nm_strncasecmp(p, "visibility", 10)) {
			const char *q = p + 10;
			while (*q == ' ' || *q == ':')
				q++;
			if (!nm_strncasecmp(q, "hidden", 6))
				return true;
		}
	}
	return false;
}

/* Read the attributes that matter once (a tag may carry thousands). */
static void look_at_attributes(struct ctx *c, xmlNode *n, struct ninfo *ni)
{
	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name, *v;
		if (!a->children || a->children->type != XML_TEXT_NODE || !(v = (const char *)a->children->content))
			continue;
		switch (name[0]) {
		case 'c':
			if (!strcmp(name, "class")) {
				classify_name(v, ni);
				if (exact_hidden_class(v))
					ni->flags |= F_HIDDEN;
				if (body_class(v))
					ni->flags |= F_BODYCLS;
			}
			break;
		case 'i':
			if (!strcmp(name, "id")) {
				classify_name(v, ni);
				if (body_class(v))
					ni->flags |= F_BODYCLS;
			} else if (!strcmp(name, "itemprop")) {
				if (!nm_strcasecmp(v, "articleBody") || !nm_strcasecmp(v, "reviewBody"))
					ni->flags |= F_SIGNAL;
			} else if (!strcmp(name, "itemtype")) {
				const char *slash = strrchr(v, '/');
				slash = slash ? slash + 1 : v;
				if (!nm_strcasecmp(slash, "Article") || !nm_strcasecmp(slash, "NewsArticle") ||
				    !nm_strcasecmp(slash, "BlogPosting") || !nm_strcasecmp(slash, "ReportageNewsArticle") ||
				    !nm_strcasecmp(slash, "AnalysisNewsArticle") || !nm_strcasecmp(slash, "OpinionNewsArticle"))
					ni->flags |= F_ITEMART;
			}
			break;
		case 'r':
			if (!strcmp(name, "role")) {
				if (!nm_strcasecmp(v, "navigation") || !nm_strcasecmp(v, "banner") ||
				    !nm_strcasecmp(v, "contentinfo") || !nm_strcasecmp(v, "complementary") ||
				    !nm_strcasecmp(v, "menu") || !nm_strcasecmp(v, "menubar") ||
				    !nm_strcasecmp(v, "dialog") || !nm_strcasecmp(v, "alertdialog") ||
				    !nm_strcasecmp(v, "search") || !nm_strcasecmp(v, "toolbar"))
					ni->flags |= F_BP;
			}
			break;
		case 'h':
			if (!strcmp(name, "hidden"))
				ni->flags |= F_HIDDEN;
			break;
		case 'a':
			if (!strcmp(name, "aria-hidden") && !nm_strcasecmp(v, "true"))
				ni->flags |= F_HIDDEN;
			break;
		case 's':
			if (!strcmp(name, "style") && style_hidden(v))
				ni->flags |= F_HIDDEN;
			break;
		default:
			break;
		}
	}
	if ((ni->flags & F_SIGNAL) && !(ni->flags & F_HIDDEN))
		push(&c->signals, &c->n_signals, &c->cap_signals, n);
	if ((ni->flags & F_BODYCLS) && !(ni->flags & F_HIDDEN) && ni->tag != T_BODY && ni->tag != T_HTML)
		push(&c->bodycls, &c->n_bodycls, &c->cap_bodycls, n);
	if ((ni->flags & F_ITEMART) && !(ni->flags & F_HIDDEN))
		push(&c->items, &c->n_items, &c->cap_items, n);
}

/* ------------------------------------------------------------ statistics */

static void count_text(const xmlChar *s, struct ninfo *to)
{
	uint32_t t = 0, cm = 0;
	for (const unsigned char *p = s; *p; p++) {
		if (!nm_isspace(*p))
			t++;
		if (*p == ',')
			cm++;
		/* U+FF0C fullwidth comma, U+3001 ideographic comma */
		else if (*p == 0xEF && p[1] == 0xBC && p[2] == 0x8C)
			cm++;
		else if (*p == 0xE3 && p[1] == 0x80 && p[2] == 0x81)
			cm++;
	}
	to->text += t;
	to->inl += t;
	to->commas += cm;
}

static uint16_t add16(uint16_t a, uint32_t b)
{
	uint32_t s = a + b;
	return s > 0xFFFF ? 0xFFFF : (uint16_t)s;
}

/* Fold a finished element's counts into its parent. */
static void fold(xmlNode *n)
{
	struct ninfo *ni = I(n), *pi;
	enum tag t = (enum tag)ni->tag;

	if (t == T_A)
		ni->link = ni->text;
	if (t == T_IMG)
		ni->n_img = add16(ni->n_img, 1);
	if (t == T_INPUT || t == T_SELECT || t == T_TEXTAREA || t == T_BUTTON)
		ni->n_input = add16(ni->n_input, 1);
	if (t == T_LI)
		ni->n_li = add16(ni->n_li, 1);
	/* paragraphs: <p>, <pre>, and blocks of inline content only */
	if (t == T_P || t == T_PRE || t == T_BLOCKQUOTE ||
	    ((t == T_DIV || t == T_SECTION || t == T_TD || t == T_LI || t == T_DD) &&
	     !(ni->flags & F_BLOCKKID))) {
		if (ni->text >= 25 && (t == T_P || t == T_PRE || ni->n_p == 0))
			ni->n_p = add16(ni->n_p, 1);
		if (ni->text >= 25 && ni->link * 2 < ni->text && ni->ptext == 0)
			ni->ptext = ni->text - ni->link;
		if (ni->text >= 100 && ni->link * 3 < ni->text && ni->long_p == 0)
			ni->long_p = 1;
	} else if (is_block(t) && (ni->flags & F_BLOCKKID) && ni->inl >= 25 && t != T_BODY &&
		   t != T_HTML) {
		/* loose text beside blocks (text and <br>s straight in a <div>) is a paragraph too */
		ni->n_p = add16(ni->n_p, 1);
		ni->ptext += ni->inl;
		if (ni->inl >= 100)
			ni->long_p = add16(ni->long_p, 1);
	}
	if (!n->parent || n->parent->type != XML_ELEMENT_NODE || !(pi = I(n->parent)))
		return;
	pi->text += ni->text;
	if (!is_block(t))
		pi->inl += ni->text;
	pi->link += ni->link;
	pi->commas += ni->commas;
	pi->ptext += ni->ptext;
	pi->n_p = add16(pi->n_p, ni->n_p);
	pi->long_p = add16(pi->long_p, ni->long_p);
	pi->n_li = add16(pi->n_li, ni->n_li);
	pi->n_img = add16(pi->n_img, ni->n_img);
	pi->n_input = add16(pi->n_input, ni->n_input);
	if (is_block(t))
		pi->flags |= F_BLOCKKID;
	if (ni->flags & (F_SIGNAL | F_HASSIG))
		pi->flags |= F_HASSIG;
}

static void reset_counts(struct ninfo *ni)
{
	ni->text = ni->link = ni->commas = ni->ptext = ni->inl = 0;
	ni->n_p = ni->long_p = ni->n_li = ni->n_img = ni->n_input = 0;
	ni->flags &= (uint16_t)~F_BLOCKKID;
}

/*
 * Walk the subtree of root in document order without recursion. enter(n) is called
 * for each element and returns whether to descend; text nodes go to text(); leave(n)
 * is called for each element entered, after its children.
 */
struct walker {
	bool (*enter)(struct ctx *, xmlNode *);
	void (*text)(struct ctx *, xmlNode *);
	void (*leave)(struct ctx *, xmlNode *);
};

static void walk(struct ctx *c, xmlNode *root, const struct walker *w)
{
	xmlNode *n = root;
	while (n) {
		bool down = false;
		if (n->type == XML_ELEMENT_NODE)
			down = w->enter(c, n);
		else if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			w->text(c, n);
		if (down && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n->type == XML_ELEMENT_NODE)
				w->leave(c, n);
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* Pass 1: tags, attributes and raw counts (junk tags already left out). */
static bool stats_enter(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = I(n);
	reset_counts(ni);
	if (is_junk_tag((enum tag)ni->tag) || (ni->flags & F_HIDDEN))
		return false;
	return true;
}

static void stats_text(struct ctx *c, xmlNode *n)
{
	if (n->parent && n->parent->type == XML_ELEMENT_NODE && I(n->parent) && n->content)
		count_text(n->content, I(n->parent));
}

static void stats_leave(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = I(n);
	if (is_junk_tag((enum tag)ni->tag) || (ni->flags & (F_HIDDEN | F_DROP))) {
		reset_counts(ni);
		if (n->parent && n->parent->type == XML_ELEMENT_NODE && I(n->parent) &&
		    (ni->flags & (F_SIGNAL | F_HASSIG)))
			I(n->parent)->flags |= F_HASSIG;
		return;
	}
	fold(n);
}

static void describe(const char *what, xmlNode *n);

/* Pass 2: prune boilerplate by name, using pass 1's counts, then count again. */
static bool prune_enter(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = I(n);
	enum tag t = (enum tag)ni->tag;
	bool drop = false;

	/* a wrapper holding most of the page's paragraphs is not a share bar, whatever
	 * its class says ("modal-enabled", "ad_body", "widget Blog") */
	bool wrapper = (ni->ptext * 2 >= c->total_ptext && ni->long_p >= 2) ||
		       (ni->text * 2 >= c->total_text && ni->text >= 200);

	if (t == T_HTML || t == T_BODY) {
		if (ni->ptext > c->total_ptext)
			c->total_ptext = ni->ptext;
		if (ni->text > c->total_text)
			c->total_text = ni->text;
	}
	if (is_junk_tag(t) || (ni->flags & F_HIDDEN)) {
		drop = true;
	} else if (t == T_HTML || t == T_BODY || (ni->flags & (F_SIGNAL | F_HASSIG))) {
		drop = false;
	} else if (ni->flags & F_COMMENT) {
		drop = !((t == T_ARTICLE || t == T_MAIN || (ni->flags & (F_BODYCLS | F_CONTENT))) &&
			 wrapper);
	} else if (t == T_HEADER) {
		drop = ni->long_p < 2;
	} else if (ni->flags & F_BPHARD) {
		drop = !wrapper;
	} else if (ni->flags & F_BP) {
		drop = !(ni->long_p >= 3 || wrapper || (ni->ptext * 3 >= c->total_ptext && ni->ptext >= 200) ||
			 ((ni->flags & F_CONTENT) && ni->long_p >= 1) ||
			 ((t == T_ARTICLE || t == T_MAIN) && ni->long_p >= 1));
	} else if ((ni->flags & F_BPWEAK) && !(ni->flags & F_CONTENT)) {
		drop = ni->long_p == 0 && t != T_ARTICLE && t != T_MAIN && t != T_P;
	}
	if (drop) {
		ni->flags |= F_DROP;
		if (ni->text >= 300 && nm_log_get_level() >= NM_LOG_DEBUG)
			describe("pruned", n);
	}
	reset_counts(ni);
	return !drop;
}

/* ------------------------------------------------------------ scoring */

static float tag_base(enum tag t)
{
	switch (t) {
	case T_DIV: case T_ARTICLE: case T_MAIN: case T_SECTION: return 5;
	case T_PRE: case T_TD: case T_BLOCKQUOTE: return 3;
	case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT: case T_LI: case T_FORM: return -3;
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: case T_TH: return -5;
	default: return 0;
	}
}

static void credit(xmlNode *n, float s)
{
	xmlNode *a = n->parent;
	for (int level = 0; a && a->type == XML_ELEMENT_NODE && level < 5; level++, a = a->parent) {
		struct ninfo *ai = I(a);
		if (!ai || ai->tag == T_HTML)
			break;
		if (!(ai->flags & F_SCORED)) {
			ai->flags |= F_SCORED;
			ai->score = tag_base((enum tag)ai->tag) + ai->weight;
		}
		ai->score += level == 0 ? s : level == 1 ? s / 2 : s / (float)(level * 3);
	}
}

static void prune_leave(struct ctx *c, xmlNode *n)
{
	struct ninfo *ni = I(n);
	enum tag t = (enum tag)ni->tag;
	if (ni->flags & F_DROP) {
		reset_counts(ni);
		return;
	}
	fold(n);
	if (t == T_ARTICLE)
		push(&c->articles, &c->n_articles, &c->cap_articles, n);
	/* readability: every paragraph of 25+ bytes credits its ancestors */
	if ((t == T_P || t == T_PRE || t == T_TD ||
	     ((t == T_DIV || t == T_SECTION) && !(ni->flags & F_BLOCKKID))) && ni->text >= 25) {
		float s = 1 + (float)ni->commas + (float)(ni->text / 100 > 3 ? 3 : ni->text / 100);
		credit(n, s);
	} else if (is_block(t) && (ni->flags & F_BLOCKKID) && ni->inl >= 25 && t != T_BODY) {
		float s = 1 + (float)(ni->inl / 100 > 3 ? 3 : ni->inl / 100);
		if (!(ni->flags & F_SCORED)) {
			ni->flags |= F_SCORED;
			ni->score = tag_base(t) + ni->weight;
		}
		ni->score += s;
		credit(n, s / 2);
	}
}

static float final_score(const struct ninfo *ni)
{
	float ld = ni->text ? (float)ni->link / (float)ni->text : 0;
	return ni->score * (1 - ld);
}

static bool contains(const xmlNode *anc, const xmlNode *n)
{
	for (; n; n = n->parent)
		if (n == anc)
			return true;
	return false;
}


/* ------------------------------------------------------------ emitting text */

struct emit {
	struct nm_buf *out;
	size_t block_sep;   /* offset where the current block's separator starts */
	size_t block_start; /* offset where the current block's text starts */
	bool in_block;      /* the current block has text */
	bool heading;       /* the current block is a heading */
	size_t tail_sep;    /* separator offset of a run of headings ending the text so far */
	bool tail_heading;  /* the text so far ends in one or more headings */
	int pending;        /* 0 none, 1 space, 2 line break */
	bool full;          /* NM_EXTRACT_TEXT_MAX reached: nothing more is added */
	enum nm_code rc;
};

static void end_block(struct emit *e)
{
	if (!e->in_block)
		return;
	if (nm_boilerplate_label(e->out->data + e->block_start, e->out->len - e->block_start)) {
		e->out->len = e->block_sep;
		e->out->data[e->out->len] = '\0';
	} else if (e->heading) {
		if (!e->tail_heading)
			e->tail_sep = e->block_sep;
		e->tail_heading = true;
	} else {
		e->tail_heading = false;
	}
	e->in_block = false;
	e->heading = false;
	if (e->out->len >= NM_EXTRACT_TEXT_MAX)
		e->full = true;
	e->pending = 0;
}

static void put(struct emit *e, const char *s, size_t n)
{
	if (!e->rc)
		e->rc = nm_buf_add(e->out, s, n);
}

static void emit_text(struct emit *e, const unsigned char *s)
{
	const unsigned char *p = s;
	while (*p && !e->full) {
		const unsigned char *run;
		size_t sep;
		if (nm_isspace(*p)) {
			if (e->pending < 1)
				e->pending = 1;
			p++;
			continue;
		}
		/* U+00A0 no-break space counts as a space */
		if (p[0] == 0xC2 && p[1] == 0xA0) {
			if (e->pending < 1)
				e->pending = 1;
			p += 2;
			continue;
		}
		run = p;
		while (*p && !nm_isspace(*p) && !(p[0] == 0xC2 && p[1] == 0xA0))
			p++;
		sep = !e->in_block ? (e->out->len ? 2 : 0) : e->pending ? 1 : 0;
		/* one giant block: stop at a word boundary a little past the cap */
		if (e->out->len + sep + (size_t)(p - run) > NM_EXTRACT_TEXT_MAX + ((size_t)64 << 10)) {
			e->full = true;
			return;
		}
		if (!e->in_block) {
			e->block_sep = e->out->len;
			if (e->out->len)
				put(e, "\n\n", 2);
			e->block_start = e->out->len;
			e->in_block = true;
		} else if (e->pending == 2) {
			put(e, "\n", 1);
		} else if (e->pending == 1) {
			put(e, " ", 1);
		}
		e->pending = 0;
		put(e, (const char *)run, (size_t)(p - run));
	}
}

/* Is heading h the title t (ignoring spaces and ASCII case), or t minus a suffix such as
 * " - Site" (h a prefix of t covering most of it)? */
static bool same_text(const char *h, const char *t)
{
	size_t matched = 0, tlen = 0;
	if (!h || !t)
		return false;
	for (const char *p = t; *p; p++)
		tlen += !nm_isspace((unsigned char)*p);
	for (;;) {
		while (*h && nm_isspace((unsigned char)*h))
			h++;
		while (*t && nm_isspace((unsigned char)*t))
			t++;
		if (!*h) {
			/* the rest of the title is a " - Site" suffix */
			bool sep = *t == '-' || *t == '|' || *t == ':' || *t == '/' ||
				   !strncmp(t, "\xe2\x80\x94", 3) || !strncmp(t, "\xe2\x80\x93", 3) ||
				   !strncmp(t, "\xc2\xbb", 2) || !strncmp(t, "\xc2\xb7", 2);
			return matched > 0 && (!*t || matched * 10 >= tlen * 6 || sep);
		}
		if (!*t || nm_tolower((unsigned char)*h) != nm_tolower((unsigned char)*t))
			return false;
		h++, t++, matched++;
	}
}

/* Inside the article: does this element look like boilerplate by its shape? */
static bool shape_junk(struct ctx *c, xmlNode *n, const struct ninfo *ni)
{
	enum tag t = (enum tag)ni->tag;
	float ld;
	if (ni->text == 0)
		return false;
	ld = (float)ni->link / (float)ni->text;
	switch (t) {
	case T_UL: case T_OL: case T_DL:
		return ld > 0.5f;
	case T_P:
		return ld > 0.75f && ni->text < 300;
	case T_DIV: case T_SECTION: case T_TABLE: case T_FORM: case T_CENTER: case T_FIGURE:
		if (ni->long_p >= 3 && ld < 0.3f)
			return false;
		if (ld > 0.5f)
			return true;
		if (ni->n_input > 0 && ni->n_input * 3 > ni->n_p)
			return true;
		if (ni->weight < 0 && ni->long_p == 0)
			return true;
		if (ni->n_li > ni->n_p * 2 + 3 && ld > 0.3f && t != T_TABLE)
			return true;
		return false;
	default:
		return false;
	}
}

static struct emit *E(struct ctx *c)
{
	return c->emit;
}

static bool emit_enter(struct ctx *c, xmlNode *n)
{
	struct emit *e = E(c);
	struct ninfo *ni = I(n);
	enum tag t = (enum tag)ni->tag;

	if ((ni->flags & F_DROP) || e->full)
		return false;
	if (t == T_H1 || t == T_FIGCAPTION)
		return false;
	if (is_heading(t) && c->title) {
		xmlChar *h = xmlNodeGetContent(n);
		bool same = same_text((const char *)h, c->title);
		xmlFree(h);
		if (same)
			return false;
	}
	if (shape_junk(c, n, ni))
		return false;
	if (t == T_BR) {
		if (e->in_block && e->pending < 2)
			e->pending = 2;
		return false;
	}
	if (is_block(t)) {
		end_block(e);
		if (is_heading(t))
			e->heading = true;
	} else if ((t == T_TD || t == T_TH) && e->pending < 1)
		e->pending = 1;
	return true;
}

static void emit_leave(struct ctx *c, xmlNode *n)
{
	struct emit *e = E(c);
	enum tag t = (enum tag)I(n)->tag;
	if (is_block(t))
		end_block(e);
}

static void emit_textnode(struct ctx *c, xmlNode *n)
{
	if (n->content)
		emit_text(E(c), n->content);
}

/* ------------------------------------------------------------ choosing */

static xmlNode *best_scored(struct ctx *c, xmlNode *root)
{
	xmlNode *best = NULL;
	float bs = 0;
	/* every scored element is a parent of a paragraph; walk them all */
	for (xmlNode *n = root; n;) {
		bool in = n->type == XML_ELEMENT_NODE && I(n) && !(I(n)->flags & F_DROP);
		if (in && (I(n)->flags & F_SCORED) && final_score(I(n)) > bs) {
			bs = final_score(I(n));
			best = n;
		}
		n = nm_dom_next(n, root, in);
	}
	return best;
}

static bool dropped_above(xmlNode *n);

/* A container of two or more <article> elements is a list of teasers, not an article:
 * the page's own signal elsewhere (neither around nor inside it: a live blog's entries
 * are inside) wins over it whatever their sizes. */
static bool listing(struct ctx *c, xmlNode *top)
{
	size_t k = 0;
	for (size_t i = 0; i < c->n_articles && k < 2; i++)
		if (c->articles[i] != top && contains(top, c->articles[i]))
			k++;
	return k >= 2;
}

static bool same_class(xmlNode *a, xmlNode *b)
{
	xmlChar *x = xmlGetProp(a, (const xmlChar *)"class"), *y = xmlGetProp(b, (const xmlChar *)"class");
	bool same = x && y && !xmlStrcmp(x, y);
	xmlFree(x);
	xmlFree(y);
	return same;
}

/* Keep the nodes of arr[0..n) that pass and are not inside another kept one (document
 * order is kept: arr was filled in document order). Returns how many went to out. */
static size_t outermost(xmlNode **arr, size_t n, xmlNode *like, uint32_t min_text, xmlNode **out)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		xmlNode *x = arr[i];
		bool inside = false;
		if ((I(x)->flags & F_DROP) || I(x)->text < min_text || dropped_above(x))
			continue;
		if (like && x != like && !same_class(x, like))
			continue;
		for (size_t j = 0; j < k && !inside; j++)
			inside = contains(out[j], x);
		if (!inside)
			out[k++] = x;
	}
	return k;
}

/*
 * The page's own article container(s): the itemprop=articleBody elements (several
 * when the body is split into fragments), else the elements whose class names the
 * article body (all siblings of the same class: bodies split into chunks), else a
 * microdata Article scope, else the largest <article>. Writes them to out (room for
 * the number of candidates) and returns how many.
 */
static size_t signal_nodes(struct ctx *c, xmlNode **out, int *kind)
{
	xmlNode *best = NULL;
	size_t k = outermost(c->signals, c->n_signals, NULL, 50, out);
	*kind = 0;
	if (k)
		return k;
	*kind = 1;
	for (size_t i = 0; i < c->n_bodycls; i++) {
		xmlNode *x = c->bodycls[i];
		if (I(x)->flags & F_DROP || I(x)->ptext < 200)
			continue;
		if (!best || I(x)->ptext > I(best)->ptext)
			best = x;
	}
	if (best)
		return outermost(c->bodycls, c->n_bodycls, best, 1, out);
	*kind = 2;
	for (size_t i = 0; i < c->n_items; i++) {
		xmlNode *x = c->items[i];
		if (I(x)->flags & F_DROP || I(x)->ptext < 100 || I(x)->tag == T_BODY || I(x)->tag == T_HTML)
			continue;
		if (!best || I(x)->ptext > I(best)->ptext)
			best = x;
	}
	for (size_t i = 0; !best && i < c->n_articles; i++) {
		xmlNode *x = c->articles[i];
		if (I(x)->flags & F_DROP || I(x)->ptext < 200)
			continue;
		if (!best || I(x)->ptext > I(best)->ptext)
			best = x;
	}
	if (best && !dropped_above(best)) {
		out[0] = best;
		return 1;
	}
	return 0;
}

static bool dropped_above(xmlNode *n)
{
	for (; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (I(n) && (I(n)->flags & F_DROP))
			return true;
	return false;
}

/* Debug aid (-v -v): where the article was found. */
static void describe(const char *what, xmlNode *n)
{
	char path[512];
	size_t len = 0;
	if (!n)
		return;
	path[0] = '\0';
	for (xmlNode *x = n; x && x->type == XML_ELEMENT_NODE && len < 400; x = x->parent) {
		xmlChar *cls = xmlGetProp(x, (const xmlChar *)"class");
		int k = snprintf(path + len, sizeof(path) - len, "<%s%s%.30s", (const char *)x->name,
				 cls ? "." : "", cls ? (const char *)cls : "");
		xmlFree(cls);
		if (k < 0 || (size_t)k >= sizeof(path) - len)
			break;
		len += (size_t)k;
	}
	nm_log(NM_LOG_DEBUG, "%s: %s score=%.1f text=%u ptext=%u flags=%x", what, path,
	       (double)final_score(I(n)), I(n)->text, I(n)->ptext, I(n)->flags);
}

enum nm_code nm_content_extract(xmlDoc *html, const struct nm_meta *m, struct nm_buf *out)
{
	struct ctx c = {0};
	struct emit e = {0};
	xmlNode *root = xmlDocGetRootElement(html), *top, *body = NULL, **sigs;
	size_t n_sigs;
	uint32_t sig_ptext = 0;
	int kind;
	size_t count = 0;
	static const struct walker stats = {stats_enter, stats_text, stats_leave};
	static const struct walker prune = {prune_enter, stats_text, prune_leave};
	static const struct walker emitw = {emit_enter, emit_textnode, emit_leave};

	if (!root)
		return NM_OK;
	c.root = root;
	c.title = m->og_title ? m->og_title : m->ld_headline ? m->ld_headline : m->h1;

	/* count elements, then give each its info (libxml2's _private is ours) */
	for (xmlNode *n = root; n; n = nm_dom_next(n, root, n->type == XML_ELEMENT_NODE))
		count += n->type == XML_ELEMENT_NODE;
	c.info = nm_xcalloc(count + 1, sizeof(*c.info));
	c.n_info = count;
	count = 0;
	for (xmlNode *n = root; n; n = nm_dom_next(n, root, n->type == XML_ELEMENT_NODE)) {
		struct ninfo *ni;
		if (n->type != XML_ELEMENT_NODE)
			continue;
		ni = &c.info[count++];
		n->_private = ni;
		ni->tag = (uint8_t)tag_of(n->name);
		if (ni->tag == T_BODY && !body)
			body = n;
		if (n->properties)
			look_at_attributes(&c, n, ni);
	}

	walk(&c, root, &stats);
	c.n_articles = 0;
	walk(&c, root, &prune);

	top = best_scored(&c, root);
	sigs = nm_xmalloc((c.n_signals + c.n_bodycls + 2) * sizeof(*sigs));
	n_sigs = signal_nodes(&c, sigs, &kind);
	for (size_t i = 0; i < n_sigs; i++)
		sig_ptext += I(sigs[i])->ptext;
	/* the signal holds too little of what scoring found: itemprop=articleBody is the
	 * page saying where its article is, so it gets more benefit of the doubt than a
	 * class name or an <article> element */
	if (n_sigs && top && sig_ptext * 10 < I(top)->ptext * (kind == 0 ? 3 : 7) &&
	    !(listing(&c, top) && !contains(sigs[0], top) && !contains(top, sigs[0])))
		n_sigs = 0;
	/* a broad container (<article>, a microdata scope) around the scored one that adds
	 * little paragraph text adds a standfirst, highlights or teasers: keep the tighter */
	if (n_sigs == 1 && kind == 2 && top && top != sigs[0] && contains(sigs[0], top) &&
	    I(top)->ptext * 10 >= sig_ptext * 8)
		n_sigs = 0;
	if (!top)
		top = body ? body : root;
	if (nm_log_get_level() >= NM_LOG_DEBUG) {
		describe("top", top);
		for (size_t i = 0; i < n_sigs; i++)
			describe("signal", sigs[i]);
	}

	c.emit = &e;
	e.out = out;
	if (n_sigs) {
		for (size_t i = 0; i < n_sigs; i++) {
			end_block(&e);
			walk(&c, sigs[i], &emitw);
			end_block(&e);
		}
	} else if (top->parent && top->parent->type == XML_ELEMENT_NODE && I(top)->tag != T_BODY) {
		float ts = final_score(I(top));
		float thr = ts * 0.2f > 10 ? ts * 0.2f : 10;
		for (xmlNode *s = top->parent->children; s; s = s->next) {
			bool take = s == top;
			if (!take && s->type == XML_ELEMENT_NODE && !(I(s)->flags & F_DROP)) {
				struct ninfo *si = I(s);
				float ld = si->text ? (float)si->link / (float)si->text : 1;
				if ((si->flags & F_SCORED) && final_score(si) >= thr)
					take = true;
				else if (si->tag == T_P && si->text >= 80 && ld < 0.25f)
					take = true;
				else if (si->tag == T_P && si->text > 0 && ld == 0 && si->commas > 0)
					take = true;
			}
			if (take) {
				end_block(&e);
				walk(&c, s, &emitw);
				end_block(&e);
			}
		}
	} else {
		walk(&c, top, &emitw);
		end_block(&e);
	}

	/* headings with nothing after them head something that was left out ("More
	 * stories", "Related"), not article text */
	if (e.tail_heading && !e.rc) {
		out->len = e.tail_sep;
		if (out->data)
			out->data[out->len] = '\0';
	}
	/* n->_private now points into c.info, freed here: the caller frees the document
	 * right after this call and nothing reads _private again. */
	free(c.info);
	free(c.signals);
	free(c.bodycls);
	free(c.articles);
	free(c.items);
	free(sigs);
	return e.rc;
}
