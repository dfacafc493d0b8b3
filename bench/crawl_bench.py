"""Crawl benchmark: articles per second for crawl + extraction + storage (`diembao crawl`, a sitemap source)
beside a plain Scrapy fetch of the same pages, measured in the same run on a fixture site on 127.0.0.1.

    .venv/bin/python bench/crawl_bench.py [--articles 2000] [--database-url URL]

Politeness delays are set to zero for both runs (the site is local), so the figures compare the work done per
page; concurrency, timeouts and robots.txt are the same for both."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from config.settings import CrawlSettings  # noqa: E402
from crawler.scrapy_settings import scrapy_settings  # noqa: E402
from storage import Database  # noqa: E402
from storage.models import CrawlRun, Item  # noqa: E402
from tests.fakes import pages  # noqa: E402
from tests.fakes.articles import ARTICLES  # noqa: E402
from tests.fakes.server import FixtureServer  # noqa: E402

TEMPLATES = (pages.provincial, pages.central_epaper, pages.central_atom_paper, pages.section_paper)
CRAWL = {"DIEMBAO_CRAWL__DOWNLOAD_DELAY_S": "0", "DIEMBAO_CRAWL__AUTOTHROTTLE_START_DELAY_S": "0",
         "DIEMBAO_CRAWL__CONCURRENT_PER_DOMAIN": "16"}


def build_site(server: FixtureServer, count: int) -> list[str]:
    """`count` distinct articles in four outlet shapes, and a sitemap listing them."""
    base = list(ARTICLES.values())
    urls = []
    for n in range(count):
        article = base[n % len(base)]
        unique = (f"Theo thống kê bổ sung số {n}, có {n % 97 + 3} hộ dân tại khu phố {n % 31 + 1} được hỗ trợ, "
                  f"tổng kinh phí {n * 7 % 1000 + 100} triệu đồng.")
        variant = dataclasses.replace(article, title=f"{article.title} (bài {n})",
                                      paragraphs=(*article.paragraphs, unique))
        path = f"/tin/{article.slug}-{n}.html"
        server.add(path, TEMPLATES[n % len(TEMPLATES)](variant, "{base}", "{base}" + path))
        urls.append(server.url(path))
    now = dt.datetime.now(dt.timezone.utc).isoformat()
    entries = "".join(f"<url><loc>{u}</loc><lastmod>{now}</lastmod></url>" for u in urls)
    server.add("/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
               f'schemas/sitemap/0.9">{entries}</urlset>', content_type="application/xml")
    server.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    return urls


def plain_scrapy(urls: list[str], workdir: Path) -> dict:
    crawl = CrawlSettings(download_delay_s=0, autothrottle_start_delay_s=0, concurrent_per_domain=16)
    settings = {k: v for k, v in scrapy_settings(crawl).items()
                if k not in ("DOWNLOADER_MIDDLEWARES", "ITEM_PIPELINES", "EXTENSIONS")}
    (workdir / "urls.txt").write_text("\n".join(urls), encoding="utf-8")
    started = time.monotonic()
    out = subprocess.run([sys.executable, str(ROOT / "bench" / "plain_fetch.py"), str(workdir / "urls.txt"),
                          json.dumps(settings)], capture_output=True, text=True, check=True, cwd=workdir)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall"] = time.monotonic() - started
    return result


def diembao_crawl(server: FixtureServer, count: int, database_url: str, workdir: Path) -> dict:
    sources = workdir / "sources.yaml"
    sources.write_text(yaml.safe_dump({"sources": [{
        "name": "bench", "kind": "sitemap", "type": "provincial_press", "url": server.url("/sitemap.xml"),
        "options": {"max_entries": count + 10}}]}), encoding="utf-8")
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("DIEMBAO_")}, **CRAWL,
           "DIEMBAO_DATABASE_URL": database_url}
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "bot", "crawl", "--sources", str(sources)], env=env, cwd=workdir,
                   capture_output=True, text=True, check=True)
    wall = time.monotonic() - started
    database = Database(database_url)
    with database.session() as session:
        items = session.scalar(select(func.count()).select_from(Item))
        run = session.scalars(select(CrawlRun)).one()
        seconds = (run.finished_at - run.started_at).total_seconds()
    database.dispose()
    return {"pages": items, "seconds": seconds, "wall": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, FixtureServer() as server:
        workdir = Path(tmp)
        urls = build_site(server, args.articles)
        plain = plain_scrapy(urls, workdir)
        ours = diembao_crawl(server, args.articles, args.database_url or f"sqlite:///{workdir / 'bench.db'}", workdir)
    plain_rate, our_rate = plain["pages"] / plain["seconds"], ours["pages"] / ours["seconds"]
    print(f"fixture site: {args.articles} articles on 127.0.0.1, {os.cpu_count()} CPUs")
    print(f"plain Scrapy fetch:              {plain['pages']:5d} pages   in {plain['seconds']:6.1f} s = "
          f"{plain_rate:7.1f} pages/s  (process wall {plain['wall']:.1f} s)")
    print(f"diembao crawl+extract+store:     {ours['pages']:5d} articles in {ours['seconds']:6.1f} s = "
          f"{our_rate:7.1f} articles/s (process wall {ours['wall']:.1f} s)")
    print(f"ratio diembao / plain Scrapy:    {our_rate / plain_rate:.3f}")


if __name__ == "__main__":
    main()
