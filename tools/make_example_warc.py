"""Write examples/crawl.warc.gz: two HTTP response records (plus their requests) for `make run`.

The article texts are illustrative, written for the newsevents examples.  Run from the
repository root: ``.venv/bin/python tools/make_example_warc.py``.  Never imported by the package.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

OUTPUT = Path(__file__).resolve().parents[1] / "examples" / "crawl.warc.gz"

PAGES = [
    (
        "https://news.example.org/2024/05/06/ceasefire-talks",
        "Envoys meet for ceasefire talks",
        "2024-05-06",
        (
            "GENEVA (AP) - Envoys from both warring parties met in Geneva on Monday for a first "
            "round of ceasefire talks mediated by the United Nations, diplomats said.</p><p>The UN "
            "envoy said the talks would focus on a truce around the port city and on the exchange of "
            "prisoners. Neither delegation spoke to reporters after the meeting."
        ),
    ),
    (
        "https://news.example.org/2024/05/07/election-results",
        "Electoral commission delays results",
        "2024-05-07",
        (
            "The electoral commission postponed the announcement of presidential election results "
            "on Tuesday, citing delays in counting ballots from remote districts.</p><p>Opposition "
            "leaders accused the commission of stalling and urged supporters to stay calm. The "
            "commission said final results would be published by Friday."
        ),
    ),
]


def page_html(title: str, date: str, body: str) -> bytes:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta name='date' content='{date}'>"
        "<meta property='og:site_name' content='Example News Online'></head>"
        f"<body><nav>Home | World</nav><article><h1>{title}</h1><p>{body}</p></article>"
        "<footer>Example News Online</footer></body></html>"
    ).encode()


def main() -> None:
    with OUTPUT.open("wb") as output:
        writer = WARCWriter(output, gzip=True)
        for url, title, date, body in PAGES:
            request_headers = StatusAndHeaders(
                f"GET {url[url.index('/', 8) :]} HTTP/1.1",
                [("Host", "news.example.org"), ("User-Agent", "newsevents-example")],
                is_http_request=True,
            )
            writer.write_record(
                writer.create_warc_record(url, "request", http_headers=request_headers)
            )
            payload = page_html(title, date, body)
            response_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(payload))),
                ],
                protocol="HTTP/1.1",
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=response_headers
            )
            writer.write_record(record)
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
