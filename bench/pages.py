"""The benchmark board: N posts on a gnuboard5 basic-skin board, any page built on demand.

Nothing is stored: a post's title, author, counts, body, comments, files and links come from a
``random.Random`` seeded with its ``wr_id``, so every page can be rebuilt identically at any time
(the server builds each one per request; the extraction benchmark builds the same pages in
memory). The markup is the fixture renderer's (``fixtures.gnuboard.g5``: theme/basic PC layout,
basic list and view skins), so the benchmark reads what the tests read: a view page is ≈ 13–25 KB
(head, menu, login box, footer, a news article of several paragraphs, 0–4 comments with the
comment form), a list page ≈ 29 KB with 15 rows (plus one notice on page 1) and the pager.

Dates: the newest post was written :data:`NEWEST_AGE` before :data:`NOW` and each older one
:data:`POST_STEP` earlier, so with ``NEWSBOT_NOW = NOW`` no post falls inside newsbot's refresh
window and a re-run on the unchanged board stops after its first list page. Comment counts on
the list match the view pages, for the same reason.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property

from fixtures.gnuboard import g5
from fixtures.gnuboard.model import Attach, AttImg, Cmt, Link, Post, U

KST = timezone(timedelta(hours=9))
#: The crawl's "now" (``NEWSBOT_NOW``) for every benchmark run.
NOW = datetime(2026, 3, 15, 10, 0, tzinfo=KST)
NOW_ISO = NOW.isoformat()
NEWEST_AGE = timedelta(days=5)  # older than NEWSBOT_REFRESH_DAYS (3)
POST_STEP = timedelta(minutes=5)
SITE_NAME = "벤치뉴스"
ROWS_PER_PAGE = 15
NOTICE_WR_ID = 1

CATEGORIES = ("국내", "해외", "정책")
COMPANIES = (
    "삼성전자",
    "SK하이닉스",
    "LG에너지솔루션",
    "네이버",
    "카카오",
    "현대차",
    "KT",
    "엔씨소프트",
    "테슬라",
    "엔비디아",
    "구글",
    "애플",
    "마이크로소프트",
    "바이두",
    "화웨이",
    "TSMC",
    "소니",
    "메타",
    "아마존",
    "오픈AI",
)
TOPICS = (
    "AI 반도체",
    "전고체 배터리",
    "자율주행",
    "생성형 AI",
    "클라우드",
    "6G 통신",
    "양자컴퓨터",
    "스마트 팩토리",
    "도심항공교통",
    "디지털 헬스케어",
    "저궤도 위성통신",
    "협동 로봇",
    "사이버보안",
    "데이터센터",
    "온디바이스 AI",
)
ACTIONS = (
    "시장 공략 본격화",
    "투자 두 배로 늘린다",
    "신제품 공개",
    "분기 최대 실적",
    "글로벌 협력 강화",
    "인재 확보전 나서",
    "기술 개발 속도",
    "규제 대응 고심",
    "해외 진출 가속",
    "점유율 1위 노린다",
)
SENTENCES = (
    "{company}는 {month}일 서울 본사에서 간담회를 열고 {topic} 사업 계획을 발표했다.",
    "회사 측은 올해 {topic} 분야에 {money}억원을 투자해 생산 능력을 {pct}% 늘리겠다고 밝혔다.",
    "업계에 따르면 {topic} 시장 규모는 {year}년까지 연평균 {pct}%씩 커질 것으로 보인다.",
    '{company} 관계자는 "고객사 요구에 맞춘 제품을 빠르게 내놓는 것이 가장 중요하다"고 말했다.',
    "경쟁사들도 잇따라 비슷한 전략을 내놓으면서 주도권 다툼이 한층 치열해질 전망이다.",
    "증권가에서는 {company}의 다음 분기 영업이익이 {money}억원 안팎이 될 것으로 내다봤다.",
    "정부는 {topic} 산업 육성을 위해 연구개발 예산을 {pct}% 늘리고 규제를 손보기로 했다.",
    "전문가들은 핵심 인력 확보와 공급망 안정이 앞으로의 성패를 가를 것이라고 지적했다.",
    "이번 발표는 지난해 {month}월 공개한 중장기 로드맵의 후속 조치로 풀이된다.",
    "해외 시장에서는 북미와 유럽을 중심으로 수요가 빠르게 늘고 있는 것으로 나타났다.",
    "{company}는 협력사 {n}곳과 함께 시제품을 만들어 연말부터 시범 운영에 들어간다.",
    "다만 원자재 가격 상승과 환율 변동은 여전히 부담 요인으로 꼽힌다.",
    "시장조사업체 자료를 보면 지난 분기 {topic} 출하량은 전년보다 {pct}% 늘었다.",
    "회사는 이를 위해 올해 안에 전문 인력 {n}명을 새로 뽑을 계획이다.",
    '한 업계 관계자는 "기술 격차가 좁혀지는 만큼 속도전이 될 수밖에 없다"고 설명했다.',
    "소비자 반응도 나쁘지 않아 초기 물량은 사전 예약만으로 대부분 팔린 것으로 알려졌다.",
    "지방자치단체들도 관련 기업 유치를 위해 세제 혜택과 부지 지원을 앞다퉈 내걸고 있다.",
    "{company} 주가는 이날 발표 직후 전 거래일보다 {pct}% 오른 채 거래를 마쳤다.",
    "국내 중소기업들은 대기업과의 협업을 통해 부품 국산화에 속도를 내고 있다.",
    "연구진은 기존 방식보다 전력 소모를 {pct}% 줄인 시제품을 학회에서 공개했다.",
    "이 같은 흐름은 적어도 {year}년까지 이어질 것이라는 관측이 우세하다.",
    "노동조합은 구조조정 가능성을 우려하며 회사 측에 고용 안정 대책을 요구했다.",
    "글로벌 빅테크들도 자체 칩과 플랫폼을 앞세워 생태계 확장에 나서고 있다.",
    "업체들은 보안 인증을 먼저 받아 공공 조달 시장을 선점한다는 전략이다.",
)
SUBHEADS = (
    '"속도가 경쟁력"…투자 경쟁 불붙어',
    "정부 지원 확대에 업계 기대감",
    "공급망 불안은 여전한 변수",
    "해외 시장서 반응 뜨거워",
    "인력난 해소가 과제",
)
COMMUNITY_LINES = (
    "오늘 기사 보고 궁금해서 글 남겨 봅니다.",
    "요즘 이 분야 관심 있는 분들 많으시죠?",
    "실제로 써 본 분 계시면 후기 부탁드립니다.",
    "저는 작년부터 지켜보고 있었는데 생각보다 빠르네요.",
    "가격만 조금 내려가면 바로 살 생각입니다.",
    "회사에서도 이번에 도입을 검토하고 있습니다.",
    "관련 자료 정리한 거 첨부합니다. 참고하세요.",
    "댓글로 의견 나눠 주시면 감사하겠습니다 ㅎㅎ",
)
COMMENT_LINES = (
    "좋은 기사 감사합니다.",
    "이건 좀 과장된 것 같네요.",
    "결국 가격이 문제죠.",
    "내년에는 어떻게 될지 궁금합니다.",
    "정리 잘 해 주셨네요 ㅎㅎ",
    "관련 주식 들고 있는데 기대됩니다.",
    "기술은 좋은데 상용화까지는 멀었다고 봅니다.",
)
PEOPLE = (
    "김민준",
    "이서연",
    "박지호",
    "최하은",
    "정도윤",
    "강서준",
    "조수아",
    "윤예준",
    "장시우",
    "임지안",
)
OUTLETS = (
    ("머니투데이", "mt.co.kr"),
    ("뉴시스", "newsis.com"),
    ("전자신문", "etnews.com"),
    ("지디넷코리아", "zdnet.co.kr"),
    ("아이뉴스24", "inews24.com"),
)
PHOTO_CREDITS = ("사진=뉴스1", "사진=로이터=뉴스1", "사진=머니투데이DB", "사진=게티이미지뱅크")
MENU = (
    ("it_science", "IT/과학기사"),
    ("economy", "경제"),
    ("society", "사회"),
    ("free", "자유게시판"),
)
ROBOTS_TXT = "User-agent: *\nAllow: /\n"


@dataclass(frozen=True)
class PostData:
    wr_id: int
    subject: str
    category: str
    author: str
    author_id: str | None
    guest: bool
    written: datetime
    views: int
    comments: int
    good: int
    nogood: int
    news: bool


@dataclass
class Board:
    """A board of ``posts`` posts (``wr_id`` 1..posts) served at ``base_url``."""

    base_url: str
    posts: int
    bo_table: str = "bench"
    title: str = "IT/과학기사"

    def __post_init__(self) -> None:
        no_post = g5.g5_alert_page(
            site=SITE_NAME,
            msg=g5.NO_POST,
            url=None,
        )
        self.no_post_page = no_post.replace(U, self.base_url)

    # -- URLs ------------------------------------------------------------------------------------

    @property
    def list_url(self) -> str:
        return f"{self.base_url}/bbs/board.php?bo_table={self.bo_table}"

    def page_url(self, page: int) -> str:
        return self.list_url if page <= 1 else f"{self.list_url}&page={page}"

    def post_url(self, wr_id: int) -> str:
        return f"{self.list_url}&wr_id={wr_id}"

    @property
    def last_page(self) -> int:
        return max(1, -(-self.posts // ROWS_PER_PAGE))

    def page_of(self, wr_id: int) -> int:
        return (self.posts - wr_id) // ROWS_PER_PAGE + 1

    # -- posts -----------------------------------------------------------------------------------

    @cached_property
    def newest(self) -> datetime:
        return NOW - NEWEST_AGE

    def post(self, wr_id: int) -> PostData:
        rng = random.Random(wr_id * 7919 + 17)
        news = wr_id % 4 != 0  # three in four are collector reposts of news articles
        company, topic, action = (
            _pick(rng, COMPANIES),
            _pick(rng, TOPICS),
            _pick(rng, ACTIONS),
        )
        if wr_id == NOTICE_WR_ID:
            subject, news = f"[공지] {self.title} 게시판 이용 안내", False
        elif news:
            subject = f"{company}, {topic} {action}"
            if rng.random() < 0.3:
                subject += f'…"{_num(rng, 2, 9)}년 안에 승부"'
        else:
            subject = f"{topic} 관련해서 {_num(rng, 2, 9)}가지 질문 있습니다"
        guest = not news and rng.random() < 0.5
        if wr_id == NOTICE_WR_ID:
            author, author_id, guest = "최고관리자", "admin", False
        elif news:
            author, author_id = "수집기", "collector"
        elif guest:
            author, author_id = _pick(rng, PEOPLE), None
        else:
            author = _pick(rng, PEOPLE)
            author_id = f"member{_num(rng, 10, 999)}"
        return PostData(
            wr_id=wr_id,
            subject=subject,
            category=_pick(rng, CATEGORIES),
            author=author,
            author_id=author_id,
            guest=guest,
            written=self.newest - (self.posts - wr_id) * POST_STEP,
            views=_num(rng, 3, 4000),
            comments=_pick(rng, (0, 0, 0, 1, 1, 2, 2, 3, 4)),
            good=_num(rng, 0, 40),
            nogood=_num(rng, 0, 5),
            news=news,
        )

    # -- pages -----------------------------------------------------------------------------------

    def _page(self, title: str, content: str) -> str:
        page = g5.g5_pc_layout(
            site=SITE_NAME,
            title=title,
            head_title=f"{title} | {SITE_NAME}",
            board_name=self.title,
            bo_table=self.bo_table,
            content=content,
            css=("/skin/board/basic/style.css",),
            menu=MENU,
        )
        return page.replace(U, self.base_url)

    def _row(self, post: PostData) -> Post:
        """What the list shows of a post."""
        return Post(
            post.wr_id,
            post.subject,
            post.author,
            None if post.guest else post.author_id,
            post.written,
            post.views,
            ca=post.category,
            ncmt=post.comments,
            notice=post.wr_id == NOTICE_WR_ID,
            good=post.good,
            nogood=post.nogood,
            file=post.wr_id % 9 == 0,
        )

    def _name(self, post: Post) -> str:
        if post.mb_id and post.mb_id != "collector":
            return g5.g5_sideview(post.name, post.mb_id, self.bo_table, email=False)
        return g5.g5_name_plain(post.name, post.mb_id)

    def list_page(self, page: int) -> str:
        page = min(max(page, 1), self.last_page)
        top = self.posts - (page - 1) * ROWS_PER_PAGE
        ids = range(top, max(top - ROWS_PER_PAGE, 0), -1)
        rows = [self._row(self.post(wr_id)) for wr_id in ids]
        if page == 1 and self.posts >= NOTICE_WR_ID:
            rows.insert(0, self._row(self.post(NOTICE_WR_ID)))
        skin, _expected = g5.g5_basic_list_pc(
            bo=self.bo_table,
            board=self.title,
            rows=rows,
            total=self.posts,
            page=page,
            total_page=self.last_page,
            name_fn=self._name,
            good=True,
            cats=list(CATEGORIES),
            qstr=f"&amp;page={page}" if page > 1 else "",
            page_rows=ROWS_PER_PAGE,
        )
        return self._page(f"{self.title} {page} 페이지", skin)

    def _neighbour(self, wr_id: int) -> tuple[int, str, datetime] | None:
        """이전글/다음글 as the view skin shows them, or None past either end of the board."""
        if not 1 <= wr_id <= self.posts:
            return None
        post = self.post(wr_id)
        return wr_id, post.subject, post.written

    def view_page(self, wr_id: int) -> str | None:
        """The post's view page, or None for a wr_id the board does not hold."""
        if not 1 <= wr_id <= self.posts:
            return None
        data = self.post(wr_id)
        rng = random.Random(wr_id * 104729 + 3)
        post = self._row(data)
        post.body = _news_body(data, rng) if data.news else _community_body(data, rng)
        if wr_id % 10 == 0 and data.news:
            post.images = [AttImg(f"{wr_id:08x}.jpg", f"{wr_id:08x}.jpg", 1280, 853)]
        post.files = [
            Attach(
                f"{data.category}_자료_{wr_id}_{no + 1}.pdf",
                f"{_num(rng, 80, 4000) / 10:.1f}K",
                _num(rng, 0, 300),
                data.written,
                no=len(post.images) + no,
            )
            for no in range(1 + wr_id % 2)
            if post.file
        ]
        if data.news and rng.random() >= 0.4:
            article = f"https://n.news.naver.com/mnews/article/008/{5_000_000 + wr_id:010d}"
            post.links = [Link(article, _num(rng, 0, 50))]
        post.cmts = [
            Cmt(
                wr_id * 10 + index,
                _pick(rng, PEOPLE),
                None,
                data.written + timedelta(minutes=_num(rng, 5, 600) * (index + 1)),
                _pick(rng, COMMENT_LINES),
            )
            for index in range(data.comments)
        ]
        newer, older = (self._neighbour(other) for other in (wr_id + 1, wr_id - 1))
        article, _extras = g5.g5_pc_view(
            bo=self.bo_table,
            board=self.title,
            p=post,
            name_html=self._name(post),
            skin_url=f"{U}/skin/board/basic",
            good=True,
            nogood=True,
            prev=newer,
            nxt=older,
        )
        return self._page(f"{html.escape(data.subject)} > {self.title}", article)


