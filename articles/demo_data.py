"""Original Vietnamese demo content for `manage.py seed_demo`."""

SECTIONS = [  # in display order
    {
        "name": "Thời sự – Chính trị",
        "slug": "thoi-su-chinh-tri",
        "description": (
            "Tin tức về hoạt động của các cơ quan Đảng, chính quyền, đoàn thể và công tác "
            "đối ngoại của tỉnh."
        ),
    },
    {
        "name": "Kinh tế",
        "slug": "kinh-te",
        "description": (
            "Sản xuất, kinh doanh, đầu tư, thị trường nông sản và đời sống doanh nghiệp "
            "trên địa bàn tỉnh."
        ),
    },
    {
        "name": "Xã hội",
        "slug": "xa-hoi",
        "description": (
            "Giáo dục, y tế, an sinh và những câu chuyện đời thường ở phố thị lẫn buôn làng "
            "vùng cao."
        ),
    },
    {
        "name": "Văn hóa – Thể thao – Du lịch",
        "slug": "van-hoa-the-thao-du-lich",
        "description": (
            "Lễ hội, bản sắc văn hóa các dân tộc, phong trào thể thao và điểm đến du lịch "
            "của Bắc Tây Nguyên."
        ),
    },
    {
        "name": "Pháp luật & Đời sống",
        "slug": "phap-luat-doi-song",
        "description": (
            "Tin tức an ninh trật tự, xét xử, trợ giúp pháp lý và cảnh báo giúp người dân "
            "tự bảo vệ mình."
        ),
    },
    {
        "name": "Nông nghiệp – Nông thôn",
        "slug": "nong-nghiep-nong-thon",
        "description": (
            "Mùa vụ, cây trồng, vật nuôi, xây dựng nông thôn mới và sinh kế của bà con nông dân."
        ),
    },
]

AUTHORS = [
    {
        "name": "Nguyễn Văn Hùng",
        "slug": "nguyen-van-hung",
        "bio": (
            "Phóng viên mảng thời sự – chính trị, hơn mười lăm năm bám sát các kỳ họp "
            "và hoạt động của chính quyền tỉnh."
        ),
    },
    {
        "name": "Trần Thị Mai",
        "slug": "tran-thi-mai",
        "bio": (
            "Quay phim và nhiếp ảnh, yêu những chuyến đi dài về các làng xa ở Đăk Glei "
            "và Tu Mơ Rông."
        ),
    },
    {
        "name": "A Thuận",
        "slug": "a-thuan",
        "bio": (
            "Phóng viên người Ba Na, phụ trách mảng dân tộc – miền núi và chương trình "
            "phát thanh tiếng dân tộc."
        ),
    },
    {
        "name": "Lê Quang Đạt",
        "slug": "le-quang-dat",
        "bio": (
            "Phóng viên kinh tế – nông nghiệp, theo dõi thị trường cà phê, cao su và "
            "các dự án đầu tư trên địa bàn."
        ),
    },
    {
        "name": "Phạm Thu Hà",
        "slug": "pham-thu-ha",
        "bio": ("Biên tập viên ban thời sự, phụ trách các chuyên mục xã hội, giáo dục và y tế."),
    },
    {
        "name": "Đặng Minh Tuấn",
        "slug": "dang-minh-tuan",
        "bio": (
            "Phóng viên mảng pháp luật và thể thao; từng là cầu thủ phong trào của "
            "đội bóng đá tỉnh."
        ),
    },
]

STORIES = []

