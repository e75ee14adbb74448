"""Seed the benchmark's own database: 2,000 stories, 50,000+ approved comments; and, for the
search benchmark (tests/bench/search.py), `seed_archive`: 100,000 stories over ten years.

Run by tests/bench/run.py (`manage.py shell -c "from tests.bench.seed import seed; seed()"`)
with DATABASE_URL pointing at the benchmark database.
The story under test (slug BENCH_SLUG) has 200 approved comments, threaded.
"""

import itertools
import random
import time
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.utils import timezone

from articles import search
from articles.models import Article, Author, Byline, Section, Tag
from articles.text import index_text, plain_text, search_words, vietnamese_slugify
from comments import decisions
from comments.models import Comment
from newsroom.demo import images

STORIES = 2000
COMMENTS = 50_000
BENCH_SLUG = "bai-bao-duoc-do-hieu-nang"
BENCH_COMMENTS = 200
TEXT = (
    "tỉnh Kon Tum đồng bào dân tộc cà phê cao su Măng Đen nông dân thu hoạch đường giao "
    "thông trường học bệnh viện lễ hội cồng chiêng du lịch đầu tư doanh nghiệp xã huyện "
    "chính quyền nhân dân phát triển kinh tế văn hóa thể thao pháp luật an ninh"
)
WORDS = TEXT.split()


def sentence(rng, n=14):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


@transaction.atomic
def seed():
    rng = random.Random(2026)
    now = timezone.now()
    sections = [
        Section.objects.create(name=name, order=i)
        for i, name in enumerate(
            ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa – Thể thao", "Pháp luật", "Nông nghiệp"]
        )
    ]
    authors = [Author.objects.create(name=f"Phóng viên {i}") for i in range(12)]
    tags = [Tag.objects.create(name=f"Chủ đề {i}") for i in range(30)]
    templates = []
    for i, motif in enumerate(["rice", "coffee", "mountain", "river", "city", "festival"]):
        story = Article(
            title=f"Ảnh mẫu {i}", section=sections[0], status="draft", image_alt="Ảnh minh họa"
        )
        story.image = ContentFile(images.draw(motif, seed=i), name=f"bench-{i}.jpg")
        story.save()
        templates.append(story)

    stories = []
    for n in range(STORIES):
        title = "Bài báo được đo hiệu năng" if n == 0 else f"{sentence(rng, 9)[:-1]} {n}"
        body = "".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(8))
        standfirst = sentence(rng, 25)
        image = templates[n % len(templates)]
        stories.append(
            Article(
                title=title,
                slug=vietnamese_slugify(title)[:190],
                standfirst=standfirst,
                body=body,
                section=sections[n % len(sections)],
                status="published",
                publish_at=now - timedelta(minutes=10 + n * 7),
                image=image.image.name,
                image_alt="Ảnh minh họa",
                image_caption="Ảnh minh họa cho bài viết",
                image_credit="Ảnh: Tòa soạn",
                image_width=image.image_width,
                image_height=image.image_height,
                image_renditions=image.image_renditions,
                search_text=index_text(title, standfirst, plain_text(body)),
            )
        )
    stories = Article.objects.bulk_create(stories, batch_size=500)
    Byline.objects.bulk_create(
        Byline(article=s, author=authors[i % len(authors)], role="Phóng viên", order=0)
        for i, s in enumerate(stories)
    )
    Article.tags.through.objects.bulk_create(
        Article.tags.through(article=s, tag=tags[(i * 7 + k) % len(tags)])
        for i, s in enumerate(stories)
        for k in range(3)
    )
    seed_comments(rng, stories, now)


def seed_comments(rng, stories, now):
    under_test = stories[0]
    thread = []
    for n in range(BENCH_COMMENTS):
        parent = rng.choice(thread) if thread and n % 3 else None
        comment = Comment.objects.create(
            article=under_test,
            parent=parent,
            name=f"Bạn đọc {n}",
            email=f"ban-doc-{n}@example.com",
            body=sentence(rng, 30),
            status=Comment.Status.APPROVED,
        )
        thread.append(comment)
    rest = [
        Comment(
            article=stories[1 + (n % (len(stories) - 1))],
            name=f"Độc giả {n}",
            email=f"doc-gia-{n % 5000}@example.com",
            body=sentence(rng, 25),
            status=Comment.Status.APPROVED,
        )
        for n in range(COMMENTS - BENCH_COMMENTS)
    ]
    Comment.objects.bulk_create(rest, batch_size=2000)
    decisions.recount([s.pk for s in stories])
    print(f"Seeded {Article.objects.count()} stories, {Comment.objects.count()} comments.")


