"""HTTP for the parts that read the web: the polite fetcher (fetch.py) that `ingest` uses for a URL and `crawl`
for a site, kept below both so that neither reaches into the other."""
