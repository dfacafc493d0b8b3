"""Hand-written reports of provincial events, several outlets and platforms per event, for the story tests.

Each entry: (event, hours after the start, source_type, platform, outlet, title, text, topics, places)."""

from __future__ import annotations

REPORTS = [
    ("khanh_le", 0, "provincial_press", None, "Báo Khánh Hòa",
     "Sạt lở nghiêm trọng trên đèo Khánh Lê, giao thông Nha Trang - Đà Lạt bị chia cắt",
     "Mưa lớn kéo dài từ đêm qua khiến hàng nghìn mét khối đất đá đổ xuống mặt đường đèo Khánh Lê (huyện Khánh "
     "Vĩnh cũ), nhiều đoạn bị vùi lấp hoàn toàn. Lực lượng chức năng đã phong tỏa hai đầu đèo.",
     ["traffic", "environment"], ["Khánh Vĩnh"]),
    ("khanh_le", 3, "central_press", None, "VnExpress",
     "Đèo Khánh Lê sạt lở, cấm xe qua lại",
     "Chiều 15/11, Sở Giao thông vận tải Khánh Hòa thông báo tạm dừng lưu thông qua đèo Khánh Lê trên quốc lộ 27C "
     "do sạt lở đất đá sau mưa lớn, đề nghị người dân đi Đà Lạt chọn tuyến khác.",
     ["traffic"], ["Khánh Vĩnh"]),
    ("khanh_le", 20, "central_press", None, "Tuổi Trẻ",
     "Khẩn trương khắc phục sạt lở trên đèo Khánh Lê",
     "Hàng chục máy xúc được huy động dọn đất đá trên đèo Khánh Lê; dự kiến thông xe tạm một làn trong 2 ngày tới "
     "nếu trời không tiếp tục mưa lớn.",
     ["traffic", "environment"], ["Khánh Vĩnh"]),
    ("khanh_le", 5, "social", "facebook", "Nha Trang 24h",
     None,
     "Ai đi Đà Lạt né đèo Khánh Lê ra nha, sạt lở to lắm, đất đá lấp hết đường, công an chặn hai đầu rồi. "
     "Đi vòng qua Phan Rang cho an toàn mọi người ơi",
     ["traffic"], []),
    ("khanh_le", 6, "social", "facebook", "Hội những người yêu Nha Trang",
     None,
     "Sạt lở nghiêm trọng trên đèo Khánh Lê, giao thông Nha Trang - Đà Lạt bị chia cắt. Mưa lớn kéo dài từ đêm qua "
     "khiến hàng nghìn mét khối đất đá đổ xuống mặt đường đèo Khánh Lê, nhiều đoạn bị vùi lấp hoàn toàn.",
     ["traffic", "environment"], ["Khánh Vĩnh"]),
    ("khach_quoc_te", 2, "provincial_press", None, "Báo Khánh Hòa",
     "Khánh Hòa đón hơn 1 triệu lượt khách quốc tế trong 5 tháng đầu năm",
     "Theo Sở Du lịch, lượng khách quốc tế đến Nha Trang tăng mạnh so với cùng kỳ, chủ yếu từ Hàn Quốc và Trung "
     "Quốc; doanh thu du lịch ước đạt hơn 17.000 tỷ đồng.",
     ["tourism"], ["Nha Trang"]),
    ("khach_quoc_te", 9, "central_press", None, "Thanh Niên",
     "Du lịch Khánh Hòa khởi sắc: 1 triệu lượt khách quốc tế sau 5 tháng",
     "Ngành du lịch tỉnh cho biết khách Hàn Quốc chiếm tỷ lệ lớn nhất trong hơn 1 triệu lượt khách quốc tế, nhiều "
     "khách sạn ở Nha Trang kín phòng dịp cuối tuần.",
     ["tourism"], ["Nha Trang"]),
    ("khach_quoc_te", 30, "central_press", None, "Dân Trí",
     "Hơn 1 triệu lượt khách quốc tế đến Khánh Hòa, Hàn Quốc dẫn đầu",
     "Trong 5 tháng đầu năm, Khánh Hòa đón hơn 1 triệu lượt khách quốc tế; thị trường Hàn Quốc tiếp tục dẫn đầu, "
     "theo sau là Trung Quốc và Nga.",
     ["tourism"], ["Nha Trang"]),
    ("tai_nan_cam_ranh", 4, "provincial_press", None, "Báo Khánh Hòa",
     "Xe tải tông xe máy trên quốc lộ 1A đoạn qua Cam Ranh, 2 người tử vong",
     "Khoảng 6 giờ sáng nay, xe tải chở cát va chạm với xe máy tại xã Cam Thịnh Đông, TP Cam Ranh cũ, khiến hai "
     "người đi xe máy tử vong tại chỗ.",
     ["traffic"], ["Cam Ranh"]),
    ("tai_nan_cam_ranh", 8, "central_press", None, "VnExpress",
     "Hai người chết sau va chạm với xe tải chở cát ở Cam Ranh",
     "Xe máy chở hai người bị xe tải chở cát tông trên quốc lộ 1A qua xã Cam Thịnh Đông; cả hai nạn nhân tử vong. "
     "Tài xế xe tải đã đến công an trình diện.",
     ["traffic"], ["Cam Ranh"]),
    ("tai_nan_cam_ranh", 7, "social", "facebook", "Cam Ranh Online",
     None,
     "Thương quá, sáng nay tai nạn xe tải chở cát với xe máy ở Cam Thịnh Đông, hai người mất tại chỗ. "
     "Đoạn quốc lộ này xe tải chạy ẩu lắm rồi.",
     ["traffic"], ["Cam Ranh"]),
    ("lat_xe_ninh_hoa", 10, "provincial_press", None, "Báo Khánh Hòa",
     "Lật xe khách trên quốc lộ 1A qua Ninh Hòa, 12 hành khách bị thương",
     "Rạng sáng, xe khách giường nằm chạy tuyến Sài Gòn - Quảng Ngãi lật nghiêng xuống ruộng tại phường Ninh "
     "Giang, thị xã Ninh Hòa cũ; 12 hành khách bị thương được đưa đi cấp cứu.",
     ["traffic"], ["Ninh Hòa"]),
    ("lat_xe_ninh_hoa", 13, "central_press", None, "Tuổi Trẻ",
     "Xe khách giường nằm lật ở Ninh Hòa, nhiều hành khách bị thương",
     "Xe khách giường nằm lật nghiêng bên quốc lộ 1A đoạn qua phường Ninh Giang khiến 12 hành khách bị thương, "
     "nghi do tài xế buồn ngủ.",
     ["traffic"], ["Ninh Hòa"]),
    ("den_bu_cam_lam", 12, "provincial_press", None, "Báo Khánh Hòa",
     "Người dân Cam Hải Tây kiến nghị về giá bồi thường dự án khu đô thị",
     "Nhiều hộ dân xã Cam Hải Tây (Cam Lâm cũ) cho rằng đơn giá bồi thường đất nông nghiệp của dự án khu đô thị "
     "ven đầm Thủy Triều quá thấp so với giá thị trường.",
     ["land"], ["Cam Lâm"]),
    ("den_bu_cam_lam", 26, "central_press", None, "Pháp Luật TP.HCM",
     "Dự án khu đô thị ven đầm Thủy Triều: dân Cam Hải Tây chưa đồng thuận giá bồi thường",
     "Tại buổi đối thoại, người dân Cam Hải Tây đề nghị tính lại giá bồi thường đất nông nghiệp cho dự án khu đô "
     "thị ven đầm Thủy Triều; chính quyền hứa xem xét.",
     ["land"], ["Cam Lâm"]),
    ("den_bu_cam_lam", 28, "forum", None, "Diễn đàn Nhà đất Khánh Hòa",
     "Giá bồi thường ven đầm Thủy Triều có thấp thật không?",
     "Nhà mình có 2 sào ở Cam Hải Tây nằm trong dự án khu đô thị ven đầm Thủy Triều, giá bồi thường đất nông nghiệp "
     "đưa ra thấp quá, anh em nào cùng cảnh cho xin kinh nghiệm kiến nghị.",
     ["land"], ["Cam Lâm"]),
    ("ngo_doc", 15, "provincial_press", None, "Báo Khánh Hòa",
     "Hơn 40 học sinh tiểu học ở Nha Trang nghi ngộ độc sau bữa ăn bán trú",
     "Sau bữa trưa bán trú, hơn 40 học sinh Trường Tiểu học Vĩnh Hải có biểu hiện đau bụng, nôn ói và được đưa đến "
     "Bệnh viện Đa khoa tỉnh.",
     ["health", "education"], ["Nha Trang"]),
    ("ngo_doc", 18, "central_press", None, "VnExpress",
     "40 học sinh nhập viện nghi ngộ độc thực phẩm ở Nha Trang",
     "Các em học sinh Trường Tiểu học Vĩnh Hải đau bụng, nôn ói sau bữa ăn bán trú; ngành y tế đã lấy mẫu thức ăn "
     "để xét nghiệm.",
     ["health"], ["Nha Trang"]),
    ("ngo_doc", 40, "central_press", None, "Thanh Niên",
     "Vụ học sinh ngộ độc ở Nha Trang: đình chỉ đơn vị cung cấp suất ăn bán trú",
     "Sau vụ hơn 40 học sinh Trường Tiểu học Vĩnh Hải nhập viện, cơ quan chức năng đình chỉ hoạt động đơn vị cung "
     "cấp suất ăn bán trú để điều tra.",
     ["health", "education"], ["Nha Trang"]),
    ("cat_dien", 16, "social", "facebook", "Phan Rang Quê Tôi",
     None,
     "NÓNG: toàn bộ TP Phan Rang sẽ bị cắt điện 3 ngày liên tục từ thứ hai để sửa trạm biến áp, mọi người tích "
     "nước tích đồ ăn đi, chia sẻ cho người thân biết gấp!!!",
     ["economy"], ["Phan Rang - Tháp Chàm"]),
    ("cat_dien", 17, "social", "tiktok", "phanrang.review",
     None,
     "Nghe nói Phan Rang cắt điện 3 ngày liên tục từ thứ hai để sửa trạm biến áp, ai biết thông tin chính xác "
     "không ạ, chia sẻ gấp cho mọi người chuẩn bị",
     ["economy"], ["Phan Rang - Tháp Chàm"]),
    ("cat_dien", 22, "provincial_press", None, "Báo Khánh Hòa",
     "Điện lực bác bỏ tin đồn cắt điện 3 ngày ở Phan Rang",
     "Công ty Điện lực khẳng định thông tin Phan Rang bị cắt điện 3 ngày liên tục để sửa trạm biến áp lan truyền "
     "trên mạng xã hội là không đúng sự thật.",
     ["economy"], ["Phan Rang - Tháp Chàm"]),
    ("kate", 35, "provincial_press", None, "Báo Khánh Hòa",
     "Rộn ràng Lễ hội Katê của đồng bào Chăm tại tháp Pô Klong Garai",
     "Hàng nghìn người dân và du khách đã đến tháp Pô Klong Garai dự Lễ hội Katê, lễ hội truyền thống lớn nhất "
     "trong năm của đồng bào Chăm.",
     ["culture", "religion"], ["Phan Rang - Tháp Chàm"]),
    ("kate", 38, "central_press", None, "Vietnamplus",
     "Đồng bào Chăm đón Lễ hội Katê tại tháp Pô Klong Garai",
     "Lễ rước y phục được tổ chức trang trọng tại tháp Pô Klong Garai, mở đầu Lễ hội Katê với nhiều hoạt động văn "
     "hóa đặc sắc của đồng bào Chăm.",
     ["culture"], ["Phan Rang - Tháp Chàm"]),
    ("dau_tu", 24, "portal", None, "Cổng TTĐT tỉnh Khánh Hòa",
     "UBND tỉnh trao quyết định chủ trương đầu tư cho 12 dự án",
     "Tại hội nghị xúc tiến đầu tư, UBND tỉnh Khánh Hòa trao quyết định chủ trương đầu tư cho 12 dự án với tổng "
     "vốn hơn 20.000 tỷ đồng.",
     ["economy", "government"], []),
    ("sau_rieng", 27, "central_press", None, "Vnexpress",
     "Giá sầu riêng Khánh Sơn giảm mạnh đầu vụ",
     "Nhà vườn ở Khánh Sơn cho biết giá sầu riêng đầu vụ chỉ còn khoảng 60.000 đồng mỗi kg, giảm gần một nửa so với "
     "năm ngoái.",
     ["economy"], ["Khánh Sơn"]),
    ("so_do", 29, "forum", None, "Diễn đàn Nhà đất Khánh Hòa",
     "Hỏi thủ tục tách sổ đỏ ở Diên Khánh",
     "Em muốn tách thửa 200m2 đất ở Diên Phú (Diên Khánh cũ) để cho con, cần chuẩn bị hồ sơ gì và mất bao lâu "
     "vậy các bác?",
     ["land"], ["Diên Khánh"]),
    # the same kind of event in the same place a day and a half later: a different event
    ("tai_nan_ba_ngoi", 40, "provincial_press", None, "Báo Khánh Hòa",
     "Xe container va chạm xe máy ở Cam Ranh, một người tử vong",
     "Tối qua, xe container lưu thông trên quốc lộ 1 qua phường Ba Ngòi đã va chạm với xe máy, khiến một thanh "
     "niên tử vong.",
     ["traffic"], ["Cam Ranh"]),
    ("tai_nan_ba_ngoi", 44, "central_press", None, "Tuổi Trẻ",
     "Thanh niên tử vong sau va chạm với xe container ở Ba Ngòi",
     "Nạn nhân điều khiển xe máy va chạm với xe container trên quốc lộ 1 đoạn qua phường Ba Ngòi, tử vong tại chỗ.",
     ["traffic"], ["Cam Ranh"]),
    ("gia_danh_cong_an", 5, "provincial_press", None, "Báo Khánh Hòa",
     "Cảnh giác chiêu giả danh công an gọi điện lừa đảo ở Nha Trang",
     "Một phụ nữ ở phường Phước Long bị kẻ gian giả danh công an gọi điện, yêu cầu chuyển 300 triệu đồng để "
     "\"chứng minh trong sạch\".",
     ["scam"], ["Nha Trang"]),
    ("gia_danh_cong_an", 9, "central_press", None, "Dân Trí",
     "Bị giả danh công an lừa 300 triệu đồng",
     "Người phụ nữ ở phường Phước Long, TP Nha Trang đã chuyển 300 triệu đồng cho kẻ giả danh công an qua điện "
     "thoại.",
     ["scam"], ["Nha Trang"]),
    ("viec_nhe", 30, "provincial_press", None, "Báo Khánh Hòa",
     "Nữ sinh ở Nha Trang mất 80 triệu vì việc nhẹ lương cao",
     "Một nữ sinh viên ở phường Vĩnh Hải tham gia làm nhiệm vụ online \"việc nhẹ lương cao\" và bị chiếm đoạt 80 "
     "triệu đồng.",
     ["scam"], ["Nha Trang"]),
    ("viec_nhe", 33, "social", "facebook", "Nha Trang 24h",
     None,
     "Lại thêm một bạn sinh viên ở Vĩnh Hải bị lừa 80 triệu vì nhận làm nhiệm vụ online việc nhẹ lương cao, mọi "
     "người cảnh giác nha",
     ["scam"], ["Nha Trang"]),
]
