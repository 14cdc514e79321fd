#!/usr/bin/env python3
"""Builds site/www (The Ledger Wire, newsmine's sample news site) from site/content.

Run from anywhere:  python3 site/build.py
The output is committed; the server only serves files.  Article text lives in
content/articles-*.txt (original writing for this project) and the user's seed
article in ../shared/seed/liquidations-article.txt.  Feeds and sitemaps carry
the literal placeholder {{BASE}}, which newsmine-site replaces with its base
URL when it serves .xml and .txt files.  Output is deterministic: same input,
same bytes.
"""
import datetime
import html
import json
import os
import re
import shutil
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
WWW = os.path.join(HERE, "www")
SEED_TXT = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "seed",
                                         "liquidations-article.txt"))
SEED_SLUG = "crypto-liquidations-reset-or-risk-off"
SEED_DATE = "2025-11-17T08:00:00Z"
AMP_SLUG = "btc-rejected-below-89k-liquidations"  # served twice, byte-identical
SITE = "The Ledger Wire"

AUTHORS = {
    "dana": ("Dana Whitfield", "Markets editor",
             "Dana covers crypto markets, derivatives and the flows behind big price moves. "
             "Before joining The Ledger Wire she spent eight years on a commodities desk."),
    "marcus": ("Marcus Oyelaran", "Technical analysis reporter",
               "Marcus writes about chart levels, order books and market structure. "
               "He is based in London."),
    "priya": ("Priya Raman", "Policy and security correspondent",
              "Priya reports on regulation, exchange security and the legal side of crypto. "
              "She previously covered financial courts."),
    "leo": ("Leo Brandt", "Derivatives reporter",
            "Leo follows perpetual futures, funding rates and the traders who use them. "
            "He writes from Berlin."),
    "sofia": ("Sofia Castellanos", "Research columnist",
              "Sofia writes the weekly outlook column and interviews analysts about what "
              "comes next. Her columns are commentary, not advice."),
    "staff": ("Ledger Wire Staff", "Newsroom",
              "Reporting from The Ledger Wire newsroom."),
}

SECTIONS = {
    "markets": "Markets",
    "regulation": "Regulation",
    "security": "Security",
    "analysis": "Analysis",
}

COMMENTS = [
    ("satoshi_fan_88", "Called it last week. Nobody listens until the candles print."),
    ("margin_call_mike", "Got stopped out on this one. Lesson learned about leverage, again."),
    ("hodl_henrietta", "Zoom out. Still up on the year."),
    ("quantqueen", "Would love to see the funding data broken down by exchange next time."),
    ("defi_dave", "Good write-up, thanks. The part about open interest was useful."),
    ("bearish_ben", "This is just the start. Watch the weekly close."),
    ("lurker_lu", "First comment in years: great reporting, keep it up."),
    ("altseason_al", "Altcoins always get hit hardest. Same story every cycle."),
]


def esc(s):
    return html.escape(s, quote=True)


def parse_articles():
    arts = []
    for name in sorted(os.listdir(os.path.join(HERE, "content"))):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(HERE, "content", name), encoding="utf-8") as f:
            text = f.read()
        for chunk in re.split(r"^=== ", text, flags=re.M)[1:]:
            head, body = chunk.split("\n---\n", 1)
            lines = head.split("\n")
            a = {"slug": lines[0].strip()}
            for ln in lines[1:]:
                if ln.strip():
                    k, v = ln.split(":", 1)
                    a[k.strip()] = v.strip()
            a["blocks"] = [b.strip() for b in body.strip().split("\n\n") if b.strip()]
            arts.append(a)
    for a in arts:
        d = datetime.datetime.strptime(a["date"], "%Y-%m-%dT%H:%M:%SZ")
        a["dt"] = d
        a["url"] = "/news/%04d/%02d/%s.html" % (d.year, d.month, a["slug"])
        a["words"] = sum(len(re.findall(r"\S+", b)) for b in a["blocks"])
    return arts


def body_html(blocks):
    out = []
    for b in blocks:
        if b.startswith("## "):
            out.append("<h2>%s</h2>" % esc(b[3:]))
        elif b.startswith("- "):
            items = [ln[2:] for ln in b.split("\n")]
            out.append("<ul>\n%s\n</ul>" % "\n".join("  <li>%s</li>" % esc(i) for i in items))
        else:
            out.append("<p>%s</p>" % esc(" ".join(b.split("\n"))))
    return out


