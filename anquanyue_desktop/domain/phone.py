"""Chinese phone numbers as clerks write them on liaison forms."""

from __future__ import annotations

import re
import unicodedata

# Mobile: 11 digits, 1 then 3–9 (all current carriers' prefixes).
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
# Landline: optional area code 0 + 2–3 digits, then 7–8 digits, optional extension.
_LANDLINE = re.compile(r"^(?:0\d{2,3}-?)?[2-9]\d{6,7}(?:(?:-|转)\d{1,6})?$")


def normalize_phone(text: str) -> str:
    """Full-width digits to ASCII; spaces and brackets around the area code removed."""
    text = unicodedata.normalize("NFKC", text).strip()
    text = re.sub(r"[\s]", "", text)
    text = re.sub(r"^\((0\d{2,3})\)", r"\1-", text)
    return text.replace("—", "-").replace("－", "-")


def is_mobile(text: str) -> bool:
    return bool(_MOBILE.match(normalize_phone(text)))


def is_landline(text: str) -> bool:
    return bool(_LANDLINE.match(normalize_phone(text)))


def phone_problem(text: str) -> str | None:
    """A Chinese message if ``text`` is neither a mobile nor a landline number, else None."""
    value = normalize_phone(text)
    if not value:
        return None
    if is_mobile(value) or is_landline(value):
        return None
    digits = re.sub(r"\D", "", value)
    if value.startswith("1") and len(digits) != 11:
        return f"手机号码应为11位数字，“{text}”有{len(digits)}位"
    return f"“{text}”不是有效的电话号码（手机11位，座机如 0355-6627527）"
