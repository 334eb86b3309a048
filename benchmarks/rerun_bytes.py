"""What a filter click sends to the browser, message by message (issue 20: bytes per rerun).

The same visit as `benchmarks/browser.py` (Debian's chromium, 1366x768): the app, a generated XLSX uploaded, then
the last commodity of the sidebar's first multiselect picked. Every websocket frame the browser receives during
that click is a Streamlit ForwardMsg; each is decoded and listed with its size, what it is (an element's type, a
reference to a copy the browser holds, a block, the run's bookkeeping) and a few words of what it shows, then
summed by kind. Bytes are deterministic for a given dataset and click, whatever the machine's load.

    .venv/bin/python benchmarks/rerun_bytes.py [--rows 10000] [--app app.py] [--list]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import browser  # noqa: E402
import generate  # noqa: E402


def describe(msg: ForwardMsg) -> tuple[str, str]:
    """A ForwardMsg -> (its kind, a few words of what it shows)."""
    kind = msg.WhichOneof("type")
    if kind == "ref_hash":
        return "reference (cached in the browser)", msg.ref_hash[:12]
    if kind != "delta":
        return kind or "?", ""
    delta = msg.delta
    which = delta.WhichOneof("type")
    if which == "add_block":
        return "block", delta.add_block.WhichOneof("type") or ""
    if which != "new_element":
        return which or "?", ""
    element = delta.new_element
    name = element.WhichOneof("type") or "?"
    proto = getattr(element, name)
    words = ""
    for field in ("label", "body", "spec"):
        if hasattr(proto, field) and getattr(proto, field):
            words = str(getattr(proto, field))[:60].replace("\n", " ")
            break
    return name, words


def click_frames(app: Path, rows: int) -> tuple[list[bytes], int]:
    """The frames the browser receives while a filter click's rerun is drawn, after uploading `rows` rows, and the
    bytes it sends meanwhile (its rerun request, which lists the hashes of the messages it holds)."""
    path = generate.ensure(ROOT / "benchmarks" / "out", rows, "xlsx" if rows < 1_000_000 else "csv")
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="pekalongan-bytes-") as tmp:
        chromium = p.chromium.launch(executable_path=shutil.which("chromium"), args=browser.CHROMIUM_ARGS)
        try:
            with browser.serve(app, Path(tmp)) as base:
                visit = browser.Visit(chromium)
                frames: list[bytes] = []
                sent: list[int] = []
                visit.page.on("websocket", lambda ws: (
                    ws.on("framereceived", lambda payload: frames.append(payload)),
                    ws.on("framesent", lambda payload: sent.append(len(payload)))))
                visit.timed(lambda: visit.page.goto(base))
                browser.upload(visit, path)
                visit.quiet()
                frames.clear()
                sent.clear()
                browser.filter_click(visit)
                visit.close()
                return [f if isinstance(f, bytes) else f.encode() for f in frames], sum(sent)
        finally:
            chromium.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--app", type=Path, default=ROOT / "app.py")
    parser.add_argument("--list", action="store_true", help="every message, not only the sums by kind")
    args = parser.parse_args(argv)
    frames, sent = click_frames(args.app.resolve(), args.rows)
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for frame in frames:
        kind, words = describe(ForwardMsg.FromString(frame))
        sums[kind][0] += 1
        sums[kind][1] += len(frame)
        if args.list:
            print(f"{len(frame):7d}  {kind:34s} {words}")
    total = sum(len(f) for f in frames)
    print(f"\nfilter click at {args.rows:,} rows: {len(frames)} messages, {total / 1000:.1f} KB received, "
          f"{sent / 1000:.1f} KB sent")
    for kind, (count, size) in sorted(sums.items(), key=lambda item: -item[1][1]):
        print(f"{size / 1000:7.1f} KB  {count:3d} x {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
