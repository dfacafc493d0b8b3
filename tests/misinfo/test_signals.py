import pytest

from nlp.signals import detect, suspicious_links


def codes(text):
    return {s.code: s for s in detect(text)}


def test_rumour_post_shows_every_sign_quoted_as_written():
    found = codes("CHIA SẺ GẤP!!! Nghe nói Bệnh viện tỉnh đang có ổ dịch lạ nhưng bị giấu nhẹm. "
                  "Đăng ký nhận hỗ trợ tại dichvucong-khanhhoa.gov-vn.cc/dk")
    assert set(found) == {"call_to_share", "sensational", "hearsay", "cover_up", "suspicious_link",
                          "unsourced_health", "unsourced_money"}
    assert found["call_to_share"].evidence == ("CHIA SẺ GẤP",)
    assert "“CHIA SẺ GẤP”" in found["call_to_share"].reason
    assert found["hearsay"].evidence == ("Nghe nói",)
    assert "“giấu nhẹm”" in found["cover_up"].reason
    assert "dichvucong-khanhhoa.gov-vn.cc" in found["suspicious_link"].reason
    assert "dịch bệnh, sức khỏe" in found["unsourced_health"].reason


def test_text_without_diacritics_is_read_the_same():
    found = codes("chia se gap cho nguoi than: nghe noi sap cat dien toan tinh 3 ngay")
    assert {"call_to_share", "hearsay", "unsourced_disaster"} <= set(found)


def test_official_source_and_calm_press_text_raise_nothing():
    assert detect("Theo thông báo của Sở Y tế, ổ dịch sốt xuất huyết tại phường Tây Nha Trang đã được khoanh vùng.") == []
    assert detect("Xem chi tiết tại https://khanhhoa.gov.vn/thong-bao: lịch tạm ngừng cấp điện ngày 20/6.") == []
    assert detect("Nha Trang đón hơn nửa triệu lượt khách quốc tế trong quý I.") == []


@pytest.mark.parametrize("text, code", [
    ("TIN KHẨN: SÓNG THẦN SẮP ĐỔ BỘ VÀO BỜ BIỂN NHA TRANG TRONG ĐÊM NAY", "sensational"),
    ("🆘 Mọi người cẩn thận", "sensational"),
    ("Chủ tịch xã bị bắt vì nhận hối lộ, người quen kể lại", "unsourced_officials"),
    ("Huy động vốn lãi 5% mỗi tháng, cam kết hoàn vốn sau 6 tháng", "unsourced_money"),
    ("Đập thủy điện sắp vỡ, dân hạ du phải sơ tán", "unsourced_disaster"),
])
def test_each_sign(text, code):
    assert code in codes(text)


def test_suspicious_links():
    text = "Xem bit.ly/abc, https://dichvucong.gov.vn/p, https://congan-khanhhoa.com/x và https://baokhanhhoa.vn/a"
    assert suspicious_links(text) == ["bit.ly", "congan-khanhhoa.com"]
