"""Tests for newsbot.news: fixture posts field by field, tables of real-world line shapes, and a
property test that the extractor never raises.

`python tests/test_news.py` prints the fixture score (fields right / wrong / left empty).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbot.news import Article, PhotoCaption, extract_article

FIXTURE_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "news"
FIELDS = (
    "reporter",
    "reporter_email",
    "publisher",
    "article_text",
    "photo_captions",
    "source_url",
)


# --------------------------------------------------------------------------------------------
# Fixture loading and scoring
# --------------------------------------------------------------------------------------------


def fixture_names() -> list[str]:
    return sorted(p.name.removesuffix(".txt") for p in FIXTURE_DIR.glob("*.txt"))


def load_fixture(name: str) -> tuple[str, list[str], dict[str, Any] | None]:
    body = (FIXTURE_DIR / f"{name}.txt").read_text(encoding="utf-8")
    links_path = FIXTURE_DIR / f"{name}.links.json"
    links = json.loads(links_path.read_text(encoding="utf-8")) if links_path.exists() else []
    expected = json.loads((FIXTURE_DIR / f"{name}.expected.json").read_text(encoding="utf-8"))
    return body, links, expected


def run_fixture(name: str) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    body, links, expected = load_fixture(name)
    article = extract_article(body, links)
    return (asdict(article) if article else None), expected


def score_fixtures() -> dict[str, int]:
    """Count fixture fields that came out right, wrong, or empty where a value was expected.

    A non-article fixture is one decision ("is it an article?"): right when None comes back,
    wrong otherwise. An article fixture contributes its six fields; if the extractor returned None
    every expected non-empty field counts as empty.
    """
    right = wrong = empty = 0
    for name in fixture_names():
        actual, expected = run_fixture(name)
        if expected is None:
            if actual is None:
                right += 1
            else:
                wrong += 1
            continue
        for fld in FIELDS:
            want = expected[fld]
            got = actual[fld] if actual else None
            if got == want or (not got and not want):
                right += 1
            elif not got:
                empty += 1
            else:
                wrong += 1
    total = right + wrong + empty
    precision = right / (right + wrong) if right + wrong else 1.0
    return {
        "right": right,
        "wrong": wrong,
        "empty": empty,
        "total": total,
        "precision_pct": round(100 * precision, 1),
    }


# --------------------------------------------------------------------------------------------
# Fixtures, one assertion per field
# --------------------------------------------------------------------------------------------


def _fixture_cases() -> list[Any]:
    cases = []
    for name in fixture_names():
        _, _, expected = load_fixture(name)
        fields = ("is_article",) if expected is None else ("is_article", *FIELDS)
        cases.extend(pytest.param(name, fld, id=f"{name}: {fld}") for fld in fields)
    return cases


@pytest.mark.parametrize(("name", "fld"), _fixture_cases())
def test_fixture_field(name: str, fld: str) -> None:
    actual, expected = run_fixture(name)
    if fld == "is_article":
        assert (actual is not None) == (expected is not None), f"{name}: is_article"
        return
    assert actual is not None, f"{name}: {fld} (extract_article returned None)"
    assert actual[fld] == expected[fld], f"{name}: {fld}"


def test_fixture_set_covers_outlets_and_community_posts() -> None:
    publishers = set()
    non_articles = 0
    for name in fixture_names():
        _, _, expected = load_fixture(name)
        if expected is None:
            non_articles += 1
        else:
            publishers.add(expected["publisher"])
    assert len(publishers) >= 8
    assert non_articles >= 4


def test_score_fixtures_summary() -> None:
    score = score_fixtures()
    print(f"\nnews fixture score: {score}")
    assert score["total"] == score["right"] + score["wrong"] + score["empty"]
    assert score["wrong"] == 0
    assert score["empty"] == 0


# --------------------------------------------------------------------------------------------
# The seed post (a 머니투데이 article reposted by a collector)
# --------------------------------------------------------------------------------------------

SEED_RELATED_HEADLINES = (
    '이다영, 김연경 팔베개 셀카 올리고…"그건 비밀로 해줄게"',
    "16兆 정보보호 시장, 2027년에 30兆로… 정부 1兆 투자 나선다",
    '"중요한 건 서비스"…국산AI, 파라미터 부족 극복 전략',
    "시총 566.6조원…루이뷔통 넘은 살 빼는 약 노보, 유럽 1위",
)


@pytest.fixture(scope="module")
def seed_article() -> Article:
    body = (FIXTURE_DIR / "seed_mt.txt").read_text(encoding="utf-8")
    article = extract_article(body, title="생성형AI 후발주자 日·中, 어떻게 구글·MS에 맞서나")
    assert article is not None
    return article


def test_seed_byline_and_publisher(seed_article: Article) -> None:
    assert seed_article.reporter == ["최우영"]
    assert seed_article.reporter_email == ["young@mt.co.kr"]
    assert seed_article.publisher == "머니투데이"
    assert seed_article.source_url is None


def test_seed_text_bounds(seed_article: Article) -> None:
    text = seed_article.article_text
    assert text.startswith("[MT리포트-국산AI 골든타임]④美 빅테크 추격…日·中, 초거대AI 육성전략")
    assert text.endswith("업계의 논점을 선제적으로 정리한다는 방침이다.")
    assert "\n[편집자주] 오픈AI의 챗GPT를 시작으로" in text
    assert '\n일본 "일본어·기업 맞춤형 서비스로 승부"\n' in text


def test_seed_text_drops_furniture(seed_article: Article) -> None:
    text = seed_article.article_text
    for headline in SEED_RELATED_HEADLINES:
        assert headline not in text
    for furniture in (
        "[관련기사]",
        "본문이미지",
        "뉴스 기사",
        "최우영 기자",
        "무단 전재",
        "/사진=",
    ):
        assert furniture not in text


def test_seed_photo_captions(seed_article: Article) -> None:
    assert seed_article.photo_captions[0] == PhotoCaption(
        "미야카와 준이치 소프트뱅크 사장.", "사진=로이터=뉴스1"
    )
    assert [c.credit for c in seed_article.photo_captions] == [
        "사진=로이터=뉴스1",
        "사진=바이두",
        "사진=머니투데이DB",
    ]


@pytest.mark.parametrize("amp", ["&", "&amp;", "amp;"])
def test_seed_copyright_ampersand_variants(amp: str) -> None:
    body = (FIXTURE_DIR / "seed_mt.txt").read_text(encoding="utf-8")
    body = body.replace("ⓒ 머니투데이 amp; mt.co.kr", f"ⓒ 머니투데이 {amp} mt.co.kr")
    # Without the byline the copyright line alone has to name the outlet.
    body = body.replace("최우영 기자 young@mt.co.kr\n", "")
    article = extract_article(body)
    assert article is not None
    assert article.publisher == "머니투데이"
    assert article.reporter == []
    assert "mt.co.kr" not in article.article_text


# --------------------------------------------------------------------------------------------
# Tables of byline, lead and copyright lines
# --------------------------------------------------------------------------------------------

# Two lines of news prose to embed a byline or copyright line in.
PARAGRAPHS = (
    "정부가 내년 예산안을 확정했다. 총지출은 올해보다 2.8% 늘어난 656조9000억원이다.",
    '기획재정부는 "재정건전성을 지키면서 약자 복지는 두텁게 하겠다"고 밝혔다.',
)


def _article_with_tail(*tail: str) -> Article | None:
    return extract_article("\n".join([*PARAGRAPHS, *tail]))


BYLINE_TABLE = [
    ("홍길동 기자 hong@x.co.kr", ["홍길동"], ["hong@x.co.kr"], None),
    ("홍길동 기자(hong@x.com)", ["홍길동"], ["hong@x.com"], None),
    ("홍길동 기자 (hong@x.com)", ["홍길동"], ["hong@x.com"], None),
    ("홍길동·김철수 기자", ["홍길동", "김철수"], [], None),
    ("홍길동, 김철수 기자", ["홍길동", "김철수"], [], None),
    ("홍길동 특파원", ["홍길동"], [], None),
    ("홍길동 선임기자", ["홍길동"], [], None),
    ("홍길동 인턴기자", ["홍길동"], [], None),
    ("글·사진 홍길동 기자", ["홍길동"], [], None),
    ("홍길동 기자 hong@hani.co.kr", ["홍길동"], ["hong@hani.co.kr"], "한겨레"),
    ("홍길동 기자 hong@donga.com", ["홍길동"], ["hong@donga.com"], "동아일보"),
    ("홍길동 기자 hong@news.mt.co.kr", ["홍길동"], ["hong@news.mt.co.kr"], "머니투데이"),
    ("워싱턴=김태호 특파원", ["김태호"], [], None),
    ("박준형 한경닷컴 기자 jun@hankyung.com", ["박준형"], ["jun@hankyung.com"], "한국경제"),
    ("[이데일리 김현아 기자]", ["김현아"], [], "이데일리"),
    (
        "홍길동 기자 hong@mt.co.kr, 김철수 기자 kim@mt.co.kr",
        ["홍길동", "김철수"],
        ["hong@mt.co.kr", "kim@mt.co.kr"],
        "머니투데이",
    ),
    ("◎공감언론 뉴시스 lsy@newsis.com", [], ["lsy@newsis.com"], "뉴시스"),
    ("YTN 최예린 (yerin@ytn.co.kr)", ["최예린"], ["yerin@ytn.co.kr"], "YTN"),
    ("박서윤 기자 (syp@kbs.co.kr)", ["박서윤"], ["syp@kbs.co.kr"], "KBS"),
    ("베를린=권도윤 기자 dykwon@etnews.com", ["권도윤"], ["dykwon@etnews.com"], "전자신문"),
]


@pytest.mark.parametrize(
    ("line", "reporter", "emails", "publisher"), BYLINE_TABLE, ids=[r[0] for r in BYLINE_TABLE]
)
def test_byline_line(
    line: str, reporter: list[str], emails: list[str], publisher: str | None
) -> None:
    article = _article_with_tail(line)
    assert article is not None
    assert article.reporter == reporter
    assert article.reporter_email == emails
    assert article.publisher == publisher
    assert line not in article.article_text


def test_byline_at_start() -> None:
    article = extract_article("\n".join(["글·사진 홍길동 기자", *PARAGRAPHS]))
    assert article is not None
    assert article.reporter == ["홍길동"]
    assert article.article_text == "\n".join(PARAGRAPHS)


def test_email_on_its_own_line_after_byline() -> None:
    article = _article_with_tail("홍길동 기자", "hong@yna.co.kr")
    assert article is not None
    assert article.reporter_email == ["hong@yna.co.kr"]
    assert article.publisher == "연합뉴스"


LEAD = "정부가 내년 예산안을 확정했다."
WIRE_TABLE = [
    (f"(서울=연합뉴스) 홍길동 기자 = {LEAD}", ["홍길동"], "연합뉴스"),
    (f"[서울=뉴시스]홍길동 기자 = {LEAD}", ["홍길동"], "뉴시스"),
    (f"[서울=뉴시스] 홍길동 기자 = {LEAD}", ["홍길동"], "뉴시스"),
    (f"(서울=뉴스1) 홍길동 기자 = {LEAD}", ["홍길동"], "뉴스1"),
    (f"(서울=연합뉴스) 홍길동 김철수 기자 = {LEAD}", ["홍길동", "김철수"], "연합뉴스"),
    (f"(워싱턴=연합뉴스) 홍길동 특파원 = {LEAD}", ["홍길동"], "연합뉴스"),
    (f"(서울=뉴스1) 홍길동 기자, 김철수 기자 = {LEAD}", ["홍길동", "김철수"], "뉴스1"),
    (f"[이데일리 홍길동 기자] {LEAD}", ["홍길동"], "이데일리"),
]


@pytest.mark.parametrize(
    ("line", "reporter", "publisher"), WIRE_TABLE, ids=[w[0] for w in WIRE_TABLE]
)
def test_wire_lead(line: str, reporter: list[str], publisher: str) -> None:
    article = extract_article("\n".join([line, *PARAGRAPHS[1:]]))
    assert article is not None
    assert article.reporter == reporter
    assert article.publisher == publisher
    # The lead keeps its text as the first paragraph, without the dateline.
    assert article.article_text.splitlines()[0] == LEAD


COPYRIGHT_TABLE = [
    ("<저작권자 © 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>", "연합뉴스"),
    ("ⓒ 머니투데이 & mt.co.kr, 무단 전재 및 재배포 금지", "머니투데이"),
    ("ⓒ 머니투데이 &amp; mt.co.kr, 무단 전재 및 재배포 금지", "머니투데이"),
    ("ⓒ 머니투데이 amp; mt.co.kr, 무단 전재 및 재배포 금지", "머니투데이"),
    ("Copyright ⓒ 한국경제. All rights reserved.", "한국경제"),
    ("© 뉴스1코리아, 무단전재 및 재배포 금지", "뉴스1"),
    ("© 뉴스1코리아 www.news1.kr, 무단 전재 및 재배포 금지", "뉴스1"),
    ("ⓒ 한경닷컴, 무단전재 및 재배포 금지", "한국경제"),
    ("<ⓒ경제를 보는 눈, 세계를 보는 창 아시아경제 무단전재 배포금지>", "아시아경제"),
    ("Copyright © 조선일보 & chosun.com", "조선일보"),
    ("[ⓒ 매일경제 & mk.co.kr, 무단전재 및 재배포 금지]", "매일경제"),
    ("저작권자(c) 중앙일보", "중앙일보"),
    ("[중앙일보]", "중앙일보"),
    ("<저작권자ⓒ 공감언론 뉴시스통신사. 무단전재-재배포, AI학습 및 활용 금지>", "뉴시스"),
    ("＜ⓒ종합 경제정보 미디어 이데일리 - 무단전재 & 재배포 금지＞", "이데일리"),
    ("ⓒ 한겨레신문사 : 무단전재 및 재배포 금지", "한겨레"),
    ("Copyright ⓒ 동아일보. All rights reserved.", "동아일보"),
    ("ⓒ 디지털데일리 무단전재 및 재배포 금지", "디지털데일리"),
]


@pytest.mark.parametrize(
    ("line", "publisher"), COPYRIGHT_TABLE, ids=[c[0] for c in COPYRIGHT_TABLE]
)
def test_copyright_line(line: str, publisher: str) -> None:
    article = _article_with_tail(line)
    assert article is not None
    assert article.publisher == publisher
    assert article.reporter == []
    assert article.article_text == "\n".join(PARAGRAPHS)


# --------------------------------------------------------------------------------------------
# Precision: things that must not make an article
# --------------------------------------------------------------------------------------------

NOT_ARTICLES = [
    "어제 김철수 기자가 쓴 기사 봤는데 별로더라",
    "어제 김철수 기자가 쓴 기사 봤는데 별로더라\n김철수 기자 말로는 내일 발표한다고 했다.",
    "이거 저작권 문제 없나요?\n저작권자 허락 없이 올리면 안 된다던데요.",
    "Copyright © 소유하신 도메인. All rights reserved.",
    "연락 주세요\nhello@example.com",
    "원문: https://www.mk.co.kr/news/economy/10812345\n이거 진짜임?",
    "김철수 기자\nㅋㅋㅋ 이 사람 또 썼네",
    "(서울=우리집) 오늘 날씨 좋다",
    "연합뉴스 기사에 ⓒ 표시 있으면 무단 전재 안 되는 거죠?",
    "퍼온 글입니다 ⓒ 연합뉴스 무단 전재 금지라는데 괜찮을까요",
    "",
    "\n\n",
]


@pytest.mark.parametrize("body", NOT_ARTICLES)
def test_not_an_article(body: str) -> None:
    assert extract_article(body) is None


def test_reporter_in_running_text_is_ignored_when_byline_exists() -> None:
    body = "\n".join(
        [
            "어제 김철수 기자가 보도한 내용에 대해 정부가 해명했다.",
            *PARAGRAPHS,
            "홍길동 기자 hong@hani.co.kr",
        ]
    )
    article = extract_article(body)
    assert article is not None
    assert article.reporter == ["홍길동"]


def test_byline_lookalike_mid_article_stays_text() -> None:
    middle = "김철수 기자"
    body = "\n".join(
        [
            *PARAGRAPHS,
            *PARAGRAPHS,
            middle,
            *PARAGRAPHS,
            *PARAGRAPHS,
            "ⓒ 한경닷컴, 무단전재 및 재배포 금지",
        ]
    )
    article = extract_article(body)
    assert article is not None
    assert article.reporter == []
    assert middle in article.article_text.splitlines()


def test_long_paragraph_with_trailing_name_is_not_a_caption() -> None:
    glued = (
        "정부는 이번 예산안을 다음 달 국회에 제출할 예정이며, 여야 협상 과정에서 일부 사업 예산이"
        " 조정될 수 있다고 설명했다. 특히 연구개발 예산을 둘러싼 공방이 치열할 것으로 보여"
        " 처리 시한을 넘길 가능성도 거론된다. 홍길동 기자"
    )
    article = _article_with_tail(glued, "ⓒ 한경닷컴, 무단전재 및 재배포 금지")
    assert article is not None
    assert article.photo_captions == []
    assert glued in article.article_text


def test_paragraph_about_unauthorized_copying_is_kept() -> None:
    sentence = "A씨는 언론사 기사를 무단 전재해 블로그에 올린 혐의로 기소됐다."
    article = _article_with_tail(sentence, "홍길동 기자 hong@hani.co.kr")
    assert article is not None
    assert sentence in article.article_text


# --------------------------------------------------------------------------------------------
# Furniture: captions, related blocks, promos, sources
# --------------------------------------------------------------------------------------------

CAPTION_TABLE = [
    (
        "미야카와 준이치 소프트뱅크 사장. /사진=로이터=뉴스1",
        "미야카와 준이치 소프트뱅크 사장.",
        "사진=로이터=뉴스1",
    ),
    ("행사 모습(사진=서울시)", "행사 모습", "사진=서울시"),
    ("행사 모습 <사진=뉴스1>", "행사 모습", "사진=뉴스1"),
    ("행사 모습 [사진=독자 제공]", "행사 모습", "사진=독자 제공"),
    ("윤석열 대통령 [연합뉴스 자료사진]", "윤석열 대통령", "연합뉴스 자료사진"),
    ("신제품을 소개하는 모델들 (삼성전자 제공)", "신제품을 소개하는 모델들", "삼성전자 제공"),
    ("신제품을 소개하는 모델들. ⓒ게티이미지뱅크", "신제품을 소개하는 모델들.", "게티이미지뱅크"),
    ("국회 본회의장 모습. 2023.9.5/뉴스1", "국회 본회의장 모습. 2023.9.5", "뉴스1"),
    ("시위 모습. /AFPBBNews=뉴스1", "시위 모습.", "AFPBBNews=뉴스1"),
    ("파월 의장. /로이터=연합뉴스", "파월 의장.", "로이터=연합뉴스"),
    ("파월 의장. /AP 연합뉴스", "파월 의장.", "AP 연합뉴스"),
    ("서울 도심 전경. /김지호 기자", "서울 도심 전경.", "김지호 기자"),
    ("사진=게티이미지뱅크", "", "사진=게티이미지뱅크"),
    ("서울 지하철 승강장 모습. 동아일보DB", "서울 지하철 승강장 모습.", "동아일보DB"),
    ("지수가 표시돼 있다. 연합뉴스", "지수가 표시돼 있다.", "연합뉴스"),
    ("시민들이 걷고 있다. 김혜윤 기자 unique@hani.co.kr", "시민들이 걷고 있다.", "김혜윤 기자"),
    (
        "LG전자 모델이 로봇을 소개하고 있다. [사진=LG전자 제공]",
        "LG전자 모델이 로봇을 소개하고 있다.",
        "사진=LG전자 제공",
    ),
    ("서울 시내 전력량계 [이미지출처=연합뉴스]", "서울 시내 전력량계", "이미지출처=연합뉴스"),
    (
        "(서울=뉴스1) 김진환 기자 = 국회 본회의장 모습. 2023.9.5/뉴스1",
        "국회 본회의장 모습. 2023.9.5",
        "뉴스1",
    ),
    (
        "[서울=뉴시스] 최지훈 기자 = 부산항 모습. 2023.09.01. photo@newsis.com",
        "부산항 모습. 2023.09.01.",
        "뉴시스",
    ),
]


@pytest.mark.parametrize(
    ("line", "caption", "credit"), CAPTION_TABLE, ids=[c[0] for c in CAPTION_TABLE]
)
def test_photo_caption(line: str, caption: str, credit: str) -> None:
    article = extract_article("\n".join(["본문이미지", line, *PARAGRAPHS, "홍길동 기자 a@b.kr"]))
    assert article is not None
    assert article.photo_captions == [PhotoCaption(caption, credit)]
    assert article.article_text == "\n".join(PARAGRAPHS)
    # A photographer's name or address in a caption is not the article's reporter.
    assert article.reporter == ["홍길동"]
    assert article.reporter_email == ["a@b.kr"]


@pytest.mark.parametrize(
    "marker",
    ["[관련기사]", "▶ 관련기사", "■ 관련기사", "관련기사", "<관련기사>", "[함께 보면 좋은 기사]"],
)
def test_related_block_dropped(marker: str) -> None:
    headlines = ['연예인 A씨 깜짝 고백…"사실은"', "집값 다시 오를까"]
    article = _article_with_tail(marker, *headlines, "홍길동 기자 hong@mt.co.kr")
    assert article is not None
    assert article.article_text == "\n".join(PARAGRAPHS)
    assert article.reporter == ["홍길동"]


def test_related_block_ends_where_article_resumes() -> None:
    resumed = "정부는 이번 예산안을 다음 달 국회에 제출할 예정이며, 여야 협상 과정에서 일부 사업 예산이 조정될 수 있다고 설명했다."
    body = [PARAGRAPHS[0], "■ 관련기사", "집값 다시 오를까", resumed, "홍길동 기자 a@hani.co.kr"]
    article = extract_article("\n".join(body))
    assert article is not None
    assert article.article_text == f"{PARAGRAPHS[0]}\n{resumed}"


@pytest.mark.parametrize(
    "line",
    [
        "▶ 네이버에서 머니투데이 구독하기",
        "☞ 이 기사 어떻게 생각하세요?",
        "카카오톡에서 연합뉴스 채널 추가하기",
        "머니투데이 앱 다운로드",
        "[구독] 매일 아침 경제 브리핑",
        "기사 제보 jebo@hankyung.com",
        "제보는 카카오톡 okjebo",
        "무단전재 및 재배포 금지",
        "*재판매 및 DB 금지",
        "본문이미지",
        "이미지",
        "사진",
        "기사 이미지",
        "뉴스 기사",
        "기사",
        "입력 2023.09.05 14:10",
        "[앵커]",
        "[리포트]",
        "촬영기자:정민호/영상편집:이지은",
    ],
)
def test_furniture_line_dropped(line: str) -> None:
    article = extract_article("\n".join([PARAGRAPHS[0], line, PARAGRAPHS[1], "홍길동 기자 a@b.kr"]))
    assert article is not None
    assert article.article_text == "\n".join(PARAGRAPHS)
    assert article.reporter_email == ["a@b.kr"]


OUTLET_URL = "https://www.hani.co.kr/arti/society/1106000.html"
SOURCE_TABLE = [
    ((OUTLET_URL,), [], OUTLET_URL),
    (("https://board.example.kr/bbs/board.php?bo_table=news&wr_id=3", OUTLET_URL), [], OUTLET_URL),
    (("https://blog.example.com/post/1", OUTLET_URL), [], OUTLET_URL),
    (("https://blog.example.com/post/1",), [], "https://blog.example.com/post/1"),
    ((), [f"원문: {OUTLET_URL}"], OUTLET_URL),
    ((), [f"기사원문 {OUTLET_URL}"], OUTLET_URL),
    (
        (),
        ["출처: https://n.news.naver.com/article/028/0002650000"],
        "https://n.news.naver.com/article/028/0002650000",
    ),
    ((), [], None),
    (("", "not a url", "javascript:alert(1)"), [], None),
]


@pytest.mark.parametrize(("links", "body_lines", "source_url"), SOURCE_TABLE)
def test_source_url(links: tuple[str, ...], body_lines: list[str], source_url: str | None) -> None:
    body = "\n".join([*PARAGRAPHS, *body_lines, "홍길동 기자 hong@x.kr"])
    article = extract_article(body, links)
    assert article is not None
    assert article.source_url == source_url
    assert "http" not in article.article_text


def test_publisher_from_source_url_when_nothing_else_names_it() -> None:
    article = extract_article("\n".join([*PARAGRAPHS, "홍길동 기자"]), [OUTLET_URL])
    assert article is not None
    assert article.publisher == "한겨레"


def test_title_repeated_as_first_line_is_dropped() -> None:
    title = "정부, 내년 예산 656조 확정"
    article = extract_article("\n".join([title, *PARAGRAPHS, "홍길동 기자 a@b.kr"]), title=title)
    assert article is not None
    assert article.article_text == "\n".join(PARAGRAPHS)


# --------------------------------------------------------------------------------------------
# Property test
# --------------------------------------------------------------------------------------------

# Fragments of real furniture so random bodies reach the interesting branches, mixed with noise.
FRAGMENTS = [
    "본문이미지",
    "[관련기사]",
    "▶ 관련기사",
    "홍길동 기자 hong@mt.co.kr",
    "홍길동·김철수 기자",
    "(서울=연합뉴스) 홍길동 기자 = ",
    "[서울=뉴시스]",
    "ⓒ 머니투데이 amp; mt.co.kr, 무단 전재 및 재배포 금지",
    "Copyright ©",
    "/사진=로이터=뉴스1",
    "(사진=",
    "원문: https://www.yna.co.kr/view/1",
    "정부가 예산안을 확정했다.",
    "=",
    "기자",
    "@",
    "http://",
]


@settings(max_examples=300, deadline=None)
@given(
    body=st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=12).map(
        "\n".join
    )
    | st.text(),
    links=st.lists(st.one_of(st.text(max_size=30), st.sampled_from(FRAGMENTS)), max_size=3),
    title=st.none() | st.text(max_size=20),
)
def test_extract_article_never_raises(body: str, links: list[str], title: str | None) -> None:
    article = extract_article(body, links, title)
    if article is None:
        return
    assert isinstance(article, Article)
    assert all(isinstance(r, str) and r for r in article.reporter)
    assert all(isinstance(e, str) and "@" in e for e in article.reporter_email)
    assert article.publisher is None or isinstance(article.publisher, str)
    assert isinstance(article.article_text, str)
    assert all(isinstance(c, PhotoCaption) for c in article.photo_captions)
    assert all(isinstance(c.caption, str) for c in article.photo_captions)
    assert all(c.credit is None or isinstance(c.credit, str) for c in article.photo_captions)
    assert article.source_url is None or article.source_url.startswith(("http://", "https://"))
    # Recognised articles always carry a byline or a named outlet.
    assert article.reporter or article.publisher


if __name__ == "__main__":
    print(score_fixtures())