def long_date(d):
    return "%s %d, %d" % (d.strftime("%B"), d.day, d.year)


def head(title, desc, canonical, extra=""):
    return """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>%s</title>
<meta name="description" content="%s">
<link rel="canonical" href="%s">
<link rel="alternate" type="application/rss+xml" title="The Ledger Wire RSS" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" title="The Ledger Wire Atom" href="/atom.xml">
<link rel="stylesheet" href="/static/site.css">
<link rel="icon" href="/static/logo.svg" type="image/svg+xml">
%s</head>
""" % (esc(title), esc(desc), esc(canonical), extra)


NAV = """<div id="cookie-consent" class="cookie-banner" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to measure traffic and show you relevant ads. By clicking “Accept all” you agree to our use of cookies. <a href="/privacy.html">Read our privacy policy</a>.</p>
  <button class="btn accept">Accept all</button> <button class="btn reject">Reject non-essential</button> <button class="btn settings">Cookie settings</button>
</div>
<header class="site-header">
  <div class="topbar"><span class="ticker">BTC ▲ ETH ▼ SOL ▲ XRP ▼ DOGE ▲</span> <a href="/newsletter.html">Subscribe</a> <a href="/about.html">About</a></div>
  <a class="logo" href="/"><img src="/static/logo.svg" alt="The Ledger Wire" width="180" height="40"></a>
  <nav class="main-nav" aria-label="Main">
    <ul>
      <li><a href="/">Home</a></li>
      <li><a href="/markets/">Markets</a></li>
      <li><a href="/analysis/">Analysis</a></li>
      <li><a href="/regulation/">Regulation</a></li>
      <li><a href="/security/">Security</a></li>
      <li><a href="/archive.html">Archive</a></li>
      <li><a href="/newsletter.html">Newsletter</a></li>
    </ul>
  </nav>
</header>
"""

FOOTER = """<footer class="site-footer">
  <div class="footer-cols">
    <div><h4>The Ledger Wire</h4><p>Independent news on crypto markets since 2019.</p></div>
    <div><h4>Sections</h4><ul><li><a href="/markets/">Markets</a></li><li><a href="/analysis/">Analysis</a></li><li><a href="/regulation/">Regulation</a></li><li><a href="/security/">Security</a></li></ul></div>
    <div><h4>Company</h4><ul><li><a href="/about.html">About us</a></li><li><a href="/contact.html">Contact</a></li><li><a href="/privacy.html">Privacy policy</a></li><li><a href="/terms.html">Terms of use</a></li></ul></div>
    <div><h4>Feeds</h4><ul><li><a href="/feed.xml">RSS</a></li><li><a href="/atom.xml">Atom</a></li><li><a href="/sitemap_index.xml">Sitemap</a></li></ul></div>
  </div>
  <p class="disclaimer">Nothing on this site is investment advice. Cryptocurrencies are volatile and you can lose all of your money.</p>
  <p class="copyright">© 2025 The Ledger Wire. All rights reserved.</p>
</footer>
<script src="/static/site.js" defer></script>
</body>
</html>
"""


def share_bar(title, url):
    t = esc(urllib.parse.quote(title))
    url = urllib.parse.quote(url, safe="")
    return """<div class="share-bar" aria-label="Share">
  <span>Share this article:</span>
  <a class="share twitter" href="https://twitter.com/intent/tweet?text=%s">Twitter</a>
  <a class="share telegram" href="https://t.me/share/url?url=%s">Telegram</a>
  <a class="share reddit" href="https://www.reddit.com/submit?url=%s">Reddit</a>
  <a class="share email" href="mailto:?subject=%s">Email</a>
  <button class="share copy">Copy link</button>
</div>
""" % (t, esc(url), esc(url), t)


def breadcrumb(section, title):
    return """<nav class="breadcrumb" aria-label="Breadcrumb"><a href="/">Home</a> › <a href="/%s/">%s</a> › <span>%s</span></nav>
""" % (section, SECTIONS[section], esc(title))


