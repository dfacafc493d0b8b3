"""Turn pydantic validation errors into located, Vietnamese problems."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from config.yamlfile import ConfigError, Problem, YamlDocument

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": "chuỗi ký tự",
    "int_type": "số nguyên",
    "int_parsing": "số nguyên",
    "float_type": "số",
    "float_parsing": "số",
    "bool_type": "true/false",
    "bool_parsing": "true/false",
    "list_type": "danh sách",
    "dict_type": "ánh xạ (khóa: giá trị)",
    "model_type": "ánh xạ (khóa: giá trị)",
    "date_type": "ngày (YYYY-MM-DD)",
    "date_from_datetime_parsing": "ngày (YYYY-MM-DD)",
    "date_parsing": "ngày (YYYY-MM-DD)",
    "url_parsing": "địa chỉ URL",
    "url_scheme": "địa chỉ URL http(s)",
}


def describe(error: dict[str, Any]) -> str:
    kind = error["type"]
    got = error.get("input")
    shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
    if kind == "missing":
        return "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        return "khóa không có trong lược đồ (viết sai tên hoặc không được hỗ trợ)"
    if kind in ("literal_error", "enum"):
        expected = str(error.get("ctx", {}).get("expected", "")).replace(" or ", ", ")
        return f"giá trị {shown} không hợp lệ; cần một trong: {expected}"
    if kind in _TYPE_NAMES:
        return f"sai kiểu: cần {_TYPE_NAMES[kind]}, nhận {shown}"
    if kind == "value_error":
        return str(error.get("ctx", {}).get("error", error["msg"]))
    return f"{error['msg']} (nhận {shown})"


def problems_from(error: ValidationError, doc: YamlDocument, prefix: tuple = ()) -> list[Problem]:
    out = []
    for e in error.errors():
        loc = prefix + tuple(p for p in e["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        out.append(doc.problem(loc, describe(e)))
    return out


def validate_document(model: type[M], doc: YamlDocument, prefix: tuple = ()) -> M:
    """Validate `doc.data` (or its part at `prefix`) against `model`, raising located problems."""
    data = doc.data
    for key in prefix:
        data = data[key]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError([doc.problem(prefix, "cần một ánh xạ (khóa: giá trị) ở cấp cao nhất")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(problems_from(exc, doc, prefix)) from None