def _sentence(rng: random.Random, company: str, topic: str) -> str:
    return _pick(rng, SENTENCES).format(
        company=company,
        topic=topic,
        money=_num(rng, 10, 9000),
        pct=_num(rng, 2, 60),
        year=_num(rng, 2027, 2035),
        month=_num(rng, 1, 12),
        n=_num(rng, 3, 300),
    )


def _paragraph(rng: random.Random, company: str, topic: str) -> str:
    return " ".join(_sentence(rng, company, topic) for _ in range(_num(rng, 3, 5)))


def _news_body(post: PostData, rng: random.Random) -> str:
    """A collector's repost: paragraphs, sub-heads, photo captions, related list, byline."""
    company, topic = _pick(rng, COMPANIES), _pick(rng, TOPICS)
    outlet, domain = _pick(rng, OUTLETS)
    reporter = _pick(rng, PEOPLE)
    email = f"reporter{post.wr_id % 97}@{domain}"
    parts = [f"<p>{html.escape(post.subject)}</p>"]
    for index in range(_num(rng, 7, 11)):
        if index in (2, 7):
            credit = _pick(rng, PHOTO_CREDITS)
            parts.append("<p>본문이미지</p>")
            if rng.random() < 0.5:
                parts.append(
                    f'<p><img src="{U}/data/editor/2603/{post.wr_id:08x}_{index}.jpg" '
                    f'alt="" width="640" height="427"></p>'
                )
            parts.append(f"<p>{_pick(rng, PEOPLE)} {company} 대표. /{credit}</p>")
        if index in (4, 9):
            parts.append(f"<p><strong>{_pick(rng, SUBHEADS)}</strong></p>")
        parts.append(f"<p>{html.escape(_paragraph(rng, company, topic))}</p>")
    parts.append(
        f"<p>지난 분기 {company}의 관련 매출은 {post.wr_id * 37 % 9000 + 100}억원이었다.</p>"
    )
    related = "".join(
        f"<li>{html.escape(_sentence(rng, _pick(rng, COMPANIES), _pick(rng, TOPICS))[:40])}</li>"
        for _ in range(4)
    )
    parts.append(f"<p>[관련기사]</p><ul>{related}</ul>")
    parts.append(f"<p>{reporter} 기자 {email}</p>")
    parts.append(f"<p>ⓒ {outlet} &amp; {domain}, 무단 전재 및 재배포 금지</p>")
    return "\n".join(parts)


def _community_body(post: PostData, rng: random.Random) -> str:
    lines = [_pick(rng, COMMUNITY_LINES) for _ in range(_num(rng, 3, 7))]
    lines.append(f"글 번호 {post.wr_id}번, {post.category} 분류로 올립니다.")
    paragraphs = [html.escape(_paragraph(rng, _pick(rng, COMPANIES), _pick(rng, TOPICS)))]
    return "<br/>".join(lines) + "<br/><br/>" + "<br/>".join(paragraphs)


def _pick(rng: random.Random, items: tuple[str, ...] | tuple[int, ...]):  # type: ignore[no-untyped-def]
    """``rng.choice`` at a fraction of its cost (the server builds every page per request)."""
    return items[int(rng.random() * len(items))]


def _num(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` at a fraction of its cost."""
    return low + int(rng.random() * (high - low + 1))