NEWSLETTER = """<section class="newsletter-box">
  <h3>Get the Morning Ledger</h3>
  <p>The five stories that moved crypto markets overnight, in your inbox before 7 a.m.</p>
  <form action="/newsletter.html" method="get"><input type="email" name="email" placeholder="you@example.com"> <button>Sign up</button></form>
  <p class="small">Free. Unsubscribe at any time.</p>
</section>
"""


def ad(slot, size="300x250"):
    return """<div class="ad-slot ad-%s" data-slot="%s"><span class="ad-label">Advertisement</span><a href="/about.html#advertise"><img src="/static/ad-%s.svg" alt="Advertisement" width="%s" height="%s"></a></div>
""" % (size, slot, size, size.split("x")[0], size.split("x")[1])


def author_box(key):
    name, role, bio = AUTHORS[key]
    return """<aside class="author-bio">
  <img src="/static/logo.svg" alt="" width="64" height="64">
  <div><h4>About the author: <a href="/about.html#%s">%s</a></h4><p class="role">%s</p><p>%s</p></div>
</aside>
""" % (key, esc(name), esc(role), esc(bio))


def related(arts, a, n=4):
    same = [b for b in arts if b is not a and b["section"] == a["section"]]
    same.sort(key=lambda b: abs((b["dt"] - a["dt"]).total_seconds()))
    pick = same[:n]
    if len(pick) < n:
        rest = [b for b in arts if b is not a and b not in pick]
        rest.sort(key=lambda b: abs((b["dt"] - a["dt"]).total_seconds()))
        pick += rest[:n - len(pick)]
    items = "\n".join('    <li><a href="%s">%s</a> <span class="date">%s</span></li>'
                      % (b["url"], esc(b["title"]), long_date(b["dt"])) for b in pick)
    return """<section class="related-posts">
  <h3>Related posts</h3>
  <ul>
%s
  </ul>
</section>
""" % items


def comments(i):
    picks = [COMMENTS[(i * 3 + k) % len(COMMENTS)] for k in range(2 + i % 3)]
    items = "\n".join(
        '  <li class="comment"><span class="comment-author">%s</span> <span class="comment-time">%d hours ago</span><p>%s</p><a class="reply" href="#respond">Reply</a></li>'
        % (esc(u), 1 + (i + k) % 9, esc(t)) for k, (u, t) in enumerate(picks))
    return """<section class="comments" id="comments">
  <h3>%d Comments</h3>
  <ol>
%s
  </ol>
  <div id="respond"><h4>Leave a reply</h4><form action="/newsletter.html" method="get"><textarea name="c"></textarea><button>Post comment</button></form></div>
</section>
""" % (len(picks), items)


