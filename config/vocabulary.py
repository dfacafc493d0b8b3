"""The product's fixed vocabulary: stable keys in code and storage, Vietnamese names on screen and paper."""

from __future__ import annotations

SENTIMENTS = {"positive": "Tích cực", "neutral": "Trung lập", "negative": "Tiêu cực"}
UNCERTAIN = "Chưa chắc chắn"
TOXICITY = {"CLEAN": "Bình thường", "OFFENSIVE": "Phản cảm, xúc phạm", "HATE": "Thù ghét, kích động"}
MISINFO = {"reliable": "Đáng tin cậy", "unreliable": "Nghi vấn sai sự thật"}

# Verdicts of the national anti-fake-news centre, used for claims and reviewer decisions.
VERDICTS = {"tin_gia": "Tin giả", "sai_su_that": "Tin sai sự thật", "xac_thuc": "Tin xác thực"}
REVIEW_VERDICTS = {**VERDICTS, "chua_du_co_so": "Chưa đủ cơ sở"}
RELEVANCE = {"relevant": "Liên quan tỉnh", "irrelevant": "Không liên quan"}
SOURCE_TYPES = {
    "provincial_press": "Báo chí địa phương",
    "central_press": "Báo chí Trung ương",
    "portal": "Cổng, trang thông tin điện tử",
    "social": "Mạng xã hội",
    "forum": "Diễn đàn",
    "tip": "Tin báo của cán bộ",
}

CLAIM_DOMAINS = {
    "policy_law": "Chính sách, pháp luật",
    "economy_finance": "Kinh tế, tài chính",
    "health": "Y tế",
    "disaster_epidemic": "Thiên tai, dịch bệnh",
    "security_order": "An ninh quốc gia, trật tự xã hội",
    "fake_account": "Tài khoản giả mạo",
    "scam_link": "Đường link lừa đảo",
    "other": "Khác",
}

FLAG_KINDS = {
    "misinformation": "Nghi tin sai sự thật",
    "harmful": "Thông tin xấu độc",
    "negative_press": "Báo chí phản ánh tiêu cực cần phản hồi",
    "watchlist": "Cá nhân, cơ quan bị nêu tiêu cực",
    "volume_spike": "Sự việc tăng đột biến",
    "silent_source": "Nguồn tin ngừng cập nhật",
}
SEVERITIES = {"low": "Thấp", "medium": "Trung bình", "high": "Cao", "critical": "Nghiêm trọng"}
SEVERITY_ORDER = ("low", "medium", "high", "critical")

# The department's workflow: mới → sàng lọc → xác minh → kết luận → xử lý → đóng.
FLAG_STATUSES = {
    "moi": "Mới",
    "sang_loc": "Sàng lọc",
    "xac_minh": "Xác minh",
    "ket_luan": "Kết luận",
    "xu_ly": "Xử lý",
    "dong": "Đóng",
}
OPEN_FLAG_STATUSES = ("moi", "sang_loc", "xac_minh", "ket_luan", "xu_ly")
CONCLUSIONS = {"vi_pham": "Vi phạm", "chua_du_co_so": "Chưa đủ cơ sở", "khong_vi_pham": "Không vi phạm"}
ACTIONS = {
    "nhac_nho": "Nhắc nhở, chấn chỉnh",
    "phan_bac": "Phản bác",
    "cai_chinh": "Đề nghị cải chính theo Luật Báo chí",
    "chuyen_cong_an": "Chuyển Công an",
    "de_nghi_go_bo": "Đề nghị gỡ bỏ",
    "bao_cao_nhanh": "Báo cáo nhanh UBND tỉnh",
}

REVIEW_TASKS = {
    "sentiment": SENTIMENTS,
    "toxicity": TOXICITY,
    "misinfo": REVIEW_VERDICTS,
    "relevance": RELEVANCE,
}  # "topic" takes the keys of the profile's taxonomy


def severity_at_least(severity: str, minimum: str) -> bool:
    return SEVERITY_ORDER.index(severity) >= SEVERITY_ORDER.index(minimum)
