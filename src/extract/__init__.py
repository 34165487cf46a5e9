"""extract: documents cited, dates, meetings and figures in Vietnamese Party and State texts.

Public API::

    import extract
    record = extract.extract_text("Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị ...")
    record.references[0].symbol        # '05-CT/TW'
    extract.extract_file("a.txt"); extract.extract_folder("texts/")
"""

from .api import extract_bytes, extract_file, extract_folder, extract_text
from .models import SCHEMA_VERSION, Date, Figure, Meeting, Record, Reference
from .output import dumps
from .rules import RuleError, RuleSet, load_rules

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Date",
    "Figure",
    "Meeting",
    "Record",
    "Reference",
    "RuleError",
    "RuleSet",
    "dumps",
    "extract_bytes",
    "extract_file",
    "extract_folder",
    "extract_text",
    "load_rules",
    "__version__",
]