def json_ld(a, author):
    d = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a["title"],
        "description": a["summary"],
        "datePublished": a["date"],
        "dateModified": a["date"],
        "author": {"@type": "Person", "name": author},
        "publisher": {"@type": "Organization", "name": SITE,
                      "logo": {"@type": "ImageObject", "url": "/static/logo.svg"}},
        "mainEntityOfPage": a["url"],
        "articleSection": SECTIONS[a["section"]],
        "keywords": a["tags"],
    }
    s = json.dumps(d, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return '<script type="application/ld+json">\n%s\n</script>\n' % s


def og(a):
    return """<meta property="og:type" content="article">
<meta property="og:site_name" content="%s">
<meta property="og:title" content="%s">
<meta property="og:description" content="%s">
<meta property="og:url" content="%s">
<meta property="article:published_time" content="%s">
<meta property="article:section" content="%s">
""" % (SITE, esc(a["title"]), esc(a["summary"]), a["url"], a["date"], SECTIONS[a["section"]])


def render_article(arts, i, a):
    author = AUTHORS[a["author"]][0]
    variant = i % 4
    paras = body_html(a["blocks"])
    d = a["dt"]
    extra = og(a)
    if variant in (2, 3):
        extra += json_ld(a, author)
    if variant == 1:
        extra = ('<meta name="author" content="%s">\n<meta name="pubdate" content="%s">\n'
                 % (esc(author), d.strftime("%Y%m%d"))) + extra
    out = [head("%s | %s" % (a["title"], SITE), a["summary"], a["url"], extra)]
    out.append('<body class="single-post section-%s">\n' % a["section"])
    out.append(NAV)
    out.append(ad("leaderboard", "728x90"))
    out.append('<div class="container">\n<main id="content">\n')
    out.append(breadcrumb(a["section"], a["title"]))
    tags = " ".join('<a class="tag" href="/archive.html">%s</a>' % esc(t.strip())
                    for t in a["tags"].split(","))
    if variant == 0:
        out.append('<article class="post">\n<header class="entry-header">\n<h1 class="entry-title">%s</h1>\n'
                   % esc(a["title"]))
        out.append('<p class="byline">By <a rel="author" href="/about.html#%s">%s</a> · <time datetime="%s">%s</time></p>\n</header>\n'
                   % (a["author"], esc(author), a["date"], long_date(d)))
        out.append(share_bar(a["title"], a["url"]))
        out.append('<p class="lede"><strong>%s</strong></p>\n' % esc(a["summary"]))
        out.append('<div class="post-body">\n%s\n</div>\n' % "\n".join(paras))
        out.append('<footer class="entry-footer"><span class="tags">Tags: %s</span></footer>\n</article>\n' % tags)
    elif variant == 1:
        out.append('<div class="story" itemscope itemtype="https://schema.org/NewsArticle">\n')
        out.append('<h1 itemprop="headline">%s</h1>\n' % esc(a["title"]))
        out.append('<meta itemprop="datePublished" content="%s">\n' % a["date"])
        out.append('<div class="meta">By <span itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">%s</span></span> | %s UTC | Updated %s</div>\n'
                   % (esc(author), d.strftime("%d %b %Y %H:%M"), d.strftime("%d %b %Y")))
        out.append(share_bar(a["title"], a["url"]))
        out.append('<figure class="lead-image"><img src="/static/chart.svg" alt="Price chart" width="800" height="420"><figcaption>Illustration: The Ledger Wire</figcaption></figure>\n')
        out.append('<div class="story-text" itemprop="articleBody">\n%s\n</div>\n' % "\n".join(paras))
        out.append('<p class="tags">%s</p>\n</div>\n' % tags)
    elif variant == 2:
        out.append('<div class="post-header"><span class="category"><a href="/%s/">%s</a></span>\n<h1>%s</h1>\n<h2 class="subtitle">%s</h2>\n'
                   % (a["section"], SECTIONS[a["section"]], esc(a["title"]), esc(a["summary"])))
        out.append('<div class="post-meta"><span class="author">%s</span> <span class="date">%s</span> <span class="read-time">%d min read</span></div>\n</div>\n'
                   % (esc(author), long_date(d), max(1, a["words"] // 200)))
        out.append(share_bar(a["title"], a["url"]))
        half = len(paras) // 2
        out.append('<div class="entry-content">\n%s\n' % "\n".join(paras[:half]))
        out.append('<div class="inline-related"><strong>Read also:</strong> <a href="%s">%s</a></div>\n'
                   % (arts[(i + 7) % len(arts)]["url"], esc(arts[(i + 7) % len(arts)]["title"])))
        out.append("%s\n</div>\n" % "\n".join(paras[half:]))
        out.append('<div class="post-tags">%s</div>\n' % tags)
    else:
        out.append('<article id="post-%d" class="article-main">\n<h1>%s</h1>\n' % (1000 + i, esc(a["title"])))
        out.append('<div class="article-meta"><img src="/static/logo.svg" alt="" width="24" height="24"> <a href="/about.html#%s">%s</a> — <time datetime="%s" class="published">%s</time></div>\n'
                   % (a["author"], esc(author), a["date"], d.strftime("%b %d, %Y at %H:%M UTC")))
        out.append(share_bar(a["title"], a["url"]))
        half = (len(paras) + 1) // 2
        out.append('<div class="article-content">\n%s\n' % "\n".join(paras[:half]))
        out.append(ad("in-article"))
        out.append("%s\n</div>\n" % "\n".join(paras[half:]))
        out.append('<div class="article-tags">%s</div>\n</article>\n' % tags)
    out.append(share_bar(a["title"], a["url"]))
    out.append(author_box(a["author"]))
    out.append(NEWSLETTER)
    out.append(related(arts, a))
    out.append(comments(i))
    out.append('</main>\n<aside class="sidebar">\n')
    out.append(ad("sidebar-top"))
    out.append(sidebar_popular(arts, i))
    out.append(ad("sidebar-bottom"))
    out.append('</aside>\n</div>\n')
    out.append(FOOTER)
    return "".join(out)


def sidebar_popular(arts, i):
    picks = [arts[(i * 5 + k * 11) % len(arts)] for k in range(5)]
    items = "\n".join('    <li><a href="%s">%s</a></li>' % (b["url"], esc(b["title"])) for b in picks)
    return """<section class="widget popular">
  <h3>Most read</h3>
  <ol>
%s
  </ol>
</section>
<section class="widget social">
  <h3>Follow us</h3>
  <ul><li><a href="https://twitter.com/">Twitter</a></li><li><a href="https://t.me/">Telegram</a></li><li><a href="https://www.youtube.com/">YouTube</a></li></ul>
</section>
""" % items


# ------------------------------------------------------------ seed article

def render_seed(arts):
    with open(SEED_TXT, encoding="utf-8") as f:
        lines = [ln.strip() for ln in f.read().split("\n")]
    lines = [ln for ln in lines if ln]
    title = lines[0]
    # Known layout of the user's text: title, image alt, ToC, TL;DR bullets,
    # paragraphs, one image caption, one subheading, paragraphs, page blocks.
    bullets = [ln.lstrip("•").strip() for ln in lines if ln.startswith("•")]
    i = lines.index("Crypto Liquidation Wave")
    j = lines.index("RELATED POSTS")
    tldr_at = lines.index("TL;DR:")
    paras_a = lines[tldr_at + 1 + len(bullets):i]
    rest = lines[i + 1:j]
    subhead = rest[0]
    paras_b = rest[1:]
    url = "/news/2025/11/%s.html" % SEED_SLUG
    desc = bullets[0]
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": title,
        "datePublished": SEED_DATE,
        "dateModified": SEED_DATE,
        "author": {"@type": "Organization", "name": SITE},
        "publisher": {"@type": "Organization", "name": SITE},
        "mainEntityOfPage": url,
        "articleSection": "Markets",
    }
    extra = """<meta property="og:type" content="article">
<meta property="og:site_name" content="%s">
<meta property="og:title" content="%s">
<meta property="og:url" content="%s">
<meta property="article:published_time" content="%s">
<meta property="article:section" content="Markets">
<script type="application/ld+json">
%s
</script>
""" % (SITE, esc(title), url, SEED_DATE, json.dumps(ld, ensure_ascii=False, indent=2))
    rel = [a for a in arts if a["dt"].month >= 10][-6:]
    out = [head("%s | %s" % (title, SITE), desc, url, extra)]
    out.append('<body class="single-post section-markets">\n')
    out.append(NAV)
    out.append('<div class="container">\n<main id="content">\n')
    out.append(breadcrumb("markets", title))
    out.append('<article class="post">\n<h1 class="entry-title">%s</h1>\n' % esc(title))
    out.append('<p class="byline">By <span class="author">%s</span> · <time datetime="%s">%s</time></p>\n'
               % (AUTHORS["staff"][0], SEED_DATE, "November 17, 2025"))
    out.append(share_bar(title, url))
    out.append('<figure class="featured"><img src="/static/chart.svg" alt="%s" width="800" height="420"></figure>\n'
               % esc(lines[1]))
    out.append('<nav class="toc"><p class="toc-title">Table of Contents</p><ol><li><a href="#tldr">TL;DR</a></li><li><a href="#rejection">%s</a></li></ol></nav>\n'
               % esc(subhead))
    out.append('<div class="entry-content">\n')
    out.append('<p id="tldr"><strong>TL;DR:</strong></p>\n<ul>\n%s\n</ul>\n'
               % "\n".join("  <li>%s</li>" % esc(b) for b in bullets))
    out.extend("<p>%s</p>\n" % esc(p) for p in paras_a)
    out.append('<figure><img src="/static/chart.svg" alt="Liquidation chart" width="800" height="420"><figcaption>%s</figcaption></figure>\n'
               % esc(lines[i]))
    out.append('<h2 id="rejection">%s</h2>\n' % esc(subhead))
    out.extend("<p>%s</p>\n" % esc(p) for p in paras_b)
    out.append('</div>\n</article>\n')
    out.append(share_bar(title, url))
    out.append('<section class="related-posts"><h3>RELATED POSTS</h3>\n<ul>\n%s\n</ul>\n</section>\n'
               % "\n".join('  <li><a href="%s">%s</a></li>' % (a["url"], esc(a["title"])) for a in rel))
    out.append('</main>\n<aside class="sidebar">\n')
    out.append('<section class="widget ads"><h3>Ads</h3>\n%s</section>\n' % ad("seed-sidebar"))
    out.append('<section class="widget social"><h3>Follow us on Social Networks</h3><ul><li><a href="https://twitter.com/">Twitter</a></li><li><a href="https://t.me/">Telegram</a></li><li><a href="https://www.facebook.com/">Facebook</a></li></ul></section>\n')
    out.append('<section class="widget tutorials"><h3>Crypto Tutorials</h3><ul><li><a href="/about.html#guides">How to read a liquidation heatmap</a></li><li><a href="/about.html#guides">What is open interest?</a></li></ul></section>\n')
    out.append('<section class="widget reviews"><h3>Crypto Reviews</h3><ul><li><a href="/about.html#reviews">Hardware wallet review</a></li><li><a href="/about.html#reviews">Exchange fee comparison</a></li></ul></section>\n')
    out.append('</aside>\n</div>\n')
    out.append(FOOTER)
    seed = {"slug": SEED_SLUG, "title": title, "summary": desc, "date": SEED_DATE,
            "dt": datetime.datetime(2025, 11, 17, 8, 0, 0), "url": url, "section": "markets",
            "author": "staff", "tags": "BTC, ETH, SOL, DOGE, ZEC, liquidations"}
    return "".join(out), seed


# ------------------------------------------------------------ listings, feeds

def simple_page(title, body_inner, canonical="/"):
    return (head("%s | %s" % (title, SITE), title, canonical), '<body>\n', NAV,
            '<div class="container">\n<main id="content">\n', body_inner,
            '</main>\n</div>\n', FOOTER)


def listing(title, items, intro=""):
    lis = "\n".join(
        '  <li class="teaser"><h2><a href="%s">%s</a></h2><p class="meta"><span class="section">%s</span> · <time datetime="%s">%s</time> · %s</p><p>%s</p></li>'
        % (a["url"], esc(a["title"]), SECTIONS[a["section"]], a["date"], long_date(a["dt"]),
           esc(AUTHORS[a["author"]][0]), esc(a["summary"])) for a in items)
    return "<h1>%s</h1>\n%s<ul class=\"teasers\">\n%s\n</ul>\n" % (esc(title), intro, lis)


def rfc822(d):
    return d.strftime("%a, %d %b %Y %H:%M:%S +0000")


def xesc(s):
    return html.escape(s, quote=False)


def rss(items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n',
           '<title>The Ledger Wire</title>\n<link>{{BASE}}/</link>\n',
           '<description>Crypto market news: liquidations, levels, regulation.</description>\n',
           '<language>en</language>\n<atom:link href="{{BASE}}/feed.xml" rel="self" type="application/rss+xml"/>\n',
           '<lastBuildDate>%s</lastBuildDate>\n' % rfc822(items[0]["dt"])]
    for a in items:
        out.append("<item>\n<title>%s</title>\n<link>{{BASE}}%s</link>\n<guid isPermaLink=\"true\">{{BASE}}%s</guid>\n"
                   "<pubDate>%s</pubDate>\n<dc:creator>%s</dc:creator>\n<category>%s</category>\n<description>%s</description>\n</item>\n"
                   % (xesc(a["title"]), a["url"], a["url"], rfc822(a["dt"]),
                      xesc(AUTHORS[a["author"]][0]), SECTIONS[a["section"]], xesc(a["summary"])))
    out.append("</channel>\n</rss>\n")
    return "".join(out)


def atom(items):
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n',
           '<title>The Ledger Wire</title>\n<subtitle>Crypto market news</subtitle>\n',
           '<link href="{{BASE}}/atom.xml" rel="self"/>\n<link href="{{BASE}}/"/>\n',
           '<id>{{BASE}}/</id>\n<updated>%s</updated>\n' % items[0]["date"]]
    for a in items:
        out.append('<entry>\n<title>%s</title>\n<link href="{{BASE}}%s"/>\n<id>{{BASE}}%s</id>\n'
                   '<published>%s</published>\n<updated>%s</updated>\n<author><name>%s</name></author>\n'
                   '<summary>%s</summary>\n</entry>\n'
                   % (xesc(a["title"]), a["url"], a["url"], a["date"], a["date"],
                      xesc(AUTHORS[a["author"]][0]), xesc(a["summary"])))
    out.append("</feed>\n")
    return "".join(out)


def write(rel, text):
    path = os.path.join(WWW, rel.lstrip("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


STATIC_CSS = """body{font-family:Georgia,serif;margin:0;color:#222}
.site-header,.site-footer{background:#111;color:#eee;padding:8px 16px}
.site-header a,.site-footer a{color:#fc6}
.main-nav ul,.footer-cols ul{list-style:none;padding:0}
.main-nav li{display:inline;margin-right:12px}
.container{display:flex;gap:24px;max-width:1100px;margin:0 auto;padding:16px}
main{flex:3}.sidebar{flex:1}
.cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#333;color:#fff;padding:8px}
.ad-slot{background:#f4f4f4;text-align:center;margin:12px 0}
.ad-label{display:block;font-size:10px;color:#888}
.share-bar a,.share-bar button{margin-right:8px}
.author-bio,.newsletter-box,.comments,.related-posts{border-top:1px solid #ddd;margin-top:16px;padding-top:8px}
"""
STATIC_JS = """document.addEventListener('DOMContentLoaded',function(){var b=document.querySelector('.cookie-banner .accept');if(b)b.onclick=function(){document.getElementById('cookie-consent').style.display='none';};});
"""
LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="180" height="40" viewBox="0 0 180 40"><rect width="180" height="40" fill="#111"/><text x="10" y="27" font-family="Georgia" font-size="18" fill="#fc6">The Ledger Wire</text></svg>
"""
CHART_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="800" height="420" viewBox="0 0 800 420"><rect width="800" height="420" fill="#fafafa"/><polyline fill="none" stroke="#c33" stroke-width="3" points="0,120 100,140 200,110 300,90 400,100 500,220 600,260 700,240 800,250"/></svg>
"""


def ad_svg(w, h):
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d"><rect width="%d" height="%d" fill="#ddd"/>'
            '<text x="10" y="24" font-size="14">Trade smarter. Ad.</text></svg>\n' % (w, h, w, h))


def main():
    arts = parse_articles()
    arts.sort(key=lambda a: a["dt"])
    for a in arts:
        if not 150 <= a["words"] <= 450:
            print("warning: %s has %d words" % (a["slug"], a["words"]), file=sys.stderr)
    if os.path.isdir(WWW):
        shutil.rmtree(WWW)
    os.makedirs(WWW)

    pages = {}
    for i, a in enumerate(arts):
        pages[a["url"]] = render_article(arts, i, a)
        write(a["url"], pages[a["url"]])
    amp = next(a for a in arts if a["slug"] == AMP_SLUG)
    write("/amp/%s.html" % AMP_SLUG, pages[amp["url"]])

    seed_html, seed = render_seed(arts)
    write(seed["url"], seed_html)

    allarts = sorted(arts + [seed], key=lambda a: a["dt"], reverse=True)

    write("/index.html", "".join(simple_page(
        SITE, canonical="/", body_inner=listing("Latest crypto news", allarts[:20],
                      '<p class="sections">Sections: %s · <a href="/archive.html">Full archive</a></p>\n'
                      % " · ".join('<a href="/%s/">%s</a>' % kv for kv in SECTIONS.items())))))
    for key, name in SECTIONS.items():
        items = [a for a in allarts if a["section"] == key]
        write("/%s/index.html" % key, "".join(simple_page(name, listing(name, items), "/%s/" % key)))
    write("/archive.html", "".join(simple_page("Archive", listing("All articles", allarts), "/archive.html")))
    write("/news/index.html", "".join(simple_page("News", listing("All news", allarts), "/archive.html")))
    for rel, title, text in [
        ("/about.html", "About us", "The Ledger Wire is a fictional crypto-news publisher bundled with newsmine for tests. Our reporters and their stories are invented."),
        ("/contact.html", "Contact", "Write to the newsroom at newsroom@ledgerwire.example."),
        ("/privacy.html", "Privacy policy", "This sample site sets no cookies; the banner is decoration for extractor tests."),
        ("/terms.html", "Terms of use", "Everything here is fiction written for software tests."),
        ("/newsletter.html", "Newsletter", "Thanks for your interest. The Morning Ledger is a fictional newsletter."),
    ]:
        write(rel, "".join(simple_page(title, "<h1>%s</h1>\n<p>%s</p>\n" % (esc(title), esc(text)), rel)))
    write("/private/secret.html", "".join(simple_page(
        "Private", "<h1>Internal draft</h1>\n<p>This page is disallowed by robots.txt. A polite crawler never fetches it.</p>\n")))
    write("/private/allowed.html", "".join(simple_page(
        "Allowed", "<h1>Explicitly allowed</h1>\n<p>robots.txt disallows /private/ but allows this one page.</p>\n")))

    write("/static/site.css", STATIC_CSS)
    write("/static/site.js", STATIC_JS)
    write("/static/logo.svg", LOGO_SVG)
    write("/static/chart.svg", CHART_SVG)
    write("/static/ad-300x250.svg", ad_svg(300, 250))
    write("/static/ad-728x90.svg", ad_svg(728, 90))

    feed_items = allarts[:20]
    write("/feed.xml", rss(feed_items))
    write("/atom.xml", atom(feed_items))

    write("/robots.txt", """# robots.txt for The Ledger Wire (newsmine sample site)
User-agent: *
Allow: /private/allowed.html
Disallow: /private/
Disallow: /search

User-agent: SlowBot
Crawl-delay: 5
Disallow: /gen/

User-agent: BadBot
Disallow: /

Sitemap: {{BASE}}/sitemap_index.xml
Sitemap: {{BASE}}/news-sitemap.xml
""")
    write("/sitemap_index.xml", """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{{BASE}}/sitemap-articles.xml.gz</loc><lastmod>%s</lastmod></sitemap>
  <sitemap><loc>{{BASE}}/news-sitemap.xml</loc><lastmod>%s</lastmod></sitemap>
  <sitemap><loc>{{BASE}}/sitemap-pages.xml</loc></sitemap>
</sitemapindex>
""" % (allarts[0]["date"], allarts[0]["date"]))
    write("/sitemap-articles.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n%s</urlset>\n'
          % "".join("  <url><loc>{{BASE}}%s</loc><lastmod>%s</lastmod><changefreq>monthly</changefreq></url>\n"
                    % (a["url"], a["date"]) for a in allarts))
    write("/sitemap-pages.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n%s</urlset>\n'
          % "".join("  <url><loc>{{BASE}}%s</loc><priority>%s</priority></url>\n" % (u, p)
                    for u, p in [("/", "1.0"), ("/markets/", "0.8"), ("/analysis/", "0.8"),
                                 ("/regulation/", "0.8"), ("/security/", "0.8"),
                                 ("/archive.html", "0.5"), ("/about.html", "0.2")]))
    write("/news-sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n'
          '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"\n'
          '        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n%s</urlset>\n'
          % "".join("  <url>\n    <loc>{{BASE}}%s</loc>\n    <news:news>\n"
                    "      <news:publication><news:name>The Ledger Wire</news:name><news:language>en</news:language></news:publication>\n"
                    "      <news:publication_date>%s</news:publication_date>\n      <news:title>%s</news:title>\n"
                    "    </news:news>\n  </url>\n" % (a["url"], a["date"], xesc(a["title"]))
                    for a in allarts[:12]))
    write("/sitemap.txt", "".join("{{BASE}}%s\n" % a["url"] for a in allarts))
    print("built %d articles (+ seed) into %s" % (len(arts), WWW))


if __name__ == "__main__":
    main()
