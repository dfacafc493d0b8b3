"""Synthetic provincial news for the digest benchmark: events (sự việc) reported by several outlets and platforms,
each report worded differently, with reposts. Written for the benchmark; deterministic for a seed; not data.

Like real reports, the reports of one event share its particulars (the people, the exact spot, the object, the
figures), while the phrasing around them comes from a shared stock of newsroom sentences, so events of the same kind
in the same commune still look alike. As in a real province, a commune's events keep naming its same few hamlets, the
events of one day carry the same date, and the figures and the official sources quoted are those of the event's kind
(casualties for an accident, cases for an outbreak)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

PLACES = {
    "Nha Trang": ["phường Vĩnh Hải", "phường Lộc Thọ", "phường Phước Long", "xã Vĩnh Lương", "phường Vĩnh Nguyên"],
    "Cam Ranh": ["xã Cam Thịnh Đông", "phường Cam Nghĩa", "phường Ba Ngòi", "xã Cam Lập"],
    "Ninh Hòa": ["phường Ninh Giang", "xã Ninh Xuân", "xã Ninh Thọ", "xã Ninh Vân"],
    "Vạn Ninh": ["xã Vạn Thắng", "thị trấn Vạn Giã", "xã Vạn Hưng", "xã Đại Lãnh"],
    "Diên Khánh": ["xã Diên Phú", "xã Diên Lạc", "thị trấn Diên Khánh", "xã Suối Hiệp"],
    "Khánh Vĩnh": ["xã Khánh Hiệp", "xã Sơn Thái", "xã Khánh Bình"],
    "Khánh Sơn": ["xã Sơn Bình", "thị trấn Tô Hạp", "xã Thành Sơn"],
    "Cam Lâm": ["xã Cam Hải Tây", "xã Suối Tân", "xã Cam Đức", "xã Cam Thành Bắc"],
    "Phan Rang - Tháp Chàm": ["phường Đô Vinh", "phường Mỹ Bình", "phường Đạo Long", "phường Thanh Sơn"],
    "Ninh Hải": ["xã Vĩnh Hải", "xã Thanh Hải", "xã Nhơn Hải"],
    "Ninh Phước": ["xã Phước Hậu", "thị trấn Phước Dân", "xã An Hải"],
    "Ninh Sơn": ["thị trấn Tân Sơn", "xã Lâm Sơn", "xã Quảng Sơn"],
    "Bác Ái": ["xã Phước Bình", "xã Phước Đại"],
    "Thuận Nam": ["xã Cà Ná", "xã Phước Nam", "xã Phước Diêm"],
}
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Võ", "Đặng", "Huỳnh", "Phan", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Đức", "Ngọc", "Thanh", "Quốc", "Xuân", "Hoàng"]
GIVEN = ["Tư", "Hùng", "Lan", "Phúc", "Bình", "Nga", "Sơn", "Thảo", "Dũng", "Hạnh", "Khoa", "Vy", "Tâm", "Lộc",
         "Quân", "Trang", "Hiếu", "My", "Tài", "Yến", "Đạt", "Nhi", "Cường", "Oanh"]
HAMLETS = ["thôn Tân Xương", "thôn Hòa Thạnh", "tổ dân phố", "thôn Phú Thọ", "thôn Suối Cát", "khu phố", "thôn Đồng Bò",
           "thôn Lương Hòa", "thôn Xuân Sơn", "thôn Bình Tây"]
HAMLETS_PER_COMMUNE = 4  # a commune's own hamlets: its events keep naming the same few
ROADS = ["quốc lộ 1", "quốc lộ 27C", "quốc lộ 26", "đường 23/10", "đường Lê Hồng Phong", "tỉnh lộ 2", "đường Trần Phú",
         "đường Nguyễn Tất Thành", "quốc lộ 27", "đường Hùng Vương"]
COMPANIES = ["Hoàng Long", "Phú Quý", "Minh Tâm", "Sao Biển", "Hải Đăng", "Tân Phát", "Vạn Lộc", "Thành Công",
             "Bình Minh", "Ánh Dương", "Kim Ngân", "Đông Hải", "Trường Thịnh", "Phước Thành", "Nam Việt", "Hưng Thịnh"]
KINDS = {  # topic: sentiment, what happened, to what, the figures reports give, who reports it
    "traffic": ("negative", ["va chạm giữa xe {thing} và xe máy", "xe {thing} lật", "tai nạn liên hoàn có xe {thing}"],
                ["tải", "container", "khách giường nằm", "đầu kéo", "bồn chở xăng", "ben chở đá"],
                ["{n} người tử vong", "{n} người bị thương", "{n} phương tiện hư hỏng"],
                ["Công an {place}", "Đội Cảnh sát giao thông {place}"]),
    "environment": ("negative", ["sạt lở {thing}", "ngập sâu {thing}", "cây đổ chắn {thing}"],
                    ["bờ kè sông Cái", "taluy đường đèo", "bờ biển", "kênh thủy lợi", "đê bao", "khu dân cư"],
                    ["{n} hộ dân phải di dời", "{n} ngôi nhà bị ảnh hưởng", "{n} mét đường bị hư hỏng"],
                    ["UBND {commune}", "Ban Chỉ huy phòng, chống thiên tai {place}"]),
    "land": ("negative", ["tranh chấp đất tại {thing}", "kiến nghị giá bồi thường {thing}", "lấn chiếm đất {thing}"],
             ["dự án khu đô thị", "dự án khu dân cư", "đất rừng phòng hộ", "bãi biển công cộng", "đất nông nghiệp"],
             ["{n} hộ dân liên quan", "{n} ha đất bị ảnh hưởng", "{n} hộ chưa nhận tiền bồi thường"],
             ["UBND {commune}", "Phòng Tài nguyên và Môi trường {place}"]),
    "tourism": ("positive", ["lễ hội {thing} thu hút du khách", "khai trương {thing}", "tour {thing} mới"],
                ["ẩm thực biển", "khu vui chơi", "đảo", "làng nghề", "cà phê ven biển", "lặn ngắm san hô"],
                ["hơn {n}.000 lượt khách", "{n} gian hàng tham gia", "{n} đơn vị lữ hành tham gia"],
                ["Phòng Văn hóa và Thông tin {place}", "lãnh đạo UBND {place}"]),
    "health": ("negative", ["ngộ độc sau khi ăn {thing}", "ổ dịch {thing}", "cấp cứu vì {thing}"],
               ["bánh mì", "cá nóc", "nấm rừng", "sốt xuất huyết", "tay chân miệng", "rượu pha methanol"],
               ["{n} người nhập viện", "{n} ca mắc", "{n} người phải cấp cứu"],
               ["Trung tâm Y tế {place}", "Sở Y tế"]),
    "security": ("neutral", ["bắt nhóm {thing}", "khởi tố vụ {thing}", "truy bắt đối tượng {thing}"],
                 ["trộm cắp xe máy", "đánh bạc", "mua bán ma túy", "cho vay nặng lãi", "khai thác cát trái phép"],
                 ["{n} đối tượng bị bắt", "thu giữ {n} triệu đồng", "{n} người bị tạm giữ"],
                 ["Công an {place}", "Công an {commune}"]),
    "economy": ("positive", ["khởi công {thing}", "cấp phép {thing}", "khánh thành {thing}"],
                ["nhà máy điện gió", "khu nghỉ dưỡng", "cảng cá", "nhà máy chế biến thủy sản", "trung tâm thương mại"],
                ["tổng vốn {n}0 tỷ đồng", "tạo việc làm cho {n}0 lao động", "quy mô {n} ha"],
                ["lãnh đạo UBND {place}", "Sở Kế hoạch và Đầu tư"]),
    "scam": ("negative", ["lừa đảo qua {thing}", "chiếm đoạt tiền bằng {thing}", "cảnh báo {thing}"],
             ["cuộc gọi giả danh công an", "tin tuyển dụng việc nhẹ lương cao", "ứng dụng dịch vụ công giả",
              "sàn đầu tư tiền ảo", "vé máy bay giá rẻ"],
             ["{n} người bị lừa", "{n}0 triệu đồng bị chiếm đoạt", "{n} tài khoản bị phong tỏa"],
             ["Công an {place}", "Công an {commune}"]),
}
HEADLINES = ["{What} ở {commune}, {place}", "{place}: {what} tại {hamlet}", "Vụ {what} ở {commune}: {figure}",
             "{What} tại {hamlet}, {commune}", "{figure} sau vụ {what} ở {place}"]
LEADS = ["Vụ việc xảy ra tại {hamlet}, {commune} ({place}) vào {time}; {figure}.",
         "Theo {source}, vụ {what} xảy ra vào {time} tại {hamlet}, {commune}; {figure}.",
         "{Time}, tại {hamlet} ({commune}) đã xảy ra vụ {what}, {figure}.",
         "{Source} cho biết, {time}, tại {commune} ({place}) xảy ra vụ {what}; {figure}."]
DETAILS = ["{person} cho biết {remark}.", "Liên quan vụ việc, {person} đã được mời lên làm việc.",
           "Người dân {hamlet} phản ánh {remark}.", "Vụ việc có liên quan đến Công ty {company}.",
           "Địa điểm xảy ra vụ việc gần {road}.", "{Source} đang tiếp tục xác minh, làm rõ."]
REMARKS = ["sự việc đã được báo cáo lên cấp trên", "chính quyền đang khẩn trương xử lý", "đây không phải lần đầu",
           "thiệt hại ban đầu khá lớn", "cần làm rõ trách nhiệm các bên", "mọi người nên cẩn trọng"]
SOCIAL = ["Nghe nói {what} ở {hamlet} {commune} thật không mọi người?", "{What} ở {commune}, {figure}!!! chia sẻ",
          "Tin nóng {place}: {what}, {figure}", "Thương quá, {what} ở {hamlet} {commune}. {person} kể lại {remark}"]
OUTLETS = ([("provincial_press", f"Báo tỉnh {n}") for n in range(1, 5)]
           + [("central_press", f"Báo trung ương {n}") for n in range(1, 21)])
PORTALS = [("portal", f"Cổng thông tin {n}") for n in range(1, 6)]
PAGES = [("social", f"Trang cộng đồng {n}") for n in range(1, 151)]


@dataclass
class Report:
    event: int
    at: dt.datetime
    source_type: str
    platform: str | None
    outlet: str
    title: str | None
    text: str
    sentiment: str
    topics: list[str]
    places: list[str]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _hamlets(commune: str) -> list[str]:
    """The hamlets of a commune, the same in every event there."""
    local = random.Random(commune)
    return [f"{name} {local.randint(1, 9)}" for name in local.sample(HAMLETS, HAMLETS_PER_COMMUNE)]


def _event(rng: random.Random, begin: dt.datetime) -> tuple[str, str, dict]:
    topic = rng.choice(list(KINDS))
    sentiment, whats, things, figures, sources = KINDS[topic]
    place = rng.choice(list(PLACES))
    commune = rng.choice(PLACES[place])
    values = {
        "place": place, "commune": commune, "hamlet": rng.choice(_hamlets(commune)),
        "what": rng.choice(whats).format(thing=rng.choice(things)), "road": rng.choice(ROADS),
        "person": f"ông {rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
        "company": f"{rng.choice(COMPANIES)} {rng.choice(COMPANIES)}",
        "figure": rng.choice(figures).format(n=rng.randint(2, 95)),
        "time": f"{begin.hour} giờ ngày {begin.day}/{begin.month}",  # when it happened: shared by that day's events
        "remark": rng.choice(REMARKS),
    }
    values["source"] = rng.choice(sources).format(**values)
    for key in ("what", "time", "source"):
        values[key.capitalize()] = _cap(values[key])
    return topic, sentiment, values


def _size(rng: random.Random, mean: float) -> int:
    return min(200, 1 + int(rng.expovariate(1 / max(mean - 1, 0.1))))


def reports(events: int, items: int, start: dt.datetime, days: int = 7, seed: int = 7) -> list[Report]:
    """`items` reports of `events` events spread over `days` days from `start`, in arrival order."""
    rng = random.Random(seed)
    sizes = [_size(rng, items / events) for _ in range(events)]
    scale = items / sum(sizes)
    sizes = [max(1, round(s * scale)) for s in sizes]
    for n in range(abs(items - sum(sizes))):  # spread the rounding over the largest events
        sizes[sorted(range(events), key=lambda i: -sizes[i])[n % events]] += 1 if items > sum(sizes) else -1
    out: list[Report] = []
    last = start + dt.timedelta(days=days, seconds=-1)
    for event_id, size in enumerate(sizes):
        begin = start + dt.timedelta(seconds=rng.uniform(0, days * 86400 - 3 * 3600))
        topic, sentiment, values = _event(rng, begin)
        details = rng.sample(DETAILS, 4)
        written: list[Report] = []
        for _ in range(size):
            when = min(begin + dt.timedelta(hours=rng.expovariate(1 / 10)), last)
            kind = rng.random()
            common = dict(event=event_id, at=when, sentiment=sentiment, topics=[topic], places=[values["place"]])
            if written and kind < 0.1:  # a repost of an earlier report, lightly edited
                base = rng.choice(written)
                body = f"{base.title + '. ' if base.title else ''}{base.text} #{values['place'].replace(' ', '')}"
                out_type, outlet = rng.choice(PAGES)
                report = Report(**common, source_type=out_type, platform="facebook", outlet=outlet, title=None,
                                text=body)
            elif kind < 0.45:
                out_type, outlet = rng.choice(PAGES)
                report = Report(**common, source_type=out_type, platform=rng.choice(["facebook", "tiktok", "youtube"]),
                                outlet=outlet, title=None, text=rng.choice(SOCIAL).format(**values))
            else:
                out_type, outlet = rng.choice(PORTALS if kind > 0.95 else OUTLETS)
                body = " ".join([rng.choice(LEADS).format(**values),
                                 *(d.format(**values) for d in rng.sample(details, 2))])
                report = Report(**common, source_type=out_type, platform=None, outlet=outlet,
                                title=_cap(rng.choice(HEADLINES).format(**values)), text=body)
            written.append(report)
        out.extend(written)
    out.sort(key=lambda r: r.at)
    return out
