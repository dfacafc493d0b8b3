"""Hand-written reports of different events in one district (Ninh Hòa) and on the same topics within three days:
two floods, two traffic accidents, a land dispute covered by four outlets and Facebook pages, and a festival. A check
for the story matcher (its thresholds are not set on these): same place, same topic, different events.

Each entry: (event, hours after the start, source_type, platform, outlet, title, text, topics)."""

from __future__ import annotations

REPORTS = [
    ("lu_ninh_xuan", 0, "provincial_press", None, "Báo Khánh Hòa",
     "Mưa lớn gây ngập sâu nhiều thôn ở xã Ninh Xuân",
     "Mưa lớn kéo dài từ chiều qua khiến nước sông Dinh dâng nhanh, nhiều nhà dân ở thôn Tân Phú và Phú Gia, xã "
     "Ninh Xuân (thị xã Ninh Hòa cũ) ngập sâu hơn 1 mét. Chính quyền xã đã di dời 46 hộ dân đến nơi an toàn.",
     ["environment"]),
    ("lu_ninh_xuan", 2, "social", "facebook", "Ninh Hòa Quê Tôi",
     None,
     "Nước lên nhanh quá bà con ơi, thôn Tân Phú Ninh Xuân ngập tới nóc tủ rồi, ai có ghe xuồng thì hỗ trợ mấy nhà "
     "có người già với.",
     ["environment"]),
    ("lu_ninh_xuan", 4, "central_press", None, "Tuổi Trẻ",
     "Nước sông Dinh lên nhanh, 46 hộ dân ở Ninh Xuân phải sơ tán trong đêm",
     "Lực lượng dân quân và công an xã Ninh Xuân dùng xuồng máy sơ tán 46 hộ dân thôn Tân Phú, Phú Gia khi nước "
     "sông Dinh tràn vào khu dân cư; một số đoạn tỉnh lộ 8 bị ngập, giao thông tạm chia cắt.",
     ["environment"]),
    ("lu_ninh_xuan", 9, "central_press", None, "VnExpress",
     "Ngập sâu ở Ninh Xuân, tỉnh lộ 8 bị chia cắt",
     "Sau một đêm mưa như trút, nước sông Dinh tràn bờ, nhấn chìm hàng chục ngôi nhà ở xã Ninh Xuân; người dân "
     "thôn Phú Gia phải kê cao đồ đạc, chuyển gia súc lên đồi.",
     ["environment"]),
    ("lu_ninh_xuan", 12, "social", "facebook", "Tin Tức Ninh Hòa 24h",
     None,
     "Cập nhật tình hình ngập ở xã Ninh Xuân: tỉnh lộ 8 đoạn qua thôn Phú Gia vẫn còn ngập, xe máy không qua được, "
     "bà con đi lại chú ý.",
     ["environment"]),
    ("lu_ninh_giang", 30, "provincial_press", None, "Báo Khánh Hòa",
     "Triều cường kết hợp mưa lớn, nhiều tuyến đường ở phường Ninh Giang ngập nặng",
     "Sáng nay, triều cường dâng cao cùng mưa lớn khiến các tuyến đường ven đầm Nha Phu thuộc phường Ninh Giang "
     "ngập từ 0,5 đến 0,8 mét; hơn 20 ghe thuyền bị sóng đánh hư hỏng.",
     ["environment"]),
    ("lu_ninh_giang", 33, "central_press", None, "Thanh Niên",
     "Triều cường tràn vào khu dân cư ven đầm Nha Phu",
     "Nước triều cường tràn qua bờ kè, chảy vào nhiều nhà dân ở tổ dân phố Mỹ Lương, phường Ninh Giang; ngư dân "
     "hối hả kéo ghe thuyền lên bờ tránh sóng.",
     ["environment"]),
    ("lu_ninh_giang", 35, "social", "facebook", "Ninh Hòa Quê Tôi",
     None,
     "Triều cường lên cao quá, đường ven đầm Nha Phu ở Mỹ Lương ngập hết, ghe của mấy nhà bị sóng đập vỡ. Chưa thấy "
     "năm nào nước lên như vầy.",
     ["environment"]),
    ("xe_tai_ninh_an", 6, "provincial_press", None, "Báo Khánh Hòa",
     "Xe tải va chạm xe máy trên quốc lộ 1 qua xã Ninh An, một người tử vong",
     "Khoảng 15 giờ chiều nay, xe tải chở dăm gỗ lưu thông trên quốc lộ 1 đoạn qua thôn Tân Mỹ, xã Ninh An thì va "
     "chạm với xe máy đi cùng chiều, khiến người điều khiển xe máy tử vong tại chỗ.",
     ["traffic"]),
    ("xe_tai_ninh_an", 8, "central_press", None, "Dân Trí",
     "Tông xe tải chở dăm gỗ, người đàn ông tử vong trên quốc lộ 1",
     "Người đàn ông 54 tuổi, trú xã Ninh An, chạy xe máy va chạm với xe tải chở dăm gỗ và tử vong tại chỗ; Công an "
     "thị xã Ninh Hòa cũ đang điều tra nguyên nhân.",
     ["traffic"]),
    ("xe_tai_ninh_an", 9, "social", "facebook", "Tin Tức Ninh Hòa 24h",
     None,
     "Tai nạn ở quốc lộ 1 đoạn Tân Mỹ, Ninh An chiều nay, xe tải chở dăm gỗ cán chú đi xe máy, tội nghiệp quá. Ai "
     "biết người nhà báo giúp.",
     ["traffic"]),
    ("xe_khach_ql26", 28, "provincial_press", None, "Báo Khánh Hòa",
     "Xe khách giường nằm lật trên quốc lộ 26, nhiều hành khách bị thương",
     "Rạng sáng nay, xe khách giường nằm chạy tuyến Buôn Ma Thuột - Nha Trang bị lật khi đổ dốc trên quốc lộ 26 đoạn "
     "qua xã Ninh Tây; 12 hành khách bị thương được đưa đến Trung tâm Y tế Ninh Hòa cấp cứu.",
     ["traffic"]),
    ("xe_khach_ql26", 31, "central_press", None, "VnExpress",
     "Lật xe khách trên đèo Phượng Hoàng, 12 người bị thương",
     "Chiếc xe khách 40 chỗ lao vào vách núi rồi lật nghiêng trên đèo Phượng Hoàng (quốc lộ 26), 12 hành khách bị "
     "thương; tài xế khai xe bị mất phanh khi xuống dốc.",
     ["traffic"]),
    ("xe_khach_ql26", 32, "social", "facebook", "Hội Tài Xế Khánh Hòa - Đắk Lắk",
     None,
     "Sáng nay xe giường nằm lật ở đèo Phượng Hoàng, nghe nói mất phanh. Anh em chạy tuyến 26 xuống dốc nhớ về số "
     "thấp, đừng rà phanh liên tục.",
     ["traffic"]),
    ("xe_khach_ql26", 36, "social", "facebook", "Ninh Hòa Quê Tôi",
     None,
     "Người nhà mình đi chuyến xe khách bị lật trên đèo Phượng Hoàng sáng nay, may chỉ trầy xước, đang nằm ở Trung "
     "tâm Y tế Ninh Hòa. Cảm ơn bà con Ninh Tây đã phụ cứu người.",
     ["traffic"]),
    ("dat_ninh_thuy", 10, "provincial_press", None, "Báo Khánh Hòa",
     "Người dân phường Ninh Thủy kiến nghị về ranh giới đất dự án khu du lịch",
     "Hơn 30 hộ dân tổ dân phố Mỹ Giang, phường Ninh Thủy phản ánh dự án khu du lịch sinh thái Hòn Khói rào chắn cả "
     "phần đất vườn mà các hộ đã sử dụng ổn định hơn 20 năm, chưa được bồi thường.",
     ["land"]),
    ("dat_ninh_thuy", 14, "central_press", None, "Tiền Phong",
     "Tranh chấp đất giữa dân và dự án khu du lịch Hòn Khói",
     "Các hộ dân ở Mỹ Giang cho rằng chủ đầu tư dự án khu du lịch ở bán đảo Hòn Khói dựng hàng rào lấn vào đất "
     "vườn; UBND phường Ninh Thủy cho biết sẽ đo đạc lại ranh giới.",
     ["land"]),
    ("dat_ninh_thuy", 15, "social", "facebook", "Ninh Hòa Quê Tôi",
     None,
     "Dự án Hòn Khói rào luôn đất vườn nhà ông bà tui ở Mỹ Giang, ở đây mấy chục năm có sổ đàng hoàng mà giờ nói "
     "là đất dự án. Mong báo chí vào cuộc.",
     ["land"]),
    ("dat_ninh_thuy", 20, "social", "facebook", "Tin Tức Ninh Hòa 24h",
     None,
     "Chiều nay bà con Mỹ Giang, Ninh Thủy tập trung trước hàng rào dự án khu du lịch Hòn Khói đòi đo đạc lại ranh "
     "giới đất, công an phường có mặt giữ trật tự.",
     ["land"]),
    ("dat_ninh_thuy", 26, "central_press", None, "Người Lao Động",
     "Ninh Thủy: đo đạc lại ranh giới đất dự án Hòn Khói sau phản ánh của người dân",
     "UBND phường Ninh Thủy đã lập tổ công tác cùng chủ đầu tư dự án khu du lịch Hòn Khói và đại diện hộ dân Mỹ "
     "Giang đo đạc lại ranh giới, tạm dừng thi công hàng rào trong phần đất tranh chấp.",
     ["land"]),
    ("dat_ninh_thuy", 44, "portal", None, "Cổng thông tin điện tử phường Ninh Thủy",
     "Phản hồi thông tin báo chí phản ánh về ranh giới đất dự án khu du lịch Hòn Khói",
     "Qua kiểm tra hồ sơ địa chính, UBND phường Ninh Thủy xác định một phần hàng rào của dự án khu du lịch Hòn Khói "
     "nằm trên đất của 7 hộ dân tổ dân phố Mỹ Giang; chủ đầu tư đã cam kết tháo dỡ trong tháng này.",
     ["land"]),
    ("le_hoi_doc_let", 18, "provincial_press", None, "Báo Khánh Hòa",
     "Khai mạc lễ hội văn hóa biển Dốc Lết",
     "Tối nay, tại bãi biển Dốc Lết, phường Ninh Thủy, thị xã Ninh Hòa cũ khai mạc lễ hội văn hóa biển với hội thi "
     "đua thuyền thúng, trình diễn ẩm thực và đêm nhạc dành cho du khách.",
     ["tourism"]),
    ("le_hoi_doc_let", 22, "social", "facebook", "Ninh Hòa Quê Tôi",
     None,
     "Lễ hội biển Dốc Lết tối nay đông vui quá trời, mai còn đua thuyền thúng nữa, ai rảnh ghé chơi nha.",
     ["tourism"]),
]
