"""Offsets are sacred: over every real document available, each span cuts its mention's text."""

from pathlib import Path

from extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "docs"


def _texts():
    # the shared corpus beside the checkout (as in CI); the project's own samples otherwise
    folder = CORPUS if CORPUS.is_dir() else ROOT / "samples"
    return sorted(folder.glob("*.txt"))


def test_every_span_cuts_its_text():
    files = _texts()
    assert files
    bad = []
    for path in files:
        from extract.decode import decode_bytes

        text = decode_bytes(path.read_bytes()).text
        rec = extract_file(path)
        lists = [rec.references, rec.dates, rec.meetings, rec.figures]
        mentions = [m for lst in lists for m in lst] + ([rec.doc_date] if rec.doc_date else [])
        for m in mentions:
            if text[m.span[0] : m.span[1]] != m.text:
                bad.append((path.name, m.span, m.text))
        for lst in lists:
            assert [m.span for m in lst] == sorted(m.span for m in lst), path.name
    assert bad == []