# --- Thời sự – Chính trị -------------------------------------------------------------------
STORIES += [
    {
        "title": "Đảng bộ tỉnh sơ kết công tác xây dựng Đảng sáu tháng đầu năm",
        "section": "thoi-su-chinh-tri",
        "standfirst": (
            "Ban Thường vụ Tỉnh ủy tổ chức hội nghị sơ kết, chỉ ra những việc đã làm được "
            "và các điểm nghẽn cần tháo gỡ trong nửa cuối năm."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Sáng nay, tại thành phố Kon Tum, Ban Thường vụ Tỉnh ủy tổ chức "
            "hội nghị sơ kết công tác xây dựng Đảng và hệ thống chính trị sáu tháng đầu năm. "
            "Hội nghị được kết nối trực tuyến tới 10 điểm cầu huyện, thành phố với gần 600 "
            "đại biểu tham dự.",
            "Theo báo cáo, trong sáu tháng qua, toàn Đảng bộ đã kết nạp hơn 520 đảng viên "
            "mới, trong đó gần một phần ba là người dân tộc thiểu số. Công tác kiểm tra, "
            "giám sát được tiến hành đúng kế hoạch; nhiều tổ chức cơ sở đảng ở vùng sâu, "
            "vùng xa đã khắc phục được tình trạng sinh hoạt hình thức, đơn điệu.",
            "Các đại biểu thẳng thắn chỉ ra một số hạn chế: vẫn còn thôn, làng chưa có chi "
            "bộ riêng; việc phát triển đảng viên trong doanh nghiệp ngoài nhà nước còn chậm; "
            "một bộ phận cán bộ chưa mạnh dạn đổi mới cách làm. Nhiều ý kiến đề nghị tăng "
            "cường cán bộ cấp tỉnh, cấp huyện về bám cơ sở.",
            "Phát biểu kết luận, đồng chí Phó Bí thư Thường trực Tỉnh ủy yêu cầu các cấp ủy "
            "chuẩn bị tốt đại hội đảng bộ cơ sở, rà soát quy hoạch cán bộ và gắn công tác "
            "xây dựng Đảng với nhiệm vụ phát triển kinh tế – xã hội. Mục tiêu đến cuối năm "
            "là không còn thôn, làng nào chưa có đảng viên.",
        ],
        "subheading": "Không để thôn, làng nào “trắng” đảng viên",
        "quote": (
            "Mỗi chi bộ thôn, làng phải thật sự là hạt nhân; dân tin Đảng khi thấy đảng viên "
            "đi trước, làm trước."
        ),
        "bylines": [("nguyen-van-hung", "Phóng viên"), ("tran-thi-mai", "Quay phim")],
        "tags": ["Xây dựng Đảng", "Kon Tum"],
        "image": {
            "alt": "Toàn cảnh hội trường hội nghị sơ kết với các đại biểu ngồi kín các dãy ghế",
            "caption": "Quang cảnh hội nghị sơ kết công tác xây dựng Đảng sáu tháng đầu năm.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "city",
        },
        "days_ago": 1.5,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Phát huy vai trò công tác dân vận ở vùng đồng bào dân tộc thiểu số",
        "section": "thoi-su-chinh-tri",
        "standfirst": (
            "Từ những buổi ngồi bên bếp lửa nhà sàn, cán bộ dân vận ở huyện Kon Plông đã góp "
            "phần thay đổi nếp nghĩ, cách làm của bà con Xơ Đăng."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Những năm gần đây, Ban Dân vận Huyện ủy Kon Plông triển khai "
            "mô hình “mỗi cán bộ gắn với một hộ dân”, giao từng cán bộ, đảng viên theo dõi, "
            "giúp đỡ các hộ khó khăn ở những làng xa trung tâm. Đến nay, mô hình đã mở rộng "
            "ra 9 xã với gần 400 hộ được kèm cặp thường xuyên.",
            "Ở làng Tu Rằng, xã Đăk Ring, trưởng thôn A Dền kể rằng trước đây nhiều gia đình "
            "vẫn giữ thói quen dựng chòi ở hẳn ngoài rẫy, con trẻ nghỉ học theo cha mẹ cả "
            "tháng trời. Nhờ cán bộ dân vận kiên trì đến từng nhà trò chuyện, nay trẻ trong "
            "độ tuổi đều đến lớp đầy đủ.",
            "Không chỉ vận động, cán bộ còn trực tiếp hướng dẫn bà con trồng sâm dây, nuôi "
            "heo đen địa phương, mở tài khoản ngân hàng để nhận tiền bán nông sản. Nhiều già "
            "làng, người có uy tín được mời tham gia tổ hòa giải, góp phần giải quyết các "
            "mâu thuẫn đất đai ngay từ cơ sở.",
            "Theo Ban Dân vận Tỉnh ủy, thời gian tới tỉnh sẽ nhân rộng mô hình ra các huyện "
            "có đông đồng bào dân tộc thiểu số, đồng thời mở lớp bồi dưỡng tiếng dân tộc cho "
            "cán bộ trẻ. Đây được xem là chìa khóa để chủ trương, chính sách đến với người "
            "dân nhanh hơn và đúng hơn.",
        ],
        "subheading": None,
        "quote": (
            "Cán bộ phải nói cho dân hiểu, làm cho dân tin, mà muốn dân tin thì mình phải ở "
            "cùng dân."
        ),
        "bylines": [("a-thuan", "Phóng viên"), ("pham-thu-ha", "Biên tập viên")],
        "tags": ["Xây dựng Đảng", "Dân tộc thiểu số"],
        "image": {
            "alt": "Cán bộ dân vận ngồi trò chuyện với người dân bên bếp lửa trong nhà sàn",
            "caption": "Cán bộ dân vận huyện Kon Plông trò chuyện với bà con làng Tu Rằng.",
            "credit": "Ảnh: A Thuận",
            "motif": "mountain",
        },
        "days_ago": 3.2,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "HĐND tỉnh khai mạc kỳ họp chuyên đề về đầu tư công trung hạn",
        "section": "thoi-su-chinh-tri",
        "standfirst": (
            "Kỳ họp dự kiến kéo dài hai ngày, xem xét điều chỉnh kế hoạch đầu tư công và bổ "
            "sung vốn cho một số tuyến đường liên huyện."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Sáng nay, Hội đồng nhân dân tỉnh khai mạc kỳ họp chuyên đề nhằm "
            "xem xét, quyết định một số nội dung cấp bách về đầu tư công trung hạn. Kỳ họp "
            "dự kiến diễn ra trong hai ngày với 14 tờ trình, dự thảo nghị quyết do Ủy ban "
            "nhân dân tỉnh trình.",
            "Nội dung được cử tri quan tâm nhất là việc điều chỉnh, bổ sung vốn cho các dự "
            "án giao thông kết nối vùng, trong đó có tuyến đường nối thị trấn Măng Đen với "
            "các xã phía đông huyện Kon Plông. Nhiều dự án trường học, trạm y tế xã cũng "
            "được đề xuất ưu tiên bố trí vốn.",
            "Theo báo cáo thẩm tra của Ban Kinh tế – Ngân sách, tỷ lệ giải ngân vốn đầu tư "
            "công đến cuối tháng trước mới đạt khoảng 38% kế hoạch. Nguyên nhân chủ yếu do "
            "vướng mắc giải phóng mặt bằng, giá vật liệu biến động và năng lực một số nhà "
            "thầu còn hạn chế.",
            "Phát biểu khai mạc, Chủ tịch HĐND tỉnh đề nghị các đại biểu thảo luận thẳng "
            "thắn, bảo đảm nguồn vốn được phân bổ đúng trọng tâm, tránh dàn trải. Các dự án "
            "chậm tiến độ kéo dài cần được làm rõ trách nhiệm của chủ đầu tư và đơn vị thi "
            "công trước khi tính đến việc bổ sung vốn.",
        ],
        "subheading": "Dồn vốn cho công trình có khả năng hoàn thành",
        "quote": None,
        "bylines": [("nguyen-van-hung", "Phóng viên")],
        "tags": ["Đầu tư", "Kon Tum"],
        "image": {
            "alt": "Các đại biểu HĐND tỉnh nghiên cứu tài liệu tại hội trường kỳ họp",
            "caption": "Đại biểu HĐND tỉnh nghiên cứu tài liệu trước phiên khai mạc.",
            "credit": "Ảnh: Nguyễn Văn Hùng",
            "motif": "city",
        },
        "days_ago": 0.3,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Lãnh đạo tỉnh tiếp xúc cử tri huyện Ngọc Hồi trước kỳ họp cuối năm",
        "section": "thoi-su-chinh-tri",
        "standfirst": (
            "Cử tri vùng ngã ba biên giới kiến nghị sớm nâng cấp đường vào khu sản xuất, bảo "
            "đảm nước sinh hoạt và giải quyết dứt điểm tranh chấp đất rẫy."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Chiều qua, Tổ đại biểu HĐND tỉnh ứng cử tại huyện Ngọc Hồi đã "
            "tiếp xúc cử tri thị trấn Plei Kần và các xã Đăk Nông, Bờ Y. Gần 200 cử tri là "
            "cán bộ hưu trí, già làng và nông dân đã đến dự, nêu nhiều ý kiến sát thực với "
            "đời sống hằng ngày.",
            "Ông A Lưu, cử tri làng Đăk Mế, phản ánh đoạn đường đất dẫn vào khu sản xuất dài "
            "gần 4 km thường xuyên lầy lội vào mùa mưa, xe chở mì, chở cà phê không vào "
            "được. Nhiều cử tri khác kiến nghị sớm đầu tư hệ thống nước sinh hoạt tập trung "
            "cho các làng thiếu nước mùa khô.",
            "Trả lời cử tri, đại diện Sở Giao thông vận tải cho biết tuyến đường nói trên đã "
            "được đưa vào danh mục đề xuất bố trí vốn năm tới. Đối với các vụ tranh chấp đất "
            "rẫy, lãnh đạo huyện cam kết chỉ đạo đo đạc, xác minh và trả lời bằng văn bản "
            "trước ngày khai mạc kỳ họp.",
            "Kết thúc buổi tiếp xúc, tổ đại biểu ghi nhận toàn bộ ý kiến để tổng hợp, chuyển "
            "đến các cơ quan chức năng. Những kiến nghị vượt thẩm quyền địa phương sẽ được "
            "đưa ra thảo luận tại kỳ họp cuối năm của HĐND tỉnh, dự kiến diễn ra vào đầu "
            "tháng tới.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("nguyen-van-hung", "Phóng viên"), ("a-thuan", "Cộng tác viên")],
        "tags": ["Kon Tum", "Nông thôn mới"],
        "image": {
            "alt": "Cử tri huyện Ngọc Hồi giơ tay phát biểu tại buổi tiếp xúc",
            "caption": "Cử tri thị trấn Plei Kần nêu kiến nghị với tổ đại biểu HĐND tỉnh.",
            "credit": "Ảnh: Nguyễn Văn Hùng",
            "motif": "road",
        },
        "days_ago": 9.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Tăng cường hợp tác với các tỉnh Nam Lào và Đông Bắc Campuchia",
        "section": "thoi-su-chinh-tri",
        "standfirst": (
            "Các bên thống nhất phối hợp quản lý biên giới, tạo thuận lợi cho hàng hóa qua "
            "lại và mở rộng giao lưu văn hóa, giáo dục."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Trong chuyến làm việc tại tỉnh Attapeu (Lào) và tỉnh Ratanakiri "
            "(Campuchia), đoàn công tác của tỉnh đã hội đàm với chính quyền hai tỉnh bạn về "
            "kết quả hợp tác thời gian qua. Các bên đánh giá quan hệ hữu nghị tiếp tục phát "
            "triển tốt đẹp, nhiều thỏa thuận đã được triển khai hiệu quả.",
            "Trong năm qua, tỉnh đã cấp học bổng cho hơn 60 lưu học sinh Lào và Campuchia "
            "theo học tại trường cao đẳng và trường chính trị của tỉnh. Kim ngạch trao đổi "
            "hàng hóa qua cửa khẩu quốc tế Bờ Y tăng khá, chủ yếu là nông sản, vật liệu xây "
            "dựng và hàng tiêu dùng.",
            "Tại buổi làm việc, các bên thống nhất tiếp tục phối hợp tuần tra song phương, "
            "phòng chống buôn lậu, vận chuyển ma túy qua biên giới. Các tỉnh bạn cũng đề "
            "nghị phía Việt Nam hỗ trợ đào tạo nhân lực y tế và chia sẻ kinh nghiệm trồng, "
            "chế biến cà phê.",
            "Dịp này, đoàn công tác đã trao tặng 50 suất quà cho học sinh nghèo và thăm hỏi "
            "một số gia đình chính sách tại huyện Phu Vông. Các nội dung hợp tác sẽ được cụ "
            "thể hóa trong biên bản ghi nhớ, dự kiến ký kết vào cuối năm nay.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("nguyen-van-hung", "Phóng viên")],
        "tags": ["Biên giới", "Đầu tư"],
        "image": None,
        "days_ago": 21.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": False,
    },
    {
        "title": "Bộ đội Biên phòng tỉnh ra quân đợt cao điểm bảo vệ chủ quyền biên giới",
        "section": "thoi-su-chinh-tri",
        "standfirst": (
            "Trong ba tháng, các đồn biên phòng sẽ tăng cường tuần tra, kiểm soát đường mòn, "
            "lối mở và tuyên truyền pháp luật cho người dân khu vực biên giới."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Sáng nay, Bộ Chỉ huy Bộ đội Biên phòng tỉnh tổ chức lễ ra quân "
            "đợt cao điểm tuần tra, bảo vệ chủ quyền, an ninh biên giới. Tham gia đợt cao "
            "điểm có hơn 300 cán bộ, chiến sĩ thuộc các đồn biên phòng đóng quân trên tuyến "
            "biên giới tiếp giáp Lào và Campuchia.",
            "Trong thời gian diễn ra đợt cao điểm, lực lượng biên phòng sẽ phối hợp với công "
            "an, quân sự các xã biên giới và lực lượng bảo vệ rừng tổ chức tuần tra thường "
            "xuyên. Trọng tâm là kiểm soát đường mòn, lối mở, ngăn chặn xuất nhập cảnh trái "
            "phép, buôn lậu và khai thác lâm sản trái phép.",
            "Bên cạnh nhiệm vụ tuần tra, các đồn biên phòng duy trì lớp học xóa mù chữ, "
            "chương trình “Nâng bước em tới trường” và giúp bà con làm nhà, sửa đường giao "
            "thông nông thôn. Nhiều chiến sĩ biết nói tiếng Gia Rai, tiếng Xơ Đăng nên rất "
            "thuận lợi khi tuyên truyền đến từng hộ.",
            "Phát biểu tại lễ ra quân, lãnh đạo Bộ Chỉ huy yêu cầu các đơn vị nâng cao tinh "
            "thần cảnh giác, chủ động nắm tình hình, không để bị động, bất ngờ. Cán bộ, "
            "chiến sĩ phải giữ nghiêm kỷ luật, bám địa bàn, thật sự là chỗ dựa tin cậy của "
            "đồng bào vùng biên.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("dang-minh-tuan", "Phóng viên"), ("tran-thi-mai", "Nhiếp ảnh")],
        "tags": ["Biên giới", "Dân tộc thiểu số"],
        "image": {
            "alt": "Cán bộ, chiến sĩ biên phòng xếp hàng ngay ngắn tại lễ ra quân",
            "caption": "Lực lượng tham gia lễ ra quân đợt cao điểm bảo vệ biên giới.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "forest",
        },
        "days_ago": 0.5,
        "status": "draft",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
]

# --- Kinh tế -----------------------------------------------------------------------------------
STORIES += [
    {
        "title": "Giá cà phê tăng cao, nông dân Đăk Hà phấn khởi vào vụ thu hoạch",
        "section": "kinh-te",
        "standfirst": (
            "Giá cà phê nhân xô tại vườn đang ở mức cao nhất nhiều năm, giúp hàng nghìn hộ "
            "trồng cà phê ở huyện Đăk Hà có thêm động lực đầu tư chăm sóc."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Những ngày này, trên các nương cà phê ở xã Hà Mòn, Đăk La, huyện "
            "Đăk Hà, không khí thu hoạch diễn ra tất bật. Giá cà phê nhân xô được thương lái "
            "thu mua tại vườn dao động quanh mức cao nhất trong nhiều năm trở lại đây, khiến "
            "bà con ai cũng phấn khởi.",
            "Gia đình anh Nguyễn Văn Tâm ở thôn 4, xã Hà Mòn có 2 ha cà phê vối đang cho thu "
            "hoạch. Anh cho biết năm nay vườn đạt khoảng 4 tấn nhân mỗi ha; sau khi trừ chi "
            "phí phân bón, công hái, gia đình có thể lãi gấp đôi so với vụ trước.",
            "Tuy vậy, ngành nông nghiệp khuyến cáo người dân không nên hái xanh, bán non để "
            "chạy theo giá. Cà phê được hái khi tỷ lệ quả chín trên 90% mới cho chất lượng "
            "nhân tốt, dễ bán cho doanh nghiệp xuất khẩu và các hợp đồng cà phê đặc sản với "
            "giá cao hơn thị trường.",
            "Theo Phòng Nông nghiệp huyện Đăk Hà, toàn huyện hiện có hơn 12.000 ha cà phê, "
            "trong đó diện tích được chứng nhận sản xuất bền vững chiếm khoảng một phần tư. "
            "Huyện đang khuyến khích các hợp tác xã đầu tư sân phơi, máy sấy để chủ động bảo "
            "quản, không phải bán tháo khi giá giảm.",
        ],
        "subheading": "Không chạy theo giá, giữ chất lượng hạt",
        "quote": "Giá có lúc lên lúc xuống, nhưng hạt cà phê tốt thì lúc nào cũng có người mua.",
        "bylines": [("le-quang-dat", "Phóng viên"), ("tran-thi-mai", "Nhiếp ảnh")],
        "tags": ["Cà phê", "Kon Tum"],
        "image": {
            "alt": "Nông dân Đăk Hà hái những chùm cà phê chín đỏ trên cành",
            "caption": "Nông dân xã Hà Mòn, huyện Đăk Hà thu hoạch cà phê chín.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "coffee",
        },
        "days_ago": 2.1,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Doanh nghiệp cao su đẩy mạnh chế biến sâu để nâng giá trị xuất khẩu",
        "section": "kinh-te",
        "standfirst": (
            "Thay vì chỉ bán mủ nguyên liệu, nhiều doanh nghiệp cao su trên địa bàn đang đầu "
            "tư dây chuyền làm ra sản phẩm có giá trị gia tăng cao hơn."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Tại nhà máy chế biến của một công ty cao su ở huyện Sa Thầy, "
            "dây chuyền sản xuất mủ cốm theo tiêu chuẩn mới vừa được đưa vào vận hành. Mỗi "
            "ngày, nhà máy có thể xử lý khoảng 60 tấn mủ nước, cung cấp nguyên liệu cho các "
            "hãng sản xuất săm lốp trong và ngoài nước.",
            "Theo lãnh đạo doanh nghiệp, nếu trước đây gần như toàn bộ sản lượng được bán ở "
            "dạng sơ chế thì nay công ty đã tính đến việc liên kết sản xuất găng tay, nệm và "
            "gỗ cao su tinh chế. Giá trị thu về trên mỗi tấn mủ có thể tăng từ 15 đến 20% so "
            "với bán thô.",
            "Toàn tỉnh hiện có khoảng 75.000 ha cao su, phần lớn do các doanh nghiệp quản lý, "
            "phần còn lại là cao su tiểu điền của hộ gia đình. Việc chế biến sâu được kỳ vọng "
            "giúp ổn định đầu ra cho cả người trồng nhỏ lẻ, vốn chịu nhiều thiệt thòi mỗi khi "
            "giá mủ đi xuống.",
            "Ngành công thương cho biết tỉnh sẽ ưu tiên quỹ đất trong các cụm công nghiệp cho "
            "dự án chế biến sâu, đồng thời hỗ trợ doanh nghiệp đáp ứng yêu cầu truy xuất "
            "nguồn gốc, chống phá rừng của thị trường châu Âu. Đây là điều kiện bắt buộc để "
            "cao su tiếp tục xuất khẩu ổn định.",
        ],
        "subheading": None,
        "quote": "Bán mủ thô thì mình chỉ giữ được phần lãi mỏng nhất của cả chuỗi giá trị.",
        "bylines": [("le-quang-dat", "Phóng viên")],
        "tags": ["Đầu tư", "Kon Tum"],
        "image": {
            "alt": "Công nhân cạo mủ trên những hàng cây cao su thẳng tắp",
            "caption": "Vườn cao su của doanh nghiệp tại huyện Sa Thầy vào mùa cạo mủ.",
            "credit": "Ảnh: Lê Quang Đạt",
            "motif": "forest",
        },
        "days_ago": 12.5,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Khu kinh tế cửa khẩu Bờ Y thu hút thêm ba dự án logistics",
        "section": "kinh-te",
        "standfirst": (
            "Ba dự án kho bãi, trung tâm logistics với tổng vốn đăng ký gần 900 tỷ đồng vừa "
            "được trao quyết định chủ trương đầu tư."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Ban Quản lý Khu kinh tế tỉnh vừa trao quyết định chủ trương đầu "
            "tư cho ba dự án kho bãi, dịch vụ logistics tại Khu kinh tế cửa khẩu quốc tế Bờ "
            "Y, huyện Ngọc Hồi. Tổng vốn đăng ký của ba dự án gần 900 tỷ đồng, dự kiến hoàn "
            "thành trong vòng hai năm.",
            "Các dự án gồm kho ngoại quan, bãi kiểm hóa tập trung và trung tâm phân phối nông "
            "sản, nằm gần trục Quốc lộ 40 nối sang Lào. Khi đi vào hoạt động, đây sẽ là điểm "
            "tập kết hàng hóa quan trọng trên hành lang kinh tế Đông – Tây, giúp rút ngắn "
            "thời gian thông quan cho doanh nghiệp.",
            "Theo Ban Quản lý, lượng phương tiện qua cửa khẩu Bờ Y trong năm qua tăng gần "
            "20%, nhưng hạ tầng kho bãi còn thiếu, nhiều xe phải chờ bên ngoài khu vực kiểm "
            "soát. Các doanh nghiệp xuất khẩu cà phê, sắn lát và cao su thường phải tự thuê "
            "kho ở thị trấn Plei Kần.",
            "Lãnh đạo tỉnh đề nghị các nhà đầu tư khẩn trương hoàn thiện thủ tục, triển khai "
            "đúng tiến độ cam kết; các sở, ngành phải đồng hành, giải quyết vướng mắc trong "
            "thời gian ngắn nhất. Tỉnh cũng đang kiến nghị Trung ương bổ sung vốn nâng cấp hạ "
            "tầng dùng chung trong khu kinh tế.",
        ],
        "subheading": "Kỳ vọng khơi thông hành lang kinh tế",
        "quote": None,
        "bylines": [("nguyen-van-hung", "Phóng viên"), ("pham-thu-ha", "Biên tập viên")],
        "tags": ["Đầu tư", "Biên giới"],
        "image": {
            "alt": "Xe tải chở hàng xếp hàng làm thủ tục tại cửa khẩu quốc tế Bờ Y",
            "caption": "Phương tiện chở hàng hóa làm thủ tục xuất nhập cảnh tại cửa khẩu Bờ Y.",
            "credit": "Ảnh: Nguyễn Văn Hùng",
            "motif": "road",
        },
        "days_ago": 6.4,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Sâm Ngọc Linh hướng tới chuỗi giá trị bền vững dưới tán rừng",
        "section": "kinh-te",
        "standfirst": (
            "Từ cây dược liệu quý của núi rừng Tu Mơ Rông, sâm Ngọc Linh đang được tổ chức "
            "lại theo chuỗi, gắn với bảo vệ rừng và sinh kế của đồng bào Xơ Đăng."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Trên độ cao gần 2.000 mét ở xã Măng Ri, huyện Tu Mơ Rông, những "
            "luống sâm Ngọc Linh được bà con Xơ Đăng chăm sóc cẩn thận dưới tán rừng già. "
            "Mỗi hộ tham gia tổ hợp tác được giao một diện tích nhỏ, cam kết không chặt cây, "
            "không đốt rừng để mở rộng vườn.",
            "Anh A Khiêm, tổ trưởng tổ hợp tác, cho biết trước đây bà con chủ yếu bán cây "
            "giống và củ non cho thương lái với giá thấp. Từ khi có doanh nghiệp ký hợp đồng "
            "bao tiêu, người trồng được hướng dẫn kỹ thuật và được trả thêm tiền khi sâm đủ "
            "tuổi thu hoạch.",
            "Các vùng trồng sâm tập trung của tỉnh phần lớn nằm trong rừng tự nhiên thuộc các "
            "huyện Tu Mơ Rông, Đăk Glei. Việc gắn mã định danh cho từng cây sâm đang được "
            "thử nghiệm, nhằm chống tình trạng sâm trôi nổi, sâm giả đội lốt sâm Ngọc Linh "
            "làm mất uy tín sản phẩm.",
            "Theo các nhà quản lý, thách thức lớn nhất là giữ được chất lượng khi diện tích "
            "mở rộng nhanh và bảo đảm người dân địa phương được hưởng lợi công bằng. Tỉnh "
            "đang hoàn thiện quy hoạch vùng trồng, đồng thời kêu gọi doanh nghiệp đầu tư nhà "
            "máy chế biến ngay tại địa phương.",
        ],
        "subheading": None,
        "quote": "Rừng còn thì sâm còn, sâm còn thì làng mình còn cái ăn cho con cháu.",
        "bylines": [("a-thuan", "Phóng viên"), ("tran-thi-mai", "Quay phim")],
        "tags": ["Dân tộc thiểu số", "Đầu tư"],
        "image": {
            "alt": "Những cây sâm Ngọc Linh xanh mướt mọc dưới tán rừng già ẩm thấp",
            "caption": "Vườn sâm Ngọc Linh của tổ hợp tác ở xã Măng Ri, huyện Tu Mơ Rông.",
            "credit": "Ảnh: A Thuận",
            "motif": "mountain",
        },
        "days_ago": 27.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Thu ngân sách nhà nước 5 tháng đầu năm đạt gần một nửa dự toán",
        "section": "kinh-te",
        "standfirst": (
            "Nhiều khoản thu tăng khá nhờ sản xuất, kinh doanh phục hồi, nhưng thu từ tiền sử "
            "dụng đất vẫn chưa đạt như kỳ vọng."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Theo Sở Tài chính, tổng thu ngân sách nhà nước trên địa bàn tỉnh "
            "5 tháng đầu năm ước đạt khoảng 48% dự toán Hội đồng nhân dân tỉnh giao, tăng "
            "gần 12% so với cùng kỳ năm trước. Đây là mức tăng khá so với mặt bằng chung của "
            "các tỉnh Tây Nguyên.",
            "Các khoản thu từ doanh nghiệp ngoài quốc doanh, thuế thu nhập cá nhân và phí, lệ "
            "phí đều tăng, phản ánh hoạt động sản xuất, kinh doanh đang phục hồi rõ nét. "
            "Nguồn thu từ du lịch ở Măng Đen và thành phố Kon Tum cũng đóng góp đáng kể "
            "trong các dịp nghỉ lễ.",
            "Ngược lại, thu tiền sử dụng đất mới đạt khoảng 30% kế hoạch do thị trường bất "
            "động sản trầm lắng, một số cuộc đấu giá phải lùi thời gian tổ chức. Khoản thu "
            "này chiếm tỷ trọng lớn trong cơ cấu ngân sách, nếu tiếp tục chậm sẽ ảnh hưởng "
            "tới nguồn vốn đầu tư phát triển.",
            "Ngành tài chính, thuế đặt nhiệm vụ tăng cường quản lý thu, chống thất thu trong "
            "kinh doanh thương mại điện tử và vận tải, đồng thời rà soát, đôn đốc thu hồi nợ "
            "đọng thuế. Các địa phương được yêu cầu đẩy nhanh việc chuẩn bị quỹ đất để tổ "
            "chức đấu giá trong quý tới.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("pham-thu-ha", "Phóng viên")],
        "tags": ["Kon Tum"],
        "image": None,
        "days_ago": 33.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Hợp tác xã trẻ đưa rau Măng Đen lên sàn thương mại điện tử",
        "section": "kinh-te",
        "standfirst": (
            "Nhóm thanh niên ở thị trấn Măng Đen đã đưa su su, bắp cải và dâu tây của bà con "
            "lên các sàn thương mại điện tử, mở ra kênh tiêu thụ mới."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Thành lập chưa đầy hai năm, một hợp tác xã do bốn thanh niên ở "
            "thị trấn Măng Đen, huyện Kon Plông sáng lập đã có gian hàng riêng trên ba sàn "
            "thương mại điện tử lớn. Mỗi tháng, hợp tác xã giao đi khoảng 15 tấn rau, củ, quả "
            "ôn đới tới khách hàng ở các thành phố lớn.",
            "Chị Hoàng Thị Lan, giám đốc hợp tác xã, cho biết nhóm liên kết với hơn 40 hộ, "
            "trong đó có nhiều hộ đồng bào Xơ Đăng, trồng rau theo quy trình an toàn. Sản "
            "phẩm được sơ chế, đóng gói ngay tại xưởng, dán mã QR để người mua biết rõ vườn "
            "trồng và ngày thu hoạch.",
            "Vào mùa dâu tây, các thành viên thay phiên nhau phát trực tiếp từ vườn mỗi tối, "
            "giới thiệu cách trồng, cách hái cho khách xem. Nhờ vậy, sản phẩm thường bán hết "
            "ngay trong ngày, có hôm phải từ chối bớt đơn vì không đủ hàng, giá bán cao hơn "
            "bán cho thương lái khoảng 20%.",
            "Khó khăn lớn nhất hiện nay là chi phí vận chuyển hàng tươi về xuôi còn cao, kho "
            "lạnh chưa đủ. Hợp tác xã đang đề nghị được vay vốn ưu đãi để đầu tư thêm kho "
            "lạnh, đồng thời mong huyện hỗ trợ xây dựng nhãn hiệu chung cho rau Măng Đen.",
        ],
        "subheading": "Bán hàng trực tiếp từ vườn rau",
        "quote": None,
        "bylines": [("le-quang-dat", "Phóng viên"), ("a-thuan", "Cộng tác viên")],
        "tags": ["Măng Đen", "Nông thôn mới"],
        "image": {
            "alt": "Thành viên hợp tác xã đóng gói rau bắp cải vào thùng giấy",
            "caption": "Rau ôn đới được sơ chế, đóng gói trước khi gửi cho khách đặt qua mạng.",
            "credit": "Ảnh: Lê Quang Đạt",
            "motif": "mountain",
        },
        "days_ago": 0.8,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
]

# --- Xã hội ------------------------------------------------------------------------------------
STORIES += [
    {
        "title": "Trường bán trú ở Đăk Glei sẵn sàng đón học sinh trước năm học mới",
        "section": "xa-hoi",
        "standfirst": (
            "Với hơn 1.200 học sinh ở bán trú, các trường vùng cao huyện Đăk Glei đang gấp "
            "rút sửa phòng ở, bếp ăn và vận động học sinh trở lại lớp đúng hạn."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Còn hơn hai tuần nữa mới khai giảng, nhưng tại Trường Phổ thông "
            "dân tộc bán trú Tiểu học và Trung học cơ sở xã Đăk Nhoong, huyện Đăk Glei, thầy "
            "cô đã có mặt đầy đủ. Người sửa giường tầng, người dọn bếp, người đi từng làng "
            "nhắc phụ huynh chuẩn bị cho con đến trường.",
            "Năm học này, trường có gần 300 học sinh ở bán trú, chủ yếu là con em đồng bào "
            "Giẻ Triêng ở các làng cách trường từ 5 đến 12 km. Nhờ nguồn kinh phí hỗ trợ của "
            "tỉnh, khu nhà ở được thay mái tôn, lắp thêm hệ thống nước nóng dùng cho những "
            "tháng mùa lạnh.",
            "Bếp ăn của trường vừa được cải tạo, trang bị tủ nấu cơm, tủ lạnh bảo quản thực "
            "phẩm. Ngoài tiền ăn và gạo hỗ trợ hằng tháng theo chính sách, nhà trường vận "
            "động thêm các nhà hảo tâm, đồng thời tự trồng rau, nuôi gà để bữa ăn của các em "
            "đủ chất hơn.",
            "Theo Phòng Giáo dục và Đào tạo huyện, toàn huyện có 14 trường phổ thông dân tộc "
            "bán trú với hơn 1.200 học sinh ở lại trường. Năm nay, ngành giáo dục đặt mục "
            "tiêu không để học sinh bỏ học giữa chừng, nhất là ở các khối lớp chuyển cấp vốn "
            "có nguy cơ cao.",
            "Thầy Lê Văn Bình, hiệu trưởng nhà trường, cho biết điều khó nhất vẫn là giữ chân "
            "học sinh trong những tháng mùa mưa và mùa thu hoạch. Giáo viên vì thế phải phối "
            "hợp chặt chẽ với già làng, trưởng thôn, đến tận nhà vận động khi có em nghỉ học "
            "quá ba ngày.",
        ],
        "subheading": "Bữa cơm bán trú có thêm rau xanh, thịt cá",
        "quote": None,
        "bylines": [("pham-thu-ha", "Phóng viên"), ("tran-thi-mai", "Quay phim")],
        "tags": ["Giáo dục", "Dân tộc thiểu số"],
        "image": {
            "alt": "Giáo viên và học sinh dọn dẹp khu nhà ở bán trú trước ngày khai giảng",
            "caption": "Thầy trò trường bán trú xã Đăk Nhoong chuẩn bị phòng ở cho năm học mới.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "school",
        },
        "days_ago": 4.5,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Bệnh viện Đa khoa tỉnh triển khai kỹ thuật can thiệp tim mạch mới",
        "section": "xa-hoi",
        "standfirst": (
            "Người bệnh nhồi máu cơ tim cấp giờ đây có thể được can thiệp đặt stent ngay tại "
            "tỉnh, không phải chuyển tuyến hàng trăm cây số."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Bệnh viện Đa khoa tỉnh vừa đưa vào hoạt động đơn vị can thiệp "
            "tim mạch với hệ thống chụp mạch số hóa xóa nền hiện đại. Ngay trong tuần đầu "
            "vận hành, các bác sĩ đã can thiệp thành công cho 6 bệnh nhân bị hẹp, tắc động "
            "mạch vành, trong đó có 2 ca cấp cứu.",
            "Bệnh nhân đầu tiên là ông R.C.H., 62 tuổi, người Gia Rai ở huyện Sa Thầy, nhập "
            "viện trong tình trạng đau ngực dữ dội. Sau khoảng 40 phút can thiệp, nhánh mạch "
            "vành bị tắc được khai thông; ông qua cơn nguy kịch và có thể đi lại nhẹ nhàng "
            "sau hai ngày theo dõi.",
            "Trước đây, bệnh nhân tim mạch nặng phải chuyển xuống các bệnh viện tuyến trên ở "
            "Đà Nẵng hoặc Buôn Ma Thuột, mất từ 5 đến 7 tiếng di chuyển. Nhiều trường hợp lỡ "
            "mất “thời gian vàng”, để lại di chứng suy tim, thậm chí tử vong trên đường "
            "chuyển viện.",
            "Để triển khai kỹ thuật, bệnh viện đã cử 8 bác sĩ, điều dưỡng đi đào tạo dài hạn, "
            "đồng thời nhận chuyển giao từ bệnh viện tuyến trung ương. Phần lớn chi phí can "
            "thiệp được bảo hiểm y tế chi trả, giúp người bệnh nghèo, người dân tộc thiểu số "
            "giảm bớt gánh nặng.",
        ],
        "subheading": None,
        "quote": (
            "Với bệnh tim mạch, thời gian là cơ tim; can thiệp sớm một giờ là giữ lại được "
            "rất nhiều cơ hội sống cho người bệnh."
        ),
        "bylines": [("pham-thu-ha", "Phóng viên")],
        "tags": ["Y tế"],
        "image": {
            "alt": "Ê-kíp bác sĩ mặc áo chì thực hiện can thiệp trong phòng chụp mạch",
            "caption": "Các bác sĩ Bệnh viện Đa khoa tỉnh can thiệp mạch vành cho người bệnh.",
            "credit": "Ảnh: Phạm Thu Hà",
            "motif": "city",
        },
        "days_ago": 15.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Hơn 200 căn nhà đại đoàn kết được bàn giao cho hộ nghèo vùng cao",
        "section": "xa-hoi",
        "standfirst": (
            "Sau sáu tháng thi công, những căn nhà kiên cố đã thay cho mái tranh vách nứa của "
            "nhiều hộ nghèo ở các huyện Tu Mơ Rông, Kon Plông và Đăk Glei."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh vừa bàn giao 215 căn nhà "
            "đại đoàn kết cho các hộ nghèo, hộ có hoàn cảnh khó khăn ở vùng cao. Mỗi căn nhà "
            "rộng từ 40 đến 60 mét vuông, được hỗ trợ 60 triệu đồng từ Quỹ Vì người nghèo và "
            "nguồn xã hội hóa.",
            "Gia đình bà Y Hơn ở làng Long Hy, xã Văn Xuôi, huyện Tu Mơ Rông là một trong "
            "những hộ đầu tiên nhận nhà. Bà bùi ngùi kể mấy mùa mưa trước, căn nhà gỗ cũ dột "
            "khắp nơi, các cháu phải ngủ co ro trong góc; nay có nhà mới, cả nhà không còn lo "
            "gió bão nữa.",
            "Đáng ghi nhận là nhiều căn nhà được dựng nhờ ngày công của chính người dân trong "
            "làng cùng đoàn viên thanh niên và bộ đội đóng quân trên địa bàn. Nhà được thiết "
            "kế phù hợp phong tục, giữ gian bếp lửa truyền thống theo đúng nguyện vọng của "
            "bà con.",
            "Theo Mặt trận Tổ quốc tỉnh, mục tiêu đến cuối năm tới cơ bản xóa nhà tạm, nhà "
            "dột nát trên địa bàn. Các địa phương được yêu cầu rà soát đúng đối tượng, công "
            "khai danh sách và gắn hỗ trợ nhà ở với hỗ trợ sinh kế để người dân thoát nghèo "
            "bền vững.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("a-thuan", "Phóng viên"), ("nguyen-van-hung", "Biên tập viên")],
        "tags": ["Nông thôn mới", "Dân tộc thiểu số"],
        "image": {
            "alt": "Căn nhà mới mái tôn xanh nằm dưới chân đồi, bên cạnh là nhà gỗ cũ",
            "caption": "Căn nhà đại đoàn kết vừa được bàn giao ở làng Long Hy, xã Văn Xuôi.",
            "credit": "Ảnh: A Thuận",
            "motif": "mountain",
        },
        "days_ago": 40.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Tiêm chủng mở rộng đến tận làng xa ở xã biên giới Mô Rai",
        "section": "xa-hoi",
        "standfirst": (
            "Vượt hàng chục cây số đường đất, nhân viên y tế xã Mô Rai mang vắc xin đến từng "
            "làng, giúp tỷ lệ tiêm chủng đầy đủ của trẻ em tăng rõ rệt."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Mỗi tháng hai lần, nhân viên Trạm Y tế xã Mô Rai, huyện Sa Thầy "
            "lại chất thùng vắc xin, sổ theo dõi lên xe máy để vào các làng xa nhất của xã "
            "biên giới. Có làng cách trạm hơn 30 km, mùa mưa đường trơn, nhiều đoạn phải dắt "
            "xe qua suối.",
            "Tại làng Le, buổi tiêm chủng được tổ chức ngay trong nhà rông. Già làng và nhân "
            "viên y tế thôn bản đi từng nhà nhắc các bà mẹ đưa con đến; cán bộ y tế khám sàng "
            "lọc, tư vấn cách chăm sóc trẻ sau tiêm bằng cả tiếng Rơ Măm và tiếng Việt.",
            "Nhờ cách làm này, tỷ lệ trẻ dưới một tuổi được tiêm chủng đầy đủ của xã đã tăng "
            "từ khoảng 70% lên hơn 92% sau hai năm. Các bệnh như sởi, ho gà, bạch hầu không "
            "ghi nhận ca mắc mới trên địa bàn trong thời gian này.",
            "Theo Trung tâm Kiểm soát bệnh tật tỉnh, thời gian tới ngành y tế sẽ trang bị "
            "thêm thùng bảo quản lạnh chuyên dụng, đồng thời hỗ trợ chi phí đi lại cho các tổ "
            "tiêm chủng lưu động ở những xã biên giới, vùng sâu, vùng xa.",
        ],
        "subheading": None,
        "quote": "Mình không đi vào thì các cháu không được tiêm, nên đường xa mấy cũng phải đi.",
        "bylines": [("pham-thu-ha", "Phóng viên"), ("a-thuan", "Cộng tác viên")],
        "tags": ["Y tế", "Biên giới"],
        "image": None,
        "days_ago": 18.3,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Đường liên xã mới giúp học sinh Tu Mơ Rông thôi cảnh lội suối đến trường",
        "section": "xa-hoi",
        "standfirst": (
            "Tuyến đường bê tông dài hơn 9 km cùng hai cây cầu vừa được đưa vào sử dụng, nối "
            "các làng của xã Đăk Tờ Kan với trung tâm huyện."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Sau gần hai năm thi công, tuyến đường liên xã nối xã Đăk Tờ Kan "
            "với trung tâm huyện Tu Mơ Rông đã hoàn thành, đưa vào sử dụng. Công trình dài "
            "hơn 9 km, có hai cây cầu bê tông vượt suối, tổng mức đầu tư khoảng 85 tỷ đồng "
            "từ nguồn vốn chương trình mục tiêu quốc gia.",
            "Trước đây, học sinh các làng Đăk Ka, Kon Hia phải lội qua hai con suối để đến "
            "điểm trường chính. Mùa mưa nước dâng cao, nhiều hôm thầy cô phải cho các em "
            "nghỉ học hoặc cõng từng em qua suối, phụ huynh luôn trong cảnh thấp thỏm lo âu.",
            "Không chỉ học sinh, người dân cũng hưởng lợi rõ rệt. Xe tải nhỏ đã vào tận làng "
            "thu mua sâm dây, cà phê, quế; giá bán tăng vì bà con không còn phải gùi bộ ra "
            "đường lớn. Quãng đường từ làng đến trạm y tế xã rút ngắn còn khoảng 20 phút đi "
            "xe máy.",
            "Chủ tịch UBND xã Đăk Tờ Kan cho biết xã sẽ thành lập tổ tự quản để bảo vệ mặt "
            "đường, cắm biển cảnh báo tại các đoạn cua nguy hiểm. Huyện cũng đang đề xuất "
            "nguồn vốn để làm tiếp nhánh đường vào hai làng còn lại của xã trong năm tới.",
        ],
        "subheading": "Nông sản ra chợ nhanh hơn",
        "quote": "Có đường rồi, con mình đi học không còn sợ lũ cuốn nữa.",
        "bylines": [("le-quang-dat", "Phóng viên"), ("tran-thi-mai", "Nhiếp ảnh")],
        "tags": ["Giáo dục", "Nông thôn mới", "An toàn giao thông"],
        "image": {
            "alt": "Học sinh đạp xe trên con đường bê tông mới uốn lượn giữa đồi núi",
            "caption": "Học sinh xã Đăk Tờ Kan đến trường trên tuyến đường liên xã mới.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "road",
        },
        "days_ago": 7.7,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Thanh niên tình nguyện mở lớp dạy tiếng Việt cho trẻ em làng Ba Na",
        "section": "xa-hoi",
        "standfirst": (
            "Những tối mùa hè, nhà rông làng Kon Rơ Lang sáng đèn với lớp học tiếng Việt dành "
            "cho trẻ chuẩn bị vào lớp Một."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Hè này, đội thanh niên tình nguyện của một trường cao đẳng trên "
            "địa bàn đã mở lớp học tiếng Việt miễn phí cho gần 40 trẻ em người Ba Na chuẩn bị "
            "vào lớp Một tại làng Kon Rơ Lang, xã Đăk Blà, thành phố Kon Tum. Lớp học diễn ra "
            "mỗi tối trong nhà rông của làng.",
            "Phần lớn các em ở nhà chỉ nói tiếng Ba Na, khi vào lớp Một thường bỡ ngỡ, khó "
            "theo kịp bài. Các tình nguyện viên dùng tranh ảnh, bài hát và trò chơi để dạy "
            "các em chữ cái, số đếm cùng những câu chào hỏi đơn giản bằng tiếng Việt.",
            "Điều đặc biệt là nhiều tình nguyện viên cũng là người Ba Na, có thể giải thích "
            "cho các em bằng tiếng mẹ đẻ. Phụ huynh trong làng thay nhau nấu nước, dọn nhà "
            "rông, có hôm mang cả bắp, khoai đến cho các cô giáo trẻ và học trò ăn sau giờ "
            "học.",
            "Kết thúc khóa học, đội tình nguyện dự kiến tặng mỗi em một bộ sách vở, đồ dùng "
            "học tập. Ban chỉ huy chiến dịch cho biết sẽ đề xuất nhân rộng mô hình sang các "
            "làng khác, gắn với chương trình tăng cường tiếng Việt của ngành giáo dục.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("a-thuan", "Phóng viên")],
        "tags": ["Giáo dục", "Dân tộc thiểu số"],
        "image": {
            "alt": "Trẻ em ngồi quây quần quanh tấm bảng nhỏ trong nhà rông",
            "caption": "Lớp học tiếng Việt buổi tối tại nhà rông làng Kon Rơ Lang.",
            "credit": "Ảnh: A Thuận",
            "motif": "school",
        },
        "days_ago": 0.4,
        "status": "draft",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
]

# --- Văn hóa – Thể thao – Du lịch -------------------------------------------------------------
STORIES += [
    {
        "title": "Măng Đen đón lượng khách kỷ lục trong kỳ nghỉ lễ vừa qua",
        "section": "van-hoa-the-thao-du-lich",
        "standfirst": (
            "Trong bốn ngày nghỉ lễ, khu du lịch Măng Đen đón khoảng 85.000 lượt khách, nhiều "
            "cơ sở lưu trú kín phòng từ hai tuần trước."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Theo Ban Quản lý Khu du lịch Măng Đen, trong bốn ngày nghỉ lễ "
            "vừa qua, thị trấn vùng cao của huyện Kon Plông đón khoảng 85.000 lượt khách, cao "
            "nhất từ trước đến nay. Doanh thu từ hoạt động du lịch ước đạt hơn 120 tỷ đồng, "
            "tăng gần 30% so với cùng kỳ năm trước.",
            "Các điểm đến quen thuộc như hồ Đăk Ke, thác Pa Sỹ luôn đông du khách từ sáng "
            "sớm. Nhiều homestay, khu cắm trại trong rừng thông đã kín phòng từ hai tuần "
            "trước, một số khách phải xuống thành phố Kon Tum hoặc các xã lân cận tìm chỗ "
            "nghỉ qua đêm.",
            "Lượng khách tăng đột biến cũng tạo ra nhiều áp lực. Ùn tắc cục bộ xảy ra trên "
            "Quốc lộ 24 đoạn qua đèo Măng Đen vào chiều cuối kỳ nghỉ; rác thải tại một số "
            "điểm cắm trại chưa được thu gom kịp thời, gây phản cảm cho du khách và người "
            "dân địa phương.",
            "Lãnh đạo huyện Kon Plông cho biết sẽ tăng cường lực lượng hướng dẫn giao thông "
            "vào các dịp cao điểm, bố trí thêm điểm tập kết rác và kiểm tra việc niêm yết giá "
            "dịch vụ. Về lâu dài, huyện đang hoàn thiện quy hoạch để phát triển du lịch gắn "
            "với bảo vệ rừng.",
        ],
        "subheading": "Áp lực lên hạ tầng và môi trường",
        "quote": (
            "Khách đến đông là mừng, nhưng giữ được rừng thông, giữ được không khí trong lành "
            "mới là giữ được Măng Đen."
        ),
        "bylines": [("nguyen-van-hung", "Phóng viên"), ("tran-thi-mai", "Quay phim")],
        "tags": ["Măng Đen", "Du lịch"],
        "image": {
            "alt": "Du khách chèo thuyền trên mặt hồ phẳng lặng giữa rừng thông Măng Đen",
            "caption": "Du khách tham quan hồ Đăk Ke, thị trấn Măng Đen trong kỳ nghỉ lễ.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "mountain",
        },
        "days_ago": 5.6,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Khai mạc Lễ hội văn hóa cồng chiêng các dân tộc tỉnh Kon Tum",
        "section": "van-hoa-the-thao-du-lich",
        "standfirst": (
            "Tối nay, hơn 600 nghệ nhân đến từ các làng trong tỉnh cùng hòa nhịp chiêng trong "
            "đêm khai mạc lễ hội tại thành phố Kon Tum."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Tối nay, Lễ hội văn hóa cồng chiêng các dân tộc tỉnh Kon Tum "
            "chính thức khai mạc tại thành phố Kon Tum. Tham gia lễ hội có hơn 600 nghệ nhân, "
            "diễn viên quần chúng thuộc 20 đội cồng chiêng đến từ các huyện, thành phố và "
            "đoàn nghệ thuật của các tỉnh bạn.",
            "Chương trình khai mạc tái hiện không gian sinh hoạt của các làng Ba Na, Xơ Đăng, "
            "Gia Rai, Giẻ Triêng, Brâu và Rơ Măm với những điệu xoang mừng lúa mới, mừng nhà "
            "rông. Nhiều nghệ nhân cao tuổi đưa con cháu cùng tham gia, truyền lại cách đánh "
            "chiêng theo bài bản của làng.",
            "Trong ba ngày diễn ra lễ hội, du khách có thể xem thi diễn tấu cồng chiêng, "
            "trình diễn trang phục truyền thống, thi giã gạo, nấu cơm lam và trưng bày sản "
            "phẩm dệt thổ cẩm. Khu ẩm thực với các món ăn đặc trưng của đồng bào các dân tộc "
            "được bố trí dọc bờ sông Đăk Bla.",
            "Theo Ban Tổ chức, lễ hội là dịp tôn vinh các nghệ nhân, khẳng định giá trị của "
            "di sản văn hóa cồng chiêng Tây Nguyên và quảng bá hình ảnh vùng đất Kon Tum tới "
            "du khách. Tất cả các hoạt động trong khuôn khổ lễ hội đều mở cửa miễn phí cho "
            "người dân.",
        ],
        "subheading": None,
        "quote": (
            "Tiếng chiêng là tiếng nói của làng; làng còn đánh chiêng là làng còn giữ được "
            "hồn mình."
        ),
        "bylines": [
            ("a-thuan", "Phóng viên"),
            ("tran-thi-mai", "Quay phim"),
            ("pham-thu-ha", "Biên tập viên"),
        ],
        "tags": ["Dân tộc thiểu số", "Du lịch", "Kon Tum"],
        "image": {
            "alt": "Các nghệ nhân mặc trang phục truyền thống đánh cồng chiêng quanh đống lửa",
            "caption": "Đội cồng chiêng tham gia lễ hội tập luyện trước giờ khai mạc.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "festival",
        },
        "days_ago": 0.1,
        "status": "published",
        "scheduled_in_hours": 20,
        "allow_comments": True,
    },
    {
        "title": "Đội bóng đá tỉnh giành vé vào vòng chung kết giải hạng Ba quốc gia",
        "section": "van-hoa-the-thao-du-lich",
        "standfirst": (
            "Chiến thắng 2-1 trên sân nhà giúp đội bóng đá tỉnh giành ngôi nhì bảng, lần đầu "
            "có mặt ở vòng chung kết sau nhiều năm chờ đợi."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Chiều qua, trên sân vận động tỉnh, đội bóng đá Kon Tum đã vượt "
            "qua đối thủ đến từ duyên hải miền Trung với tỷ số 2-1 ở lượt trận cuối vòng bảng "
            "giải hạng Ba quốc gia. Với kết quả này, đội bóng cao nguyên giành vị trí thứ "
            "nhì bảng và chính thức góp mặt ở vòng chung kết.",
            "Trước gần 5.000 khán giả nhà, đội khách bất ngờ mở tỷ số ngay phút thứ 12 từ một "
            "tình huống phạt góc. Không nao núng, các cầu thủ Kon Tum kiên nhẫn triển khai "
            "bóng và gỡ hòa ở cuối hiệp một nhờ cú đánh đầu của trung vệ A Sơn sau quả đá "
            "phạt bên cánh trái.",
            "Bàn thắng quyết định đến ở phút 78 do tiền đạo trẻ Y Kiên ghi sau pha phối hợp "
            "một – hai đẹp mắt. Đáng chú ý, hơn một nửa đội hình là cầu thủ người dân tộc "
            "thiểu số, trưởng thành từ các giải bóng đá phong trào ở buôn làng trước khi được "
            "tuyển chọn vào đội.",
            "Huấn luyện viên trưởng cho biết cả đội sẽ có một tuần nghỉ ngơi, hồi phục trước "
            "khi bước vào đợt tập trung cho vòng chung kết. Mục tiêu của đội là thi đấu hết "
            "mình để giành vé thăng hạng, đem lại niềm vui cho người hâm mộ bóng đá cao "
            "nguyên.",
        ],
        "subheading": "Những cầu thủ trưởng thành từ sân đất làng",
        "quote": None,
        "bylines": [("dang-minh-tuan", "Phóng viên")],
        "tags": ["Bóng đá", "Kon Tum"],
        "image": {
            "alt": "Cầu thủ áo đỏ ăn mừng bàn thắng trước khán đài đông kín cổ động viên",
            "caption": "Các cầu thủ Kon Tum ăn mừng bàn thắng quyết định ở phút 78.",
            "credit": "Ảnh: Đặng Minh Tuấn",
            "motif": "football",
        },
        "days_ago": 2.9,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Phục dựng lễ mừng lúa mới của người Xơ Đăng ở huyện Kon Rẫy",
        "section": "van-hoa-the-thao-du-lich",
        "standfirst": (
            "Sau nhiều năm vắng bóng, lễ mừng lúa mới của người Xơ Đăng được làng Kon Rá phục "
            "dựng đầy đủ nghi thức, thu hút đông đảo bà con và du khách."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Trong hai ngày cuối tuần, tại làng Kon Rá, xã Đăk Kôi, huyện Kon "
            "Rẫy, ngành văn hóa phối hợp với chính quyền địa phương phục dựng lễ mừng lúa mới "
            "của người Xơ Đăng. Lễ được tiến hành theo đúng trình tự truyền thống, do các già "
            "làng trực tiếp hướng dẫn.",
            "Từ sáng sớm, những gùi lúa đầu tiên được phụ nữ trong làng mang từ rẫy về nhà "
            "rông. Già làng làm lễ cúng thần lúa, cảm tạ trời đất cho mùa màng bội thu, cầu "
            "mong năm tới mưa thuận gió hòa. Sau nghi lễ, cả làng cùng ăn cơm mới, uống rượu "
            "cần, hòa vào vòng xoang.",
            "Theo các già làng, lễ mừng lúa mới từng là sự kiện lớn nhất trong năm của người "
            "Xơ Đăng, nhưng khoảng hai chục năm nay gần như không còn được tổ chức trọn vẹn. "
            "Nhiều bạn trẻ lần đầu được chứng kiến, được hướng dẫn cách đánh chiêng, cách múa "
            "theo nghi thức của làng.",
            "Ngành văn hóa cho biết toàn bộ lễ hội được ghi hình, tư liệu hóa để phục vụ công "
            "tác bảo tồn. Thời gian tới, tỉnh sẽ hỗ trợ các làng duy trì lễ hội định kỳ, gắn "
            "với phát triển du lịch cộng đồng, giúp bà con có thêm thu nhập từ chính văn hóa "
            "của mình.",
        ],
        "subheading": None,
        "quote": (
            "Lúa mới về thì phải mời thần lúa ăn trước, người ăn sau; đó là cách ông bà dạy "
            "mình biết ơn đất rẫy."
        ),
        "bylines": [("a-thuan", "Phóng viên"), ("tran-thi-mai", "Nhiếp ảnh")],
        "tags": ["Dân tộc thiểu số", "Du lịch"],
        "image": {
            "alt": "Phụ nữ Xơ Đăng gùi lúa mới về nhà rông trong ngày lễ",
            "caption": "Phụ nữ làng Kon Rá mang những gùi lúa đầu mùa về nhà rông.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "festival",
        },
        "days_ago": 24.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Nhà rông giữa phố trở thành điểm đến hấp dẫn du khách ở Kon Tum",
        "section": "van-hoa-the-thao-du-lich",
        "standfirst": (
            "Những mái nhà rông cao vút giữa lòng thành phố đang trở thành điểm dừng chân "
            "không thể thiếu của du khách khi đến Kon Tum."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Nằm bên bờ sông Đăk Bla, nhà rông làng Kon Klor từ lâu đã là một "
            "biểu tượng của thành phố Kon Tum. Mỗi ngày, nơi đây đón hàng trăm lượt khách "
            "trong và ngoài nước đến tham quan, chụp ảnh và tìm hiểu về đời sống văn hóa của "
            "người Ba Na.",
            "Ông A Blui, một người cao tuổi trong làng, thường có mặt ở nhà rông để kể cho du "
            "khách nghe về cách dựng mái, chọn gỗ và ý nghĩa những hoa văn trên cột. Theo "
            "ông, nhà rông là nơi cả làng họp bàn việc chung, tiếp khách quý và tổ chức các "
            "lễ hội quan trọng.",
            "Nắm bắt nhu cầu của du khách, một số hộ trong làng mở dịch vụ ẩm thực, bán hàng "
            "thổ cẩm, đồ mây tre đan. Tối thứ bảy hằng tuần, đội cồng chiêng của làng biểu "
            "diễn phục vụ khách, vừa tạo thêm thu nhập vừa giúp lớp trẻ có dịp luyện tập các "
            "bài chiêng cổ.",
            "Ngoài Kon Klor, nhà rông ở một số làng ven đô khác cũng được đưa vào các tuyến "
            "tham quan thành phố. Nhiều công ty lữ hành đã thiết kế tour nửa ngày kết hợp nhà "
            "rông, cầu treo Kon Klor và nhà thờ gỗ, được du khách đánh giá cao về trải "
            "nghiệm.",
            "Tuy vậy, phát triển du lịch cần đi đôi với giữ gìn không gian văn hóa. Ngành văn "
            "hóa khuyến cáo không thương mại hóa quá mức, hạn chế các hoạt động ồn ào, sai "
            "lệch phong tục, đồng thời hướng dẫn du khách ứng xử đúng mực khi bước vào nhà "
            "rông.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("pham-thu-ha", "Phóng viên")],
        "tags": ["Du lịch", "Kon Tum"],
        "image": {
            "alt": "Mái nhà rông cao vút nổi bật trên nền trời xanh bên bờ sông",
            "caption": "Nhà rông làng Kon Klor, điểm tham quan quen thuộc của du khách.",
            "credit": "Ảnh: Phạm Thu Hà",
            "motif": "city",
        },
        "days_ago": 45.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Giải chạy đường mòn Măng Đen thu hút gần một nghìn vận động viên",
        "section": "van-hoa-the-thao-du-lich",
        "standfirst": (
            "Giải chạy xuyên rừng thông, đồi cỏ và suối nước ở Măng Đen lần thứ hai đã thu "
            "hút đông đảo vận động viên chuyên nghiệp lẫn phong trào."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Sáng chủ nhật, giải chạy đường mòn Măng Đen lần thứ hai đã diễn "
            "ra tại huyện Kon Plông với gần 1.000 vận động viên tham gia ở bốn cự ly 10, 21, "
            "42 và 70 km. Đường chạy đi qua rừng thông, đồi cỏ, suối nước và nhiều làng đồng "
            "bào Xơ Đăng.",
            "Ở cự ly dài nhất 70 km, vận động viên Trần Quốc Bảo đến từ TP Hồ Chí Minh về "
            "nhất với thời gian hơn 8 giờ. Nhiều người tham gia đánh giá cung đường đẹp nhưng "
            "đầy thử thách, nhất là đoạn dốc dài gần 5 km lên đỉnh đồi phía đông thị trấn "
            "vào lúc trời nắng gắt.",
            "Đáng chú ý, hàng chục thanh niên ở các làng của xã Đăk Long đã tham gia làm tình "
            "nguyện viên, dẫn đường và phục vụ các trạm tiếp nước. Nhiều gia đình mở cửa cho "
            "vận động viên nghỉ chân, bày bán măng rừng, mật ong, tạo nên không khí vui như "
            "ngày hội.",
            "Theo Ban Tổ chức, giải chạy góp phần quảng bá hình ảnh Măng Đen như một điểm đến "
            "du lịch thể thao. Sau giải, các tình nguyện viên đã thu gom toàn bộ rác thải dọc "
            "đường chạy, bảo đảm không để lại dấu vết ảnh hưởng tới cảnh quan rừng.",
        ],
        "subheading": "Người dân làng góp sức cùng ban tổ chức",
        "quote": None,
        "bylines": [("dang-minh-tuan", "Phóng viên"), ("tran-thi-mai", "Nhiếp ảnh")],
        "tags": ["Măng Đen", "Du lịch"],
        "image": {
            "alt": "Các vận động viên chạy thành hàng dài trên con đường mòn giữa rừng thông",
            "caption": "Vận động viên trên cung đường xuyên rừng thông ở cự ly 21 km.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "forest",
        },
        "days_ago": 52.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
]

# --- Pháp luật & Đời sống ----------------------------------------------------------------------
STORIES += [
    {
        "title": "Tòa án tỉnh xét xử vụ án khai thác rừng trái phép ở Sa Thầy",
        "section": "phap-luat-doi-song",
        "standfirst": (
            "Năm bị cáo bị tuyên phạt tổng cộng 27 năm tù về tội hủy hoại rừng và vi phạm quy "
            "định về khai thác, bảo vệ rừng."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Ngày hôm qua, Tòa án nhân dân tỉnh mở phiên tòa sơ thẩm xét xử 5 "
            "bị cáo trong vụ án khai thác rừng trái phép tại tiểu khu giáp ranh giữa hai xã "
            "Rờ Kơi và Mô Rai, huyện Sa Thầy. Các bị cáo bị truy tố về tội hủy hoại rừng và "
            "vi phạm quy định về khai thác, bảo vệ rừng.",
            "Theo cáo trạng, trong khoảng ba tháng, nhóm này đã thuê người dùng cưa máy chặt "
            "hạ cây gỗ lớn trong rừng phòng hộ, sau đó tập kết, vận chuyển ra ngoài tiêu thụ. "
            "Hơn 12 ha rừng bị phá, khối lượng gỗ bị khai thác trái phép được xác định trên "
            "150 mét khối.",
            "Tại phiên tòa, các bị cáo khai nhận hành vi phạm tội như nội dung cáo trạng đã "
            "nêu. Hội đồng xét xử nhận định hành vi của các bị cáo đặc biệt nghiêm trọng, gây "
            "thiệt hại lớn về tài nguyên rừng, ảnh hưởng đến môi trường sinh thái và nguồn "
            "nước của cả khu vực.",
            "Kết thúc phiên tòa, Hội đồng xét xử tuyên phạt bị cáo chủ mưu 9 năm tù, bốn bị "
            "cáo còn lại từ 3 đến 6 năm tù, đồng thời buộc các bị cáo liên đới bồi thường chi "
            "phí trồng lại rừng. Phiên tòa được tổ chức lưu động để tuyên truyền pháp luật "
            "cho người dân địa phương.",
        ],
        "subheading": "Bản án nghiêm để răn đe",
        "quote": None,
        "bylines": [("dang-minh-tuan", "Phóng viên")],
        "tags": ["Phòng chống tội phạm", "Kon Tum"],
        "image": {
            "alt": "Những gốc cây lớn bị cưa hạ còn sót lại giữa khoảnh rừng trống",
            "caption": "Hiện trường khu rừng phòng hộ bị khai thác trái phép ở huyện Sa Thầy.",
            "credit": "Ảnh: Đặng Minh Tuấn",
            "motif": "forest",
        },
        "days_ago": 11.2,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": False,
    },
    {
        "title": "Cảnh báo thủ đoạn lừa đảo qua mạng nhắm vào người bán nông sản",
        "section": "phap-luat-doi-song",
        "standfirst": (
            "Giả danh thương lái, doanh nghiệp thu mua nông sản, các đối tượng dụ người dân "
            "chuyển tiền đặt cọc rồi cắt liên lạc."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Công an tỉnh vừa phát đi cảnh báo về thủ đoạn lừa đảo chiếm đoạt "
            "tài sản nhắm vào người bán cà phê, sâm dây, mắc ca trên mạng xã hội. Từ đầu năm "
            "đến nay, cơ quan công an đã tiếp nhận hơn 20 tin báo liên quan, số tiền bị chiếm "
            "đoạt lên tới gần 2 tỷ đồng.",
            "Theo cơ quan chức năng, các đối tượng thường lập tài khoản giả danh doanh nghiệp "
            "xuất khẩu, chủ động liên hệ đặt mua số lượng lớn với giá cao hơn thị trường. Sau "
            "đó, chúng yêu cầu người bán đóng phí “xác minh hợp đồng” hoặc chuyển tiền đặt "
            "cọc vận chuyển, rồi chặn liên lạc.",
            "Một nông dân ở huyện Đăk Hà cho biết đã chuyển 35 triệu đồng cho người tự xưng "
            "là nhân viên công ty xuất khẩu cà phê ở TP Hồ Chí Minh. Khi phát hiện bị lừa, "
            "anh đến công an trình báo thì tài khoản nhận tiền đã bị rút sạch chỉ sau vài "
            "phút.",
            "Công an tỉnh khuyến cáo người dân chỉ giao dịch với đối tác có thông tin rõ ràng, "
            "ưu tiên gặp trực tiếp, tuyệt đối không chuyển tiền cho người lạ dưới bất kỳ hình "
            "thức nào. Khi nghi ngờ bị lừa đảo, cần nhanh chóng báo cho ngân hàng và cơ quan "
            "công an gần nhất.",
        ],
        "subheading": None,
        "quote": (
            "Không có doanh nghiệp làm ăn đàng hoàng nào bắt người bán phải chuyển tiền trước."
        ),
        "bylines": [("dang-minh-tuan", "Phóng viên"), ("pham-thu-ha", "Biên tập viên")],
        "tags": ["Phòng chống tội phạm", "Cà phê"],
        "image": None,
        "days_ago": 0.15,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Tai nạn giao thông giảm nhờ tăng cường tuần tra trên Quốc lộ 14",
        "section": "phap-luat-doi-song",
        "standfirst": (
            "Sau sáu tháng tuần tra, kiểm soát liên tục, tai nạn giao thông trên Quốc lộ 14 "
            "đoạn qua tỉnh giảm cả về số vụ, số người chết và số người bị thương."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Theo Phòng Cảnh sát giao thông Công an tỉnh, sáu tháng đầu năm, "
            "trên tuyến Quốc lộ 14 đoạn qua địa bàn tỉnh xảy ra 21 vụ tai nạn giao thông, làm "
            "chết 12 người, bị thương 17 người. So với cùng kỳ năm trước, giảm 9 vụ, giảm 5 "
            "người chết và 8 người bị thương.",
            "Kết quả này có được nhờ lực lượng cảnh sát giao thông duy trì tuần tra, kiểm soát "
            "cả ngày lẫn đêm tại các đoạn thường xảy ra tai nạn, nhất là qua thị trấn Đăk Hà, "
            "Đăk Tô và khu vực đèo Lò Xo. Các lỗi vi phạm nồng độ cồn, chạy quá tốc độ, chở "
            "hàng quá tải được xử lý nghiêm.",
            "Trong sáu tháng, lực lượng chức năng đã lập biên bản hơn 6.000 trường hợp vi "
            "phạm, tạm giữ gần 900 phương tiện, nộp kho bạc trên 10 tỷ đồng tiền phạt. Riêng "
            "vi phạm nồng độ cồn chiếm gần một nửa, chủ yếu là người điều khiển xe máy sau "
            "các cuộc nhậu.",
            "Song song với xử lý vi phạm, công an các huyện phối hợp với nhà trường, đoàn "
            "thanh niên tuyên truyền về an toàn giao thông cho học sinh và người dân ở các "
            "làng ven quốc lộ. Nhiều làng đã đưa quy định “đã uống rượu thì không lái xe” vào "
            "hương ước.",
            "Dù vậy, nguy cơ tai nạn vẫn còn cao do lưu lượng xe tải, xe khách trên tuyến ngày "
            "càng tăng, nhiều đoạn đường hẹp, có đèo dốc nguy hiểm. Công an tỉnh cho biết sẽ "
            "lắp đặt thêm camera giám sát và tăng cường tuần tra vào ban đêm, dịp cuối tuần.",
        ],
        "subheading": "Xử lý nghiêm lỗi vi phạm nồng độ cồn",
        "quote": (
            "Mỗi lần dừng một xe vi phạm nồng độ cồn là có thể đã giữ lại được một mạng người."
        ),
        "bylines": [("dang-minh-tuan", "Phóng viên"), ("tran-thi-mai", "Quay phim")],
        "tags": ["An toàn giao thông"],
        "image": {
            "alt": "Cảnh sát giao thông kiểm tra nồng độ cồn người đi xe máy bên quốc lộ",
            "caption": "Tổ công tác kiểm tra nồng độ cồn trên Quốc lộ 14 đoạn qua huyện Đăk Hà.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "road",
        },
        "days_ago": 8.3,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Công an xã chính quy giúp giữ bình yên cho các làng vùng sâu",
        "section": "phap-luat-doi-song",
        "standfirst": (
            "Sau năm năm bố trí công an chính quy về xã, an ninh trật tự ở nhiều làng vùng sâu "
            "huyện Kon Rẫy, Kon Plông có chuyển biến rõ rệt."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Tại xã Đăk Tờ Re, huyện Kon Rẫy, trụ sở công an xã nằm sát "
            "trường học và trạm y tế, trở thành điểm đến quen thuộc của người dân khi cần "
            "giải quyết thủ tục hay trình báo sự việc. Các chiến sĩ ở đây thạo đường vào từng "
            "làng, nhớ tên nhiều hộ gia đình.",
            "Trung tá Nguyễn Minh Quang, Trưởng Công an xã, cho biết từ khi lực lượng chính "
            "quy về xã, các vụ trộm cắp tài sản, đánh nhau sau khi uống rượu giảm mạnh. Nhiều "
            "mâu thuẫn nhỏ trong làng được hòa giải ngay từ đầu, không để phát sinh thành vụ "
            "việc phức tạp.",
            "Bên cạnh nhiệm vụ giữ gìn an ninh trật tự, công an xã còn hỗ trợ người dân làm "
            "căn cước, kích hoạt tài khoản định danh điện tử và hướng dẫn sử dụng dịch vụ công "
            "trực tuyến. Vào mùa thu hoạch, các chiến sĩ còn giúp bà con neo đơn thu hái cà "
            "phê, lúa rẫy.",
            "Theo Công an tỉnh, hiện toàn bộ các xã, thị trấn trên địa bàn đã được bố trí công "
            "an chính quy. Thời gian tới, lực lượng này sẽ tiếp tục được đầu tư trụ sở, trang "
            "thiết bị, đồng thời được bồi dưỡng tiếng dân tộc để gần dân, hiểu dân hơn.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("a-thuan", "Phóng viên")],
        "tags": ["Phòng chống tội phạm", "Dân tộc thiểu số"],
        "image": {
            "alt": "Chiến sĩ công an xã trò chuyện với già làng trước nhà rông",
            "caption": "Công an xã Đăk Tờ Re nắm tình hình tại một làng vùng sâu.",
            "credit": "Ảnh: A Thuận",
            "motif": "mountain",
        },
        "days_ago": 30.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Trợ giúp pháp lý miễn phí cho đồng bào dân tộc thiểu số ở Ia H'Drai",
        "section": "phap-luat-doi-song",
        "standfirst": (
            "Các buổi trợ giúp pháp lý lưu động đã giúp hàng trăm người dân ở huyện biên giới "
            "trẻ nhất tỉnh hiểu rõ hơn quyền và nghĩa vụ của mình."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Trung tâm Trợ giúp pháp lý nhà nước tỉnh vừa tổ chức đợt trợ giúp "
            "pháp lý lưu động tại ba xã Ia Dom, Ia Đal và Ia Tơi thuộc huyện Ia H'Drai. Gần "
            "300 người dân, phần lớn là đồng bào Gia Rai, Ba Na và các hộ từ nơi khác đến lập "
            "nghiệp, đã tham dự.",
            "Các câu hỏi tập trung vào thủ tục cấp giấy chứng nhận quyền sử dụng đất, đăng ký "
            "khai sinh muộn cho trẻ em, chia tài sản khi ly hôn và tranh chấp hợp đồng mua bán "
            "nông sản. Nhiều trường hợp được trợ giúp viên hướng dẫn ngay tại chỗ, cùng soạn "
            "đơn gửi cơ quan có thẩm quyền.",
            "Để người dân dễ tiếp cận, mỗi buổi trợ giúp đều có phiên dịch viên tiếng Gia Rai, "
            "tài liệu được in kèm hình ảnh minh họa. Trung tâm cũng công bố số điện thoại "
            "đường dây nóng để người dân gọi hỏi thêm khi về nhà, không phải đi lại nhiều lần.",
            "Theo lãnh đạo Sở Tư pháp, Ia H'Drai là địa bàn có nhiều đặc thù, dân cư phân tán, "
            "đời sống còn khó khăn nên nhu cầu trợ giúp pháp lý rất lớn. Sở sẽ duy trì các đợt "
            "lưu động mỗi quý, đồng thời tập huấn cho cán bộ tư pháp xã và người có uy tín "
            "trong cộng đồng.",
        ],
        "subheading": None,
        "quote": (
            "Trước mình không biết hỏi ai, giờ luật sư về tận làng, nói cho mình hiểu bằng "
            "tiếng của mình."
        ),
        "bylines": [("pham-thu-ha", "Phóng viên"), ("a-thuan", "Cộng tác viên")],
        "tags": ["Dân tộc thiểu số", "Biên giới"],
        "image": {
            "alt": "Trợ giúp viên pháp lý ngồi giải đáp thắc mắc cho người dân tại hội trường xã",
            "caption": "Người dân xã Ia Dom được trợ giúp viên pháp lý tư vấn tại chỗ.",
            "credit": "Ảnh: Phạm Thu Hà",
            "motif": "river",
        },
        "days_ago": 36.5,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Phát hiện cơ sở kinh doanh phân bón không rõ nguồn gốc tại huyện Đăk Tô",
        "section": "phap-luat-doi-song",
        "standfirst": (
            "Lực lượng quản lý thị trường tạm giữ hơn 8 tấn phân bón có dấu hiệu vi phạm về "
            "nguồn gốc, chất lượng, chuẩn bị bán ra vào mùa bón phân."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Đội Quản lý thị trường phối hợp với công an huyện vừa kiểm tra "
            "một cơ sở kinh doanh vật tư nông nghiệp tại thị trấn Đăk Tô, huyện Đăk Tô. Tại "
            "thời điểm kiểm tra, cơ sở đang lưu giữ hơn 8 tấn phân bón các loại nhưng không "
            "xuất trình được hóa đơn, chứng từ chứng minh nguồn gốc.",
            "Nhiều bao phân bón in nhãn của các thương hiệu quen thuộc nhưng có dấu hiệu làm "
            "giả: chữ in mờ, thông tin nhà sản xuất không rõ ràng. Chủ cơ sở khai nhận mua "
            "lại từ một người lạ chở đến bằng xe tải, với giá rẻ hơn thị trường khoảng 30%.",
            "Lực lượng chức năng đã lấy mẫu gửi đi giám định chất lượng và tạm giữ toàn bộ số "
            "hàng để tiếp tục xác minh, xử lý theo quy định. Nếu kết quả giám định cho thấy "
            "đây là phân bón giả, chủ cơ sở có thể bị truy cứu trách nhiệm hình sự.",
            "Cơ quan chức năng khuyến cáo bà con chỉ mua phân bón tại các đại lý uy tín, có "
            "hóa đơn rõ ràng, cẩn trọng với hàng rẻ bất thường. Dùng phân bón giả không chỉ "
            "mất tiền mà còn làm giảm năng suất cà phê, lúa, ảnh hưởng đến cả một mùa vụ của "
            "gia đình.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("dang-minh-tuan", "Phóng viên"), ("le-quang-dat", "Cộng tác viên")],
        "tags": ["Phòng chống tội phạm", "Cà phê"],
        "image": {
            "alt": "Những bao phân bón xếp chồng trong kho bị lực lượng chức năng niêm phong",
            "caption": "Số phân bón không rõ nguồn gốc bị tạm giữ tại thị trấn Đăk Tô.",
            "credit": "Ảnh: Đặng Minh Tuấn",
            "motif": "rice",
        },
        "days_ago": 0.6,
        "status": "draft",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
]

# --- Nông nghiệp – Nông thôn -------------------------------------------------------------------
STORIES += [
    {
        "title": "Nông dân Sa Thầy xuống giống lúa nước vụ mùa trên cánh đồng mẫu lớn",
        "section": "nong-nghiep-nong-thon",
        "standfirst": (
            "Hơn 1.500 ha lúa nước vụ mùa ở huyện Sa Thầy đã được gieo cấy đúng lịch thời vụ, "
            "nhiều diện tích áp dụng cơ giới hóa đồng bộ."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Những ngày này, trên cánh đồng mẫu lớn ở xã Sa Nghĩa, huyện Sa "
            "Thầy, bà con nông dân tất bật làm đất, xuống giống lúa vụ mùa. Tiếng máy cày, "
            "máy cấy hòa lẫn tiếng nói cười, không khí ra đồng rộn ràng ngay từ sáng sớm đến "
            "tận chiều muộn.",
            "Năm nay, cánh đồng được quy hoạch lại bờ vùng, bờ thửa để máy móc dễ vận hành. "
            "Các hộ thống nhất gieo cấy cùng một giống lúa chất lượng cao, cùng lịch thời vụ, "
            "thuận lợi cho việc phòng trừ sâu bệnh và cho doanh nghiệp bao tiêu sản phẩm sau "
            "thu hoạch.",
            "Ông Rơ Mah Thuận ở làng Đăk Đe cho biết trước đây bà con cấy giống cũ, mỗi ha chỉ "
            "được khoảng 3,5 tấn. Từ khi tham gia cánh đồng mẫu, được hướng dẫn bón phân cân "
            "đối và dùng máy cấy, năng suất đã tăng lên hơn 5 tấn, hạt lúa đều, dễ bán hơn.",
            "Theo Phòng Nông nghiệp huyện, toàn huyện đã gieo cấy hơn 1.500 ha lúa nước vụ "
            "mùa, đạt gần 90% kế hoạch. Ngành chuyên môn khuyến cáo bà con thăm đồng thường "
            "xuyên, chủ động phòng trừ rầy nâu, bệnh đạo ôn khi thời tiết chuyển sang mưa "
            "nhiều.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("le-quang-dat", "Phóng viên"), ("tran-thi-mai", "Nhiếp ảnh")],
        "tags": ["Nông thôn mới", "Kon Tum"],
        "image": {
            "alt": "Máy cấy chạy trên thửa ruộng ngập nước, phía xa là dãy núi xanh",
            "caption": "Nông dân xã Sa Nghĩa dùng máy cấy lúa vụ mùa trên cánh đồng mẫu lớn.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "rice",
        },
        "days_ago": 3.8,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Xã Đăk Ruồng về đích nông thôn mới nâng cao sau ba năm nỗ lực",
        "section": "nong-nghiep-nong-thon",
        "standfirst": (
            "Từ một xã thuần nông, Đăk Ruồng đã đạt chuẩn nông thôn mới nâng cao nhờ sự đồng "
            "lòng của người dân và cách làm bài bản của chính quyền."
        ),
        "paragraphs": [
            "(kontumtv.vn) – UBND tỉnh vừa trao quyết định công nhận xã Đăk Ruồng, huyện Kon "
            "Rẫy đạt chuẩn nông thôn mới nâng cao. Sau ba năm nỗ lực, đường làng ngõ xóm của "
            "xã đã được bê tông hóa, nhà văn hóa thôn khang trang, các trường học đều đạt "
            "chuẩn quốc gia.",
            "Thu nhập bình quân đầu người của xã năm qua đạt gần 55 triệu đồng, tăng khoảng "
            "1,5 lần so với thời điểm bắt đầu xây dựng nông thôn mới nâng cao. Tỷ lệ hộ nghèo "
            "giảm còn dưới 2%, phần lớn các hộ đã có nhà kiên cố, nước sạch và phương tiện "
            "sinh hoạt thiết yếu.",
            "Điều làm nên thành công là sự đồng thuận của người dân. Trong ba năm, bà con đã "
            "tự nguyện hiến hơn 3 ha đất, đóng góp hàng nghìn ngày công để mở rộng đường giao "
            "thông nông thôn, xây dựng kênh mương nội đồng. Nhiều hộ tự tháo dỡ hàng rào, "
            "cổng ngõ mà không đòi bồi thường.",
            "Lãnh đạo huyện Kon Rẫy cho biết sau khi đạt chuẩn, xã sẽ tập trung phát triển sản "
            "xuất hàng hóa gắn với các sản phẩm OCOP như mật ong, rượu cần, đồng thời giữ gìn "
            "cảnh quan môi trường. Mục tiêu tiếp theo là xây dựng xã nông thôn mới kiểu mẫu "
            "trong giai đoạn tới.",
        ],
        "subheading": "Dân hiến đất, góp công làm đường",
        "quote": None,
        "bylines": [("nguyen-van-hung", "Phóng viên"), ("le-quang-dat", "Cộng tác viên")],
        "tags": ["Nông thôn mới"],
        "image": {
            "alt": "Con đường bê tông thẳng tắp chạy giữa hai hàng nhà mái tôn ở vùng quê",
            "caption": "Đường giao thông nông thôn ở xã Đăk Ruồng được mở rộng nhờ dân hiến đất.",
            "credit": "Ảnh: Nguyễn Văn Hùng",
            "motif": "road",
        },
        "days_ago": 14.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Trồng dược liệu dưới tán rừng mở hướng thoát nghèo cho đồng bào Xơ Đăng",
        "section": "nong-nghiep-nong-thon",
        "standfirst": (
            "Sâm dây, đương quy và nhiều loại dược liệu khác đang giúp các hộ Xơ Đăng ở Tu Mơ "
            "Rông có nguồn thu ổn định mà không phải phá rừng làm rẫy."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Ở làng Đăk Viên, xã Đăk Na, huyện Tu Mơ Rông, những dây sâm xanh "
            "mướt bò theo các giàn tre dưới tán rừng. Ba năm trước, phần lớn bà con trong "
            "làng vẫn đốt rẫy trồng mì; nay đã có hơn 30 hộ chuyển sang trồng dược liệu dưới "
            "tán rừng.",
            "Chị Y Thương kể gia đình chị trồng gần 1 ha sâm dây, vụ vừa rồi thu về khoảng 80 "
            "triệu đồng, gấp nhiều lần so với trồng mì trên cùng diện tích. Cây dược liệu cần "
            "bóng mát nên cả làng đều có ý thức giữ rừng, không ai chặt cây to như trước nữa.",
            "Để có vốn ban đầu, các hộ được vay ưu đãi từ Ngân hàng Chính sách xã hội và được "
            "hỗ trợ cây giống từ chương trình mục tiêu quốc gia phát triển kinh tế – xã hội "
            "vùng đồng bào dân tộc thiểu số. Cán bộ khuyến nông thường xuyên về làng hướng "
            "dẫn làm giàn, bón phân hữu cơ.",
            "Đầu ra hiện được một số doanh nghiệp dược liệu trong và ngoài tỉnh ký hợp đồng "
            "bao tiêu với giá sàn. Củ sâm dây sau thu hoạch được sơ chế, sấy khô ngay tại "
            "làng, giảm hao hụt và thuận tiện vận chuyển trên những con đường đèo dốc.",
            "Theo ngành nông nghiệp, diện tích dược liệu của tỉnh tập trung chủ yếu ở các "
            "huyện phía bắc. Tỉnh đang xây dựng vùng nguyên liệu tập trung, đi đôi với quản lý "
            "chặt giống và chất lượng để dược liệu Kon Tum giữ được uy tín trên thị trường.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("a-thuan", "Phóng viên")],
        "tags": ["Dân tộc thiểu số", "Nông thôn mới"],
        "image": {
            "alt": "Người phụ nữ Xơ Đăng chăm sóc giàn sâm dây xanh dưới tán cây rừng",
            "caption": "Chị Y Thương chăm sóc vườn sâm dây dưới tán rừng ở làng Đăk Viên.",
            "credit": "Ảnh: A Thuận",
            "motif": "forest",
        },
        "days_ago": 48.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Tái canh cà phê già cỗi bằng giống mới cho năng suất cao hơn",
        "section": "nong-nghiep-nong-thon",
        "standfirst": (
            "Nhiều vườn cà phê trồng từ thập niên 1990 ở huyện Đăk Hà đã được thay bằng giống "
            "mới, cho năng suất cao gấp hơn hai lần."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Vườn cà phê của ông Trần Văn Lợi ở xã Đăk Mar, huyện Đăk Hà từng "
            "chỉ cho khoảng 1,5 tấn nhân mỗi ha vì cây đã hơn 25 năm tuổi. Sau bốn năm tái "
            "canh bằng giống cà phê vối ghép cao sản, năng suất vườn đã đạt gần 4 tấn nhân "
            "mỗi ha.",
            "Ông Lợi cho biết tái canh đòi hỏi phải xử lý đất kỹ, để đất nghỉ hoặc luân canh "
            "cây ngắn ngày ít nhất một năm nhằm cắt nguồn tuyến trùng gây hại. Trong ba năm "
            "chưa có thu hoạch, gia đình trồng xen đậu, chuối để lấy ngắn nuôi dài.",
            "Theo ngành nông nghiệp, toàn tỉnh vẫn còn vài nghìn ha cà phê già cỗi, năng suất "
            "thấp cần tái canh hoặc ghép cải tạo. Tỉnh hỗ trợ một phần kinh phí mua giống, "
            "đồng thời phối hợp với các ngân hàng cho nông dân vay vốn với lãi suất ưu đãi.",
            "Cán bộ khuyến nông khuyến cáo người dân không dùng giống trôi nổi, chỉ mua cây "
            "giống tại các vườn ươm được cấp phép, đồng thời áp dụng tưới nước tiết kiệm. Khi "
            "vườn cây đồng đều, năng suất ổn định, nông dân mới có điều kiện tham gia chuỗi cà "
            "phê chất lượng cao.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("le-quang-dat", "Phóng viên")],
        "tags": ["Cà phê", "Kon Tum"],
        "image": {
            "alt": "Hàng cà phê non xanh tốt mới trồng xen giữa những cây chuối",
            "caption": "Vườn cà phê tái canh của gia đình ông Trần Văn Lợi ở xã Đăk Mar.",
            "credit": "Ảnh: Lê Quang Đạt",
            "motif": "coffee",
        },
        "days_ago": 19.5,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Kiên cố hóa kênh mương giúp chủ động nước tưới cho hàng trăm ha lúa",
        "section": "nong-nghiep-nong-thon",
        "standfirst": (
            "Gần 20 km kênh mương nội đồng được bê tông hóa trong năm qua đã giúp nhiều cánh "
            "đồng ở vùng cao làm hai vụ lúa ổn định."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Trước đây, cánh đồng rộng hơn 60 ha của thôn Đăk Lung, xã Kon "
            "Đào, huyện Đăk Tô chỉ làm được một vụ lúa nhờ nước trời. Mương đất dẫn nước từ "
            "đập về thường bị sạt lở, thất thoát, nhiều thửa ruộng cuối kênh khô nứt vào mùa "
            "khô.",
            "Từ khi tuyến kênh dài hơn 3 km được bê tông hóa, nước về tận chân ruộng, bà con "
            "đã chủ động làm hai vụ lúa mỗi năm. Ông Nguyễn Đình Sáu, trưởng thôn, cho biết "
            "năng suất bình quân tăng thêm khoảng 1 tấn mỗi ha, thu nhập của các hộ vì thế "
            "cũng khấm khá hơn.",
            "Trong năm qua, toàn tỉnh đã kiên cố hóa gần 20 km kênh mương nội đồng từ nguồn "
            "vốn chương trình nông thôn mới kết hợp với sự đóng góp của người dân. Nhiều địa "
            "phương áp dụng cách làm Nhà nước hỗ trợ xi măng, người dân góp ngày công và cát "
            "sỏi.",
            "Để công trình phát huy hiệu quả lâu dài, các xã đã thành lập tổ dùng nước, giao "
            "người dân tự quản lý, nạo vét định kỳ trước mỗi vụ. Năm tới, tỉnh tiếp tục ưu "
            "tiên vốn cho các tuyến kênh ở vùng đồng bào dân tộc thiểu số, nơi có nhiều diện "
            "tích lúa nước nhưng thiếu nguồn tưới.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("le-quang-dat", "Phóng viên"), ("pham-thu-ha", "Biên tập viên")],
        "tags": ["Nông thôn mới", "Đầu tư"],
        "image": {
            "alt": "Dòng nước chảy trong con kênh bê tông chạy dọc cánh đồng lúa xanh",
            "caption": "Tuyến kênh bê tông đưa nước về cánh đồng thôn Đăk Lung, xã Kon Đào.",
            "credit": "Ảnh: Lê Quang Đạt",
            "motif": "river",
        },
        "days_ago": 60.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
    {
        "title": "Mô hình nuôi cá lồng trên lòng hồ Ya Ly tăng thu nhập cho người dân",
        "section": "nong-nghiep-nong-thon",
        "standfirst": (
            "Tận dụng mặt nước lòng hồ thủy điện, nhiều hộ dân ở huyện Sa Thầy đã nuôi cá "
            "lồng, mỗi năm thu lãi hàng chục triệu đồng."
        ),
        "paragraphs": [
            "(kontumtv.vn) – Trên lòng hồ thủy điện Ya Ly đoạn qua xã Ya Xiêr, huyện Sa Thầy, "
            "hàng trăm lồng cá nổi bập bềnh giữa mặt nước xanh. Mô hình nuôi cá lồng được "
            "triển khai từ vài năm trước, đến nay đã có hơn 40 hộ tham gia, trong đó có nhiều "
            "hộ đồng bào Gia Rai.",
            "Anh Siu Blưnh cho biết gia đình anh nuôi 6 lồng cá rô phi, cá diêu hồng, mỗi lứa "
            "khoảng 6 tháng. Sau khi trừ chi phí thức ăn, con giống, mỗi năm gia đình lãi "
            "khoảng 70 triệu đồng, cao hơn nhiều so với chỉ trồng mì, trồng bắp như trước "
            "đây.",
            "Để hỗ trợ người dân, huyện đã mở các lớp tập huấn kỹ thuật nuôi, phòng bệnh cho "
            "cá, đồng thời hỗ trợ một phần kinh phí làm lồng và con giống cho hộ nghèo, hộ "
            "cận nghèo. Một hợp tác xã thủy sản cũng được thành lập để liên kết tiêu thụ, "
            "tránh cảnh bị thương lái ép giá.",
            "Tuy nhiên, ngành chức năng lưu ý người nuôi cần theo dõi mực nước hồ theo lịch "
            "vận hành của nhà máy thủy điện, không nuôi với mật độ quá dày để tránh ô nhiễm. "
            "Huyện đang xây dựng quy hoạch vùng nuôi cụ thể, bảo đảm phát triển bền vững gắn "
            "với bảo vệ nguồn nước.",
        ],
        "subheading": None,
        "quote": None,
        "bylines": [("a-thuan", "Phóng viên"), ("tran-thi-mai", "Quay phim")],
        "tags": ["Dân tộc thiểu số", "Kon Tum"],
        "image": {
            "alt": "Những dãy lồng cá nổi trên mặt hồ rộng, người dân chèo thuyền cho cá ăn",
            "caption": "Các lồng nuôi cá của người dân xã Ya Xiêr trên lòng hồ thủy điện Ya Ly.",
            "credit": "Ảnh: Trần Thị Mai",
            "motif": "river",
        },
        "days_ago": 1.0,
        "status": "published",
        "scheduled_in_hours": None,
        "allow_comments": True,
    },
]
