"""Articles of the fixture province, written for the project (fiction in the manner of provincial and central
Vietnamese outlets; names of people are invented). Times are Vietnam time."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    slug: str
    title: str
    sapo: str
    paragraphs: tuple[str, ...]
    author: str
    published: str  # ISO 8601, +07:00
    section: str = "Thời sự"


ARTICLES = {a.slug: a for a in [
    Article(
        "sat-lo-deo-khanh-le-8312345", "Sạt lở nhiều điểm trên đèo Khánh Lê, tạm cấm phương tiện qua lại",
        "Mưa lớn kéo dài nhiều ngày gây sạt lở nghiêm trọng trên đèo Khánh Lê (Quốc lộ 27C), cơ quan chức năng "
        "tạm cấm các phương tiện lưu thông qua đèo.",
        ("Sáng 18/11, Sở Xây dựng tỉnh Khánh Hòa cho biết, do ảnh hưởng của mưa lớn kéo dài, trên tuyến đèo "
         "Khánh Lê đã xảy ra nhiều điểm sạt lở taluy dương, đất đá tràn xuống mặt đường gây ách tắc giao thông.",
         "Theo ghi nhận, điểm sạt lở lớn nhất tại Km 35+800 với khối lượng đất đá ước tính khoảng 2.000m3. Lực "
         "lượng chức năng đã cắm biển cảnh báo, bố trí người trực 24/24 giờ và huy động máy móc khắc phục.",
         "Ông Trần Văn Lực, Phó Giám đốc Sở Xây dựng cho biết, dự kiến trong 2 ngày tới sẽ thông xe tạm thời. "
         "Người dân được khuyến cáo không di chuyển qua đèo trong thời gian này."),
        "Minh Anh", "2025-11-18T07:45:00+07:00", "Xã hội"),
    Article(
        "nha-trang-don-khach-quoc-te-8312351", "Nha Trang đón hơn 500.000 lượt khách quốc tế trong tháng 10",
        "Lượng khách quốc tế đến Nha Trang tháng 10 tăng 18% so với cùng kỳ, chủ yếu từ Hàn Quốc, Trung Quốc và Nga.",
        ("Theo Sở Văn hóa, Thể thao và Du lịch tỉnh Khánh Hòa, trong tháng 10, các cơ sở lưu trú trên địa bàn "
         "phục vụ hơn 1,2 triệu lượt khách, trong đó khách quốc tế đạt trên 500.000 lượt.",
         "Cảng hàng không quốc tế Cam Ranh hiện khai thác 26 đường bay quốc tế thường lệ. Nhiều hãng hàng không "
         "tăng tần suất chuyến bay dịp cuối năm để đáp ứng nhu cầu đi lại.",
         "Ngành du lịch tỉnh đặt mục tiêu đón 3,5 triệu lượt khách quốc tế trong năm nay, đồng thời đẩy mạnh "
         "quảng bá các sản phẩm du lịch biển đảo, văn hóa Chăm và du lịch sinh thái Vĩnh Hy."),
        "Hoài Thu", "2025-11-17T15:20:00+07:00", "Kinh tế"),
    Article(
        "cam-lam-cham-boi-thuong-8312360", "Người dân Cam Lâm phản ánh dự án chậm bồi thường, giải phóng mặt bằng",
        "Nhiều hộ dân ở xã Cam Lâm cho biết đã bàn giao mặt bằng hơn hai năm nhưng vẫn chưa nhận đủ tiền bồi thường.",
        ("Theo phản ánh của người dân, dự án khu dân cư ven sông đã thu hồi hơn 40 ha đất nông nghiệp từ năm 2023. "
         "Đến nay, khoảng 60 hộ vẫn chưa nhận được tiền hỗ trợ chuyển đổi nghề nghiệp.",
         "Bà Nguyễn Thị Hạnh, một người dân có đất bị thu hồi, cho biết gia đình đã nhiều lần gửi đơn nhưng chưa "
         "được trả lời thỏa đáng. Cuộc sống của nhiều hộ gặp khó khăn vì không còn đất sản xuất.",
         "Trao đổi với phóng viên, lãnh đạo Ban Quản lý dự án cho biết sẽ rà soát hồ sơ, báo cáo UBND tỉnh trong "
         "tháng này để giải quyết dứt điểm các trường hợp còn tồn đọng."),
        "Phan Sương", "2025-11-16T09:05:00+07:00", "Bạn đọc"),
    Article(
        "xe-tai-va-cham-xe-khach-ninh-hoa-8312377", "Xe tải va chạm xe khách trên Quốc lộ 1 qua thị xã Ninh Hòa",
        "Vụ tai nạn khiến 2 người bị thương, giao thông qua khu vực ùn tắc gần 2 giờ.",
        ("Khoảng 4 giờ sáng 17/11, trên Quốc lộ 1 đoạn qua phường Ninh Hiệp, xe tải chở hàng lưu thông theo hướng "
         "Bắc – Nam bất ngờ va chạm với xe khách giường nằm đi theo chiều ngược lại.",
         "Cú va chạm khiến phần đầu hai xe hư hỏng nặng, tài xế xe tải và một hành khách bị thương được đưa đi cấp "
         "cứu tại Trung tâm Y tế thị xã. Các hành khách còn lại được chuyển sang xe khác tiếp tục hành trình.",
         "Cảnh sát giao thông Công an tỉnh Khánh Hòa đã có mặt phân luồng, đồng thời khám nghiệm hiện trường để "
         "điều tra nguyên nhân vụ tai nạn."),
        "Văn Kỳ", "2025-11-17T06:40:00+07:00", "Pháp luật"),
    Article(
        "canh-bao-gia-danh-dien-luc-8312388", "Công an tỉnh cảnh báo thủ đoạn giả danh nhân viên điện lực để lừa đảo",
        "Các đối tượng gọi điện thông báo cắt điện, yêu cầu người dân cài ứng dụng lạ để chiếm đoạt tiền trong tài khoản.",
        ("Phòng Cảnh sát hình sự Công an tỉnh Khánh Hòa cho biết, thời gian gần đây xuất hiện nhiều cuộc gọi giả "
         "danh nhân viên điện lực, thông báo khách hàng nợ tiền điện và sẽ bị cắt điện trong ngày.",
         "Để “hỗ trợ”, đối tượng gửi đường link yêu cầu cài đặt ứng dụng giả mạo. Khi cài đặt, điện thoại bị "
         "chiếm quyền điều khiển và tiền trong tài khoản ngân hàng bị chuyển đi.",
         "Công an khuyến cáo người dân tuyệt đối không cài ứng dụng theo hướng dẫn qua điện thoại, không cung cấp "
         "mã OTP; khi nghi ngờ cần liên hệ tổng đài điện lực hoặc cơ quan công an gần nhất."),
        "Hải Lăng", "2025-11-15T10:30:00+07:00", "Pháp luật"),
    Article(
        "khoi-cong-cao-toc-khanh-hoa-buon-ma-thuot-8312399",
        "Khởi công cao tốc Khánh Hòa – Buôn Ma Thuột đoạn qua thị xã Ninh Hòa",
        "Dự án có tổng chiều dài 117,5 km, kết nối vùng Tây Nguyên với cảng biển Vân Phong.",
        ("Sáng 15/11, tại thị xã Ninh Hòa, Bộ Xây dựng phối hợp với UBND tỉnh Khánh Hòa tổ chức lễ khởi công "
         "dự án thành phần 1 cao tốc Khánh Hòa – Buôn Ma Thuột.",
         "Đoạn qua Khánh Hòa dài hơn 32 km, đi qua địa bàn thị xã Ninh Hòa, được đầu tư theo hình thức đầu tư công "
         "với quy mô 4 làn xe.",
         "Lãnh đạo tỉnh đề nghị các nhà thầu huy động đủ nhân lực, thiết bị, bảo đảm chất lượng và tiến độ; các "
         "địa phương tập trung hoàn thành giải phóng mặt bằng trong quý I năm sau."),
        "Đình Lâm", "2025-11-15T08:00:00+07:00", "Thời sự"),
    Article(
        "ho-song-sat-tich-nuoc-8312410", "Hồ chứa nước Sông Sắt tích nước đạt 85% dung tích thiết kế",
        "Nhờ các đợt mưa cuối mùa, nhiều hồ chứa ở khu vực phía Nam tỉnh đã tích được lượng nước đáng kể.",
        ("Theo Công ty TNHH MTV Khai thác công trình thủy lợi, đến ngày 18/11 hồ Sông Sắt đạt 85% dung tích thiết "
         "kế, cao hơn cùng kỳ năm trước khoảng 20%.",
         "Lượng nước này bảo đảm cung cấp đủ cho vụ Đông Xuân và nước sinh hoạt cho người dân các xã vùng hạ du.",
         "Đơn vị quản lý hồ khuyến cáo người dân không đánh bắt thủy sản gần khu vực tràn xả lũ trong mùa mưa."),
        "Thanh Hà", "2025-11-18T11:00:00+07:00", "Nông nghiệp"),
    Article(
        "van-phong-thu-hut-du-an-4812201", "Khu kinh tế Vân Phong thu hút thêm 3 dự án với tổng vốn 12.000 tỷ đồng",
        "Các dự án tập trung vào logistics, công nghiệp chế biến và năng lượng sạch.",
        ("Ban Quản lý Khu kinh tế Vân Phong vừa trao quyết định chủ trương đầu tư cho 3 dự án mới, nâng tổng số "
         "dự án còn hiệu lực trong khu kinh tế lên 150 dự án.",
         "Trong đó, dự án trung tâm logistics có vốn đầu tư lớn nhất, khoảng 6.500 tỷ đồng, dự kiến hoạt động từ "
         "năm 2028 và tạo việc làm cho khoảng 2.000 lao động.",
         "Tỉnh Khánh Hòa đang điều chỉnh quy hoạch chung Khu kinh tế Vân Phong, hướng tới trở thành trung tâm "
         "cảng trung chuyển quốc tế của khu vực."),
        "Xuân Ngọc", "2025-11-18T14:10:00+07:00", "Kinh doanh"),
    Article(
        "diem-dan-ca-na-lo-gia-muoi-4812215", "Diêm dân Cà Ná lo lắng vì giá muối xuống thấp",
        "Giá muối tại ruộng chỉ còn khoảng 1.000 đồng mỗi kg, nhiều hộ diêm dân không đủ bù chi phí.",
        ("Những ngày này, trên cánh đồng muối Cà Ná, muối thu hoạch được chất thành từng đống lớn nhưng thương lái "
         "thu mua nhỏ giọt.",
         "Ông Lê Văn Tám, diêm dân ở xã Cà Ná, cho biết năm nay thời tiết thuận lợi, sản lượng tăng nhưng giá giảm "
         "gần một nửa so với năm ngoái.",
         "Cơ quan nông nghiệp địa phương đang phối hợp với các doanh nghiệp tìm đầu ra, đồng thời khuyến khích diêm "
         "dân chuyển sang sản xuất muối sạch để nâng giá trị."),
        "Ngọc Trâm", "2025-11-17T19:30:00+07:00", "Kinh doanh"),
    Article(
        "ninh-phuoc-han-han-4812230", "Ninh Phước: Hạn hán kéo dài, hơn 300 ha lúa thiếu nước",
        "Nắng nóng gay gắt khiến nhiều cánh đồng ở vùng cuối kênh nứt nẻ, nông dân phải bơm nước từ giếng khoan.",
        ("Tại các xã phía Nam tỉnh (thuộc huyện Ninh Phước cũ), hơn 300 ha lúa vụ Mùa đang thiếu nước tưới, trong "
         "đó khoảng 50 ha có nguy cơ mất trắng.",
         "Người dân cho biết nước từ kênh chính không về tới cuối kênh, nhiều hộ phải thuê máy bơm, chi phí tăng "
         "thêm vài triệu đồng mỗi ha.",
         "Chính quyền địa phương đã đề nghị đơn vị thủy lợi điều tiết nước luân phiên, ưu tiên diện tích lúa đang "
         "làm đòng."),
        "Duy Thanh", "2025-11-16T16:45:00+07:00", "Thời sự"),
    Article(
        "khao-sat-dien-gio-ngoai-khoi-4812244", "Khánh Hòa đề xuất khảo sát điện gió ngoài khơi vùng biển phía Nam",
        "Tỉnh kiến nghị bổ sung vùng biển ngoài khơi phía Nam vào quy hoạch phát triển điện gió ngoài khơi.",
        ("UBND tỉnh Khánh Hòa vừa có văn bản gửi Bộ Công Thương đề xuất cho phép các nhà đầu tư khảo sát tiềm năng "
         "điện gió ngoài khơi tại vùng biển phía Nam tỉnh.",
         "Theo đánh giá sơ bộ, khu vực này có tốc độ gió trung bình trên 8 m/s, thuộc nhóm cao nhất cả nước.",
         "Tỉnh cam kết tạo điều kiện về thủ tục, đồng thời yêu cầu nhà đầu tư bảo đảm an ninh quốc phòng và bảo vệ "
         "môi trường biển."),
        "Lê Hoàng", "2025-11-18T09:15:00+07:00", "Kinh tế"),
    Article(
        "lich-tiep-cong-dan-thang-12", "Thông báo lịch tiếp công dân định kỳ tháng 12 của Chủ tịch UBND tỉnh",
        "Văn phòng UBND tỉnh thông báo lịch tiếp công dân định kỳ tháng 12.",
        ("Thực hiện Luật Tiếp công dân, Chủ tịch UBND tỉnh Khánh Hòa tiếp công dân định kỳ vào ngày 15/12 tại Trụ "
         "sở Tiếp công dân tỉnh, số 1 đường Trần Phú, phường Nha Trang.",
         "Công dân có nhu cầu phản ánh, kiến nghị đăng ký trước tại Ban Tiếp công dân tỉnh, mang theo giấy tờ tùy "
         "thân và tài liệu liên quan.",
         "Trường hợp ngày tiếp trùng lịch công tác đột xuất, Văn phòng UBND tỉnh sẽ thông báo trên Cổng thông tin "
         "điện tử tỉnh."),
        "Văn phòng UBND tỉnh", "2025-11-18T08:30:00+07:00", "Thông báo"),
    Article(
        "le-hoi-kate-thap-po-klong-garai-5201", "Lễ hội Katê tại tháp Po Klong Garai thu hút đông đảo du khách",
        "Hàng nghìn người dân và du khách đã về tháp Po Klong Garai dự lễ hội Katê của đồng bào Chăm.",
        ("Sáng nay, tại tháp Po Klong Garai, phường Đô Vinh, đồng bào Chăm Bà-la-môn long trọng tổ chức lễ rước "
         "y trang, mở cửa tháp và tắm tượng theo nghi thức truyền thống.",
         "Năm nay, lễ hội có thêm chương trình trình diễn gốm Bàu Trúc và dệt thổ cẩm Mỹ Nghiệp, thu hút đông "
         "đảo du khách trong và ngoài nước.",
         "Lễ hội Katê đã được công nhận là Di sản văn hóa phi vật thể quốc gia, là dịp để đồng bào Chăm tưởng nhớ "
         "tổ tiên và cầu mong mưa thuận gió hòa."),
        "Mỹ Hạnh", "2025-11-18T10:00:00+07:00", "Văn hóa"),
    Article(
        "chuan-bi-mat-bang-dien-hat-nhan-5202", "Khẩn trương chuẩn bị mặt bằng dự án điện hạt nhân Ninh Thuận 1",
        "Công tác kiểm đếm, lập phương án bồi thường đang được đẩy nhanh tại các xã ven biển.",
        ("Các địa phương có dự án Nhà máy điện hạt nhân Ninh Thuận 1 đi qua đang hoàn tất kiểm đếm đất đai, tài sản "
         "của hơn 500 hộ dân.",
         "Khu tái định cư được quy hoạch với đầy đủ hạ tầng, trường học, trạm y tế; người dân được lấy ý kiến về "
         "phương án bố trí tái định cư.",
         "Lãnh đạo tỉnh yêu cầu công khai, minh bạch trong bồi thường, bảo đảm người dân có chỗ ở mới bằng hoặc tốt "
         "hơn nơi ở cũ."),
        "Công Hiếu", "2025-11-17T13:50:00+07:00", "Thời sự"),
    Article(
        "bat-giu-khai-thac-cat-song-lu-5203", "Thuận Nam: Bắt giữ 2 đối tượng khai thác cát trái phép trên sông Lu",
        "Lực lượng chức năng tạm giữ một máy hút cát và hai phương tiện vận chuyển.",
        ("Rạng sáng 16/11, tổ công tác liên ngành phát hiện hai đối tượng dùng máy hút khai thác cát trái phép "
         "trên sông Lu, đoạn qua xã Phước Nam.",
         "Tại hiện trường, các đối tượng không xuất trình được giấy phép khai thác khoáng sản. Lực lượng chức năng "
         "đã lập biên bản, tạm giữ phương tiện để tiếp tục xử lý.",
         "Thời gian qua, tình trạng khai thác cát trái phép gây sạt lở bờ sông, ảnh hưởng đến đất sản xuất của "
         "người dân hai bên bờ."),
        "Văn Nỷ", "2025-11-16T07:20:00+07:00", "Pháp luật"),
    Article(
        "chay-rung-khanh-son-7123", "Cháy rừng tại Khánh Sơn, huy động hơn 200 người dập lửa",
        "Đám cháy bùng phát vào trưa, lan rộng do gió mạnh, đến tối mới cơ bản được khống chế.",
        ("Trưa 17/11, tại khu vực rừng trồng thuộc xã Khánh Sơn xảy ra cháy. Do thời tiết hanh khô, gió mạnh nên "
         "lửa lan nhanh sang diện tích rừng keo liền kề.",
         "Hơn 200 cán bộ, chiến sĩ kiểm lâm, quân đội, công an và người dân được huy động, sử dụng máy thổi gió, "
         "cành cây để dập lửa và làm đường băng cản lửa.",
         "Diện tích rừng bị thiệt hại đang được thống kê. Cơ quan chức năng đang điều tra nguyên nhân vụ cháy."),
        "Trọng Thành", "2025-11-17T20:05:00+07:00", "Xã hội"),
]}