# The search benchmark's archive (tests/bench/search.py): ten years of a provincial outlet.

ARCHIVE_STORIES = 100_000
ARCHIVE_YEARS = 10
# Words of provincial news, the most frequent first (drawn with Zipf weights by rank).
VOCABULARY = (
    """
của|và|các|là|được|trong|có|người|cho|những|với|đã|không|này|tỉnh|năm|về|đến|tại|một|
huyện|xã|cũng|đồng chí|để|theo|nhân dân|đồng bào|công tác|phát triển|kinh tế|thực hiện|
trên|khi|từ|như|nhiều|sau|đó|làm|còn|ra|sẽ|đang|vào|lại|nhưng|hơn|nên|bà con|
Kon Tum|địa phương|chính quyền|doanh nghiệp|cán bộ|đơn vị|hoạt động|triển khai|tổ chức|
ngày|tháng|thôn|làng|gia đình|nông dân|sản xuất|cây trồng|cà phê|cao su|sâm Ngọc Linh|
đầu tư|dự án|công trình|xây dựng|giao thông|đường|cầu|trường học|học sinh|giáo viên|
bệnh viện|y tế|sức khỏe|người dân|dân tộc|thiểu số|văn hóa|lễ hội|cồng chiêng|du lịch|
Măng Đen|nông thôn mới|giảm nghèo|hộ nghèo|hỗ trợ|chính sách|kế hoạch|chương trình|
mục tiêu|kết quả|hiệu quả|chất lượng|nâng cao|tăng cường|đẩy mạnh|quan tâm|chỉ đạo|
ủy ban|hội đồng|Đảng bộ|chi bộ|đảng viên|hội nghị|tổng kết|sơ kết|phong trào|thi đua|
khen thưởng|an ninh|trật tự|quốc phòng|biên giới|bộ đội|công an|pháp luật|vi phạm|xử lý|
tai nạn|cháy rừng|bảo vệ rừng|trồng rừng|môi trường|thiên tai|mưa lũ|sạt lở|khô hạn|
thu hoạch|giá|thị trường|tiêu thụ|xuất khẩu|hợp tác xã|sản phẩm|OCOP|chăn nuôi|thủy sản|
lúa|mì|rau|hoa|quả|mắc ca|chanh dây|bời lời|dược liệu|nhà|điện|nước sạch|thủy lợi|
vốn|ngân hàng|tín dụng|thuế|ngân sách|giải ngân|đấu thầu|quy hoạch|đất đai|tái định cư|
thanh niên|phụ nữ|cựu chiến binh|mặt trận|đoàn viên|hội viên|thiếu nhi|người cao tuổi|
thể thao|bóng đá|giải|vận động viên|huy chương|nghệ nhân|di sản|bảo tồn|truyền thống|
nhà rông|ghè|rượu cần|dệt thổ cẩm|Xơ Đăng|Ba Na|Gia Rai|Giẻ Triêng|Brâu|Rơ Măm|
học bổng|khai giảng|tốt nghiệp|kỳ thi|tuyển sinh|đại học|cao đẳng|nghề|việc làm|lao động|
xuất khẩu lao động|thu nhập|đời sống|ổn định|khó khăn|thuận lợi|thách thức|cơ hội|
chuyển đổi số|công nghệ|internet|điện thoại|ứng dụng|dịch vụ công|trực tuyến|hành chính|
cải cách|thủ tục|giấy tờ|hồ sơ|tiếp nhận|giải quyết|kiến nghị|khiếu nại|tố cáo|thanh tra|
kiểm tra|giám sát|đoàn|làm việc|tiếp xúc cử tri|đại biểu|Quốc hội|Hội đồng nhân dân|
kỳ họp|nghị quyết|quyết định|văn bản|hướng dẫn|quy định|luật|nghị định|thông tư|
sáng|chiều|tối|hôm nay|vừa qua|sắp tới|tuần|quý|đầu năm|cuối năm|Tết|xuân|mùa mưa|mùa khô|
trung tâm|thành phố|thị trấn|khu vực|vùng|miền núi|vùng sâu|vùng xa|cửa khẩu|Bờ Y|
Lào|Campuchia|Tây Nguyên|Gia Lai|Quảng Ngãi|Đắk Lắk|Đà Nẵng|Hà Nội|Thành phố Hồ Chí Minh|
tăng|giảm|đạt|vượt|hoàn thành|bắt đầu|kết thúc|tiếp tục|duy trì|mở rộng|thu hút|
đánh giá|phân tích|báo cáo|thông tin|tuyên truyền|phổ biến|giáo dục|vận động|khuyến khích|
an toàn|phòng chống|dịch bệnh|tiêm chủng|vắc xin|sốt xuất huyết|sốt rét|dinh dưỡng|
trẻ em|mầm non|tiểu học|trung học|bán trú|nội trú|ký túc xá|bữa ăn|sách giáo khoa|
công nhân|viên chức|công chức|lãnh đạo|Bí thư|Chủ tịch|Phó Chủ tịch|Giám đốc|Trưởng thôn|
già làng|người có uy tín|tôn giáo|đoàn kết|hòa giải|tranh chấp|mâu thuẫn|an sinh|
nhà ở|mái ấm|nhà tình nghĩa|gia đình chính sách|thương binh|liệt sĩ|tri ân|nghĩa trang|
hạ tầng|nâng cấp|sửa chữa|khởi công|khánh thành|bàn giao|nghiệm thu|tiến độ|chậm|
mưa|nắng|gió|nhiệt độ|thời tiết|dự báo|cảnh báo|khẩn cấp|ứng phó|cứu hộ|cứu nạn|
ma túy|trộm cắp|lừa đảo|mạng xã hội|tội phạm|bắt giữ|khởi tố|xét xử|tòa án|bản án|
cà phê xứ lạnh|trà|mật ong|heo|bò|gà|cá|tôm|vườn|rẫy|ruộng|đồi|suối|sông Đắk Bla|
hồ thủy điện|thủy điện|năng lượng|điện mặt trời|điện gió|khoáng sản|cát|đá|gỗ|
""".replace("\n", "")
    .strip("|")
    .split("|")
)
PLACES = """Đắk Hà|Đắk Tô|Ngọc Hồi|Sa Thầy|Kon Plông|Kon Rẫy|Tu Mơ Rông|Đắk Glei|Ia H'Drai|
Đăk Blà|Ngọk Bay|Vinh Quang|Kroong|Đoàn Kết|Ya Chim|Hòa Bình|Chư Hreng|Đăk Cấm|Ia Chim|
Măng Cành|Đăk Long|Pờ Ê|Hiếu|Măng Bút|Đắk Ring|Ngọc Tem|Văn Lem|Đắk Rơ Nga|Tân Cảnh|
Diên Bình|Pô Kô|Kon Đào|Ngọk Tụ|Đăk Trăm|Sa Loong|Bờ Y|Đăk Dục|Đăk Nông|Đắk Kan|Plei Kần|
Mô Rai|Rờ Kơi|Sa Nhơn|Sa Sơn|Ia Xiêr|Ia Dom|Ia Đal|Ia Tơi|Đăk Man|Đắk Pek|Mường Hoong|
Ngọc Linh|Xốp|Đắk Choong|Đắk Nhoong|Đắk Môn|Đắk Kroong|Đắk Plô|Tê Xăng|Ngọk Lây|Đăk Na|
Tu Mơ Rông|Đăk Hà|Măng Ri|Ngọk Yêu|Văn Xuôi|Đăk Sao|Đăk Tơ Kan|Đăk Rơ Ông|Đăk Ruồng|
Tân Lập|Đăk Tờ Re|Đăk Kôi|Đăk Pne|Đăk Tơ Lung|Đắk Ui|Đắk Mar|Đắk Hring|Đắk La|Hà Mòn
""".replace("\n", "").split("|")
SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương A Y Rơ Châm Siu"
MIDDLE_NAMES = "Văn Thị Đức Minh Ngọc Thanh Hữu Quang Xuân Hồng Kim Bảo"
GIVEN_NAMES = """An Bình Cường Dũng Đạt Giang Hà Hải Hạnh Hiền Hiếu Hòa Hùng Hương Huy Khánh
Khoa Lâm Lan Linh Loan Long Mai Nam Nga Nghĩa Nhung Phong Phúc Phương Quân Quyên Sơn Tâm Thảo
Thắng Thành Thủy Tiến Toàn Trang Trung Tú Tuấn Uyên Vân Việt Vinh Xuân Yến Blong Hnưi Pó Thiết
Glong Nhí Phiu Sương Hmưi Brốp Djuôn Kpă Rin Lực Khiêm Đông Hậu Duẩn Chiến Thuận Tín Lộc"""


