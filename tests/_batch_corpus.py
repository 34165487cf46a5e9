"""Small generated corpora for the batch tests (sentences written for the tests, not from the corpus)."""

from __future__ import annotations

import codecs
import gzip
import random
import unicodedata
from pathlib import Path

import orjson

_SENTENCES = [
    "Thực hiện Chỉ thị số {n}-CT/TW ngày {d}/{m}/{y} của Ban Bí thư, Đảng ủy xã đã xây dựng kế hoạch cụ thể.",
    "Ngày {d}/{m}/{y}, Ban Thường vụ Huyện ủy tổ chức hội nghị sơ kết việc thực hiện Nghị quyết số {n}-NQ/HU.",
    "Căn cứ Quyết định số {n}/QĐ-UBND ngày {d} tháng {m} năm {y} của Ủy ban nhân dân tỉnh về việc giao chỉ tiêu.",
    "Các chi bộ tiếp tục quán triệt, triển khai Kết luận số {n}-KL/TW đến toàn thể cán bộ, đảng viên.",
    "Trong năm, toàn Đảng bộ kết nạp được {n} đảng viên mới, đạt {p}% chỉ tiêu đề ra.",
    "Công tác kiểm tra, giám sát được duy trì thường xuyên, đúng quy định của Điều lệ Đảng.",
    "Hướng dẫn số {n}-HD/BTGTU ngày {d}/{m}/{y} nêu rõ nội dung sinh hoạt chuyên đề của các chi bộ.",
    "Ủy ban Kiểm tra Tỉnh ủy đề nghị các tổ chức đảng báo cáo kết quả trước ngày {d}/{m}/{y}.",
]


def make_text(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        s = rng.choice(_SENTENCES).format(
            n=rng.randint(1, 300),
            d=rng.randint(1, 28),
            m=rng.randint(1, 12),
            y=rng.randint(2005, 2025),
            p=rng.randint(50, 120),
        )
        out.append(s)
        if rng.random() < 0.2:
            out.append("\n")
    return " ".join(out).replace(" \n ", "\n")


def make_tree(root: Path, n: int, seed: int = 7, sentences: tuple[int, int] = (2, 12)) -> list[str]:
    """``n`` texts under ``root`` in a few sub-folders, with some encodings to decode; returns rel paths."""
    rng = random.Random(seed)
    rels = []
    for i in range(n):
        text = make_text(rng, rng.randint(*sentences))
        rel = f"{['a', 'b', 'b/c', 'd-e'][i % 4]}/doc{i:04d}.txt"
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if i % 17 == 3:
            data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        elif i % 23 == 5:
            data = unicodedata.normalize("NFD", text).encode()
        elif i % 29 == 7:
            data = "Quyết định số 12/QĐ-TTg".encode("cp1258", errors="replace") + b"\xff"
        else:
            data = text.encode()
        p.write_bytes(data)
        rels.append(rel)
    return rels


def make_jsonl(
    path: Path, n: int, seed: int = 11, id_field: str = "id", text_field: str = "text", bad: bool = True
) -> None:
    """``n`` documents as JSON Lines (gzip when the name ends in .gz), with a few bad lines when ``bad``."""
    rng = random.Random(seed)
    lines = []
    for i in range(n):
        lines.append(orjson.dumps({id_field: f"doc/{i}", text_field: make_text(rng, rng.randint(1, 8))}))
        if bad and i % 37 == 4:
            lines.append(b'{"id": "broken", "text": "Ch\xe1')  # cut in the middle of a character
        if bad and i % 41 == 9:
            lines.append(b"")  # a blank line is not a document
    data = b"\n".join(lines) + b"\n"
    if path.name.endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    path.write_bytes(data)