def archive_words():
    """The vocabulary's words with their Zipf weights (cumulative, for `random.choices`)."""
    weights = itertools.accumulate(1 / (rank + 2) for rank in range(len(VOCABULARY)))
    return VOCABULARY, list(weights)


def person(rng):
    names = SURNAMES, MIDDLE_NAMES, GIVEN_NAMES
    return " ".join(rng.choice(part.split()) for part in names)


def rare_names():
    """Names of the highlands as rare words (a few hundred stories each): 'Hmưk', 'Drông'."""
    onsets = ["Br", "Kl", "Dr", "Hm", "Hn", "Kp", "Pl", "Gl", "Bl", "Dj", "Rm", "Jr", "Tr", "Hr"]
    vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "ia", "uô", "ươ"]
    return [o + v + f for o in onsets for v in vowels for f in ("", "k", "ng", "n", "t", "h")]


RARE = rare_names()


class Phrases:
    """A pool of sentences (each with its folded words), drawn from to write stories fast."""

    def __init__(self, rng, count, low, high, end="."):
        words, weights = archive_words()
        self.text, self.folded = [], []
        for _ in range(count):
            chosen = rng.choices(words, cum_weights=weights, k=rng.randint(low, high))
            if rng.random() < 0.3:
                chosen.insert(rng.randrange(len(chosen)), rng.choice(PLACES))
            text = " ".join(chosen)
            self.text.append(text[0].upper() + text[1:] + end)
            self.folded.append(" ".join(search_words(text)))

    def pick(self, rng, k):
        chosen = rng.choices(range(len(self.text)), k=k)
        return [self.text[i] for i in chosen], [self.folded[i] for i in chosen]


def archive_story(rng, n, titles, sentences, section, published_at):
    """One story of the archive (not saved): Article fields, search_text included."""
    title, title_words = titles.pick(rng, 1)
    standfirst, standfirst_words = sentences.pick(rng, 2)
    paragraphs, body_words = [], []
    for _ in range(rng.randint(4, 9)):
        texts, folded = sentences.pick(rng, rng.randint(2, 5))
        paragraphs.append(" ".join(texts))
        body_words += folded
    village = f"Plei {rng.choice(RARE)} {rng.choice(RARE)}"  # the rare words
    said = f"Ông {person(rng)} ở {village}, xã {rng.choice(PLACES)} cho biết thêm."
    paragraphs.append(said)
    body_words.append(" ".join(search_words(said)))
    status = "published" if n % 50 else rng.choice(["draft", "unpublished"])
    return Article(
        title=title[0],
        slug=f"bai-{n}",
        standfirst=" ".join(standfirst),
        body="".join(f"<p>{p}</p>" for p in paragraphs),
        section=section,
        status=status,
        publish_at=published_at,
        search_text="\n".join([title_words[0], " ".join(standfirst_words), " ".join(body_words)]),
    )


def seed_archive(count=ARCHIVE_STORIES, years=ARCHIVE_YEARS):
    """`count` stories over `years` years, oldest first, in bulk; the search index is built
    once at the end. Returns the sentence pool (the benchmark draws its phrases from it)."""
    rng = random.Random(2016)
    now = timezone.now()
    sections = [
        Section.objects.create(name=name, order=i)
        for i, name in enumerate(
            ["Thời sự", "Kinh tế", "Xã hội", "Văn hóa – Thể thao", "Pháp luật", "Nông nghiệp"]
        )
    ]
    titles = Phrases(rng, 20_000, 6, 14, end="")
    sentences = Phrases(rng, 40_000, 8, 24)
    step = timedelta(days=365 * years) / count
    fresh_site = models.QuerySet(Article)  # nothing cached yet: no pages to retire per story
    started = time.perf_counter()
    with transaction.atomic(), search.bulk_load(connection):
        for start in range(0, count, 5000):
            batch = [
                archive_story(rng, n, titles, sentences, sections[n % 6], now - step * (count - n))
                for n in range(start, min(start + 5000, count))
            ]
            fresh_site.bulk_create(batch, batch_size=1000)
        inserted = time.perf_counter()
    written, indexed = inserted - started, time.perf_counter() - inserted
    print(f"Archive: {count:,} stories written in {written:.1f} s, indexed in {indexed:.1f} s.")
    return sentences
