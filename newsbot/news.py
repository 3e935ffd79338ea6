"""Recover the original news article from a collector ("수집기") repost on a gnuboard board.

Portal news boards are filled by bot accounts that paste an outlet's article into a post: the
article paragraphs arrive mixed with the outlet's furniture (image placeholders, photo captions,
"related articles" lists, subscription promos, bylines and copyright lines). `extract_article`
takes the post body as plain text, one block per line, and returns an `Article` with the
furniture removed and the byline/outlet/caption facts pulled out as fields — or ``None`` when the
post is not recognisably a news article.

Precision over recall: a post only becomes an `Article` when it carries a byline line, a
wire-service lead, a copyright line or an outlet tag. A reporter's name inside a sentence never
counts.

Pure functions on strings: no Scrapy or parsel imports, so it runs on saved text in tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsbot.normalize import is_collapsed_lines, remember_collapsed_lines

__all__ = [
    "Article",
    "Byline",
    "PhotoCaption",
    "WireLead",
    "extract_article",
    "outlet_for_host",
    "parse_byline",
    "parse_caption",
    "parse_copyright",
    "parse_wire_lead",
]


@dataclass(frozen=True)
class PhotoCaption:
    caption: str  # '미야카와 준이치 소프트뱅크 사장.'
    credit: str | None  # '사진=로이터=뉴스1'


@dataclass(frozen=True)
class Article:
    reporter: list[str]  # names only: ['최우영'], or several for joint bylines
    reporter_email: list[str]
    publisher: str | None  # canonical outlet name, e.g. '머니투데이'
    article_text: str  # the article alone, paragraphs joined by '\n'
    photo_captions: list[PhotoCaption]
    source_url: str | None  # original article URL when the post links one


# --------------------------------------------------------------------------------------------
# Outlet tables
# --------------------------------------------------------------------------------------------

# Canonical outlet name -> its web domains. Domains map email addresses and source links back to
# an outlet when no copyright line names it (hong@hani.co.kr -> 한겨레).
OUTLET_DOMAINS: dict[str, tuple[str, ...]] = {
    "머니투데이": ("mt.co.kr",),
    "머니투데이방송": ("mtn.co.kr",),
    "연합뉴스": ("yna.co.kr", "yonhapnews.co.kr"),
    "연합뉴스TV": ("yonhapnewstv.co.kr",),
    "뉴시스": ("newsis.com",),
    "뉴스1": ("news1.kr",),
    "한국경제": ("hankyung.com",),
    "한국경제TV": ("wowtv.co.kr",),
    "조선일보": ("chosun.com",),
    "조선비즈": ("biz.chosun.com", "chosunbiz.com"),
    "중앙일보": ("joongang.co.kr", "joins.com"),
    "동아일보": ("donga.com",),
    "한겨레": ("hani.co.kr",),
    "경향신문": ("khan.co.kr",),
    "한국일보": ("hankookilbo.com",),
    "서울신문": ("seoul.co.kr",),
    "국민일보": ("kmib.co.kr",),
    "세계일보": ("segye.com",),
    "문화일보": ("munhwa.com",),
    "매일경제": ("mk.co.kr",),
    "서울경제": ("sedaily.com",),
    "아시아경제": ("asiae.co.kr",),
    "이데일리": ("edaily.co.kr",),
    "파이낸셜뉴스": ("fnnews.com",),
    "헤럴드경제": ("heraldcorp.com",),
    "전자신문": ("etnews.com",),
    "지디넷코리아": ("zdnet.co.kr",),
    "디지털타임스": ("dt.co.kr",),
    "아이뉴스24": ("inews24.com",),
    "뉴스핌": ("newspim.com",),
    "블로터": ("bloter.net",),
    "노컷뉴스": ("nocutnews.co.kr",),
    "오마이뉴스": ("ohmynews.com",),
    "데일리안": ("dailian.co.kr",),
    "더팩트": ("tf.co.kr",),
    "SBS": ("sbs.co.kr",),
    "KBS": ("kbs.co.kr",),
    "MBC": ("mbc.co.kr", "imbc.com"),
    "YTN": ("ytn.co.kr",),
    "JTBC": ("jtbc.co.kr", "jtbc.joins.com"),
    "MBN": ("mbn.co.kr",),
}

# Legal or brand names seen in copyright lines and bylines -> canonical outlet name. Copyright
# lines name the company ("뉴스1코리아", "한경닷컴"), not the masthead readers know.
OUTLET_ALIASES: dict[str, str] = {
    "뉴스1코리아": "뉴스1",
    "News1": "뉴스1",
    "한경닷컴": "한국경제",
    "한국경제신문": "한국경제",
    "매경": "매일경제",
    "매일경제신문": "매일경제",
    "MoneyToday": "머니투데이",
    "뉴시스통신사": "뉴시스",
    "NEWSIS": "뉴시스",
    "Yonhap": "연합뉴스",
    "조선닷컴": "조선일보",
    "JoongAng": "중앙일보",
    "한겨레신문": "한겨레",
    "한겨레신문사": "한겨레",
    "아시아경제신문": "아시아경제",
    "경향닷컴": "경향신문",
    "ZDNet Korea": "지디넷코리아",
    "지디넷": "지디넷코리아",
    "edaily": "이데일리",
    "헤럴드": "헤럴드경제",
}

# Portal article hosts: they are news article links (source_url) but say nothing about the outlet.
PORTAL_NEWS_DOMAINS: tuple[str, ...] = (
    "n.news.naver.com",
    "news.naver.com",
    "v.daum.net",
    "news.daum.net",
    "news.nate.com",
)

# Photo agencies that appear as caption credits ("/AFPBBNews=뉴스1", "/로이터=연합뉴스").
PHOTO_AGENCIES: tuple[str, ...] = (
    "로이터",
    "AP",
    "AFP",
    "EPA",
    "UPI",
    "신화",
    "신화통신",
    "교도",
    "AFPBBNews",
    "게티이미지뱅크",
    "게티이미지코리아",
    "게티이미지",
    "셔터스톡",
)


def _alternation(words: Iterable[str]) -> str:
    # Longest first so "뉴스1코리아" wins over "뉴스1" and "연합뉴스TV" over "연합뉴스".
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


OUTLET_NAME = _alternation([*OUTLET_DOMAINS, *OUTLET_ALIASES])
AGENCY_NAME = _alternation([*PHOTO_AGENCIES, *OUTLET_DOMAINS, *OUTLET_ALIASES])

# --------------------------------------------------------------------------------------------
# Regex building blocks
# --------------------------------------------------------------------------------------------

# Korean personal names are 2-4 syllables; longer runs are words, not names.
NAME = r"[가-힣]{2,4}"
# Joint bylines separate names with a middle dot, comma or slash ("홍길동·김철수 기자").
NAME_SEP = r"\s*[·ㆍ,/]\s*"
NAMES = rf"{NAME}(?:{NAME_SEP}{NAME})*"
# Wire leads also separate co-authors by a bare space ("(서울=연합뉴스) 홍길동 김철수 기자 =");
# only allowed there because the "(서울=연합뉴스)" prefix already proves it is a byline.
WIRE_NAMES = rf"{NAME}(?:(?:{NAME_SEP}|\s+){NAME})*"
TITLE = (
    r"(?:(?:선임|인턴|수습|전문|객원|사진|영상|취재|수석|편집|대기자)\s?기자"
    r"|기자|특파원|논설위원|편집위원|통신원)"
)
EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
# "글·사진 홍길동 기자": who did what, before the name.
CREDIT_PREFIX = r"(?:글\s*[·ㆍ/]\s*사진|사진\s*[·ㆍ/]\s*글|글|사진|영상|취재|정리)"

NAME_RE = re.compile(NAME)
NAME_SEP_RE = re.compile(NAME_SEP)
TITLE_RE = re.compile(TITLE)
EMAIL_RE = re.compile(EMAIL)
OUTLET_NAME_RE = re.compile(OUTLET_NAME)
WHITESPACE_RE = re.compile(r"\s+")

# Words that fit NAME but are never people ("사진 기자", "담당 기자" ...).
NAME_STOPWORDS: frozenset[str] = frozenset(
    {
        "사진",
        "영상",
        "취재",
        "그래픽",
        "담당",
        "해당",
        "현직",
        "전직",
        "방송",
        "신문",
        "일간",
        "주간",
        "기사",
        "뉴스",
        "본지",
        "우리",
        "모든",
        "여러",
        "일부",
        "당시",
        "현장",
        "외신",
        "출입",
        "여기자",
        "정리",
        "편집",
    }
)

# Mailboxes of newsrooms, not of a reporter (jebo@ = tip line).
NON_PERSONAL_EMAIL_RE = re.compile(
    r"^(?:jebo|webmaster|master|help|news|info|admin|contact|press|editor|tip|report|okjebo)@",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------------
# Line patterns
# --------------------------------------------------------------------------------------------

# One byline unit: "글·사진 홍길동 기자", "워싱턴=김태호 특파원", "[이데일리 홍길동 기자]",
# "홍길동 한경닷컴 기자 hong@hankyung.com", "홍길동 기자(hong@x.com)". A byline line is one or more
# units and nothing else, which is what keeps "김철수 기자가 쓴 기사" from counting.
BYLINE_UNIT_RE = re.compile(
    rf"""
    [\[\(<【]?\s*
    (?:{CREDIT_PREFIX}\s*[=:]?\s*)?
    (?:(?P<lead_outlet>{OUTLET_NAME})\s*=?\s*)?
    (?:[가-힣]{{2,6}}\s*=\s*)?
    (?P<names>{NAMES})\s+
    (?:(?P<mid_outlet>{OUTLET_NAME})\s+)?
    {TITLE}
    \s*[\]\)>】]?
    (?P<emails>(?:\s*[\(\[<]?\s*{EMAIL}\s*[\)\]>]?)*)
    """,
    re.VERBOSE,
)
BYLINE_SEP_RE = re.compile(r"\s*[,/·ㆍ]?\s*")
# Broadcast bylines carry no title: "YTN 최예린 (yerin@ytn.co.kr)". Only trusted with the outlet
# in front and an email behind.
OUTLET_NAME_EMAIL_RE = re.compile(
    rf"^(?P<outlet>{OUTLET_NAME})\s+(?P<names>{NAMES})\s*[\(<\[]?\s*(?P<emails>{EMAIL})\s*[\)>\]]?$"
)

# A line holding only email addresses: Yonhap/News1 put the reporter's address on its own line.
BARE_EMAILS_RE = re.compile(rf"^[\(\[<]?\s*{EMAIL}(?:\s*[,/;]?\s*{EMAIL})*\s*[\)\]>]?$")

# Wire-service lead: "(서울=연합뉴스) 홍길동 기자 = 본문", "[서울=뉴시스]홍길동 기자 = 본문".
WIRE_LEAD_RE = re.compile(
    rf"""
    ^[\(\[]\s*(?P<dateline>[^=\(\)\[\]]{{1,15}}?)\s*=\s*(?P<outlet>[^=\(\)\[\]]{{2,20}}?)\s*[\)\]]\s*
    (?:(?P<byline>(?:{WIRE_NAMES}\s+{TITLE}\s*(?:[\(<]?{EMAIL}[\)>]?\s*)?[,·ㆍ]?\s*)+)?=\s*)?
    (?P<rest>.*)$
    """,
    re.VERBOSE,
)

# An outlet we do not know may still lead a wire story, if it looks like one short name.
UNKNOWN_WIRE_OUTLET_RE = re.compile(r"[가-힣A-Za-z0-9]{2,12}")

# Edaily-style lead: "[이데일리 홍길동 기자] 본문".
BRACKET_LEAD_RE = re.compile(
    rf"^[\[【]\s*(?P<outlet>{OUTLET_NAME})\s*=?\s*(?P<names>{NAMES})\s+{TITLE}\s*[\]】]\s*(?P<rest>\S.*)$"
)

# Newsis ends with "◎공감언론 뉴시스 hong@newsis.com": outlet plus the reporter's address.
SIGNOFF_RE = re.compile(
    rf"^[◎◇■●]?\s*(?:공감언론\s*)?(?P<outlet>{OUTLET_NAME})\s+"
    rf"(?P<emails>{EMAIL}(?:\s*[,/]?\s*{EMAIL})*)$"
)

# "[중앙일보]" alone on a line: the outlet's tag.
OUTLET_TAG_RE = re.compile(rf"^[\[<【(]\s*(?P<outlet>{OUTLET_NAME})\s*[\]>】)]$")

COPYRIGHT_MARK = r"(?:ⓒ|©|Ⓒ|\([cC]\)|Copyrights?\b|COPYRIGHT)"
COPYRIGHT_MARK_RE = re.compile(COPYRIGHT_MARK)
# Copyright lines open with the mark (after a bracket) or with "저작권자"; a caption credit
# ("사장 ⓒ뉴스1") has it at the end instead.
COPYRIGHT_START_RE = re.compile(
    rf"^[\[\(<【＜〈\s]*(?:{COPYRIGHT_MARK}|저작권자\s*{COPYRIGHT_MARK})"
)
COPYRIGHT_TERMS_RE = re.compile(
    r"무단|전재|재배포|배포\s*금지|All\s+rights|reserved|&|\.co\.kr|\.com|\.kr\b|학습",
    re.IGNORECASE,
)
# The seed reposts show "&" mangled to "amp;" or left as "&amp;".
AMP_RE = re.compile(r"&amp;|(?<![&\w])amp;")
# Fallback outlet in an unknown copyright line: a single word right after the mark.
COPYRIGHT_GENERIC_RE = re.compile(
    rf"^[\[\(<【\s]*(?:저작권자\s*)?(?:{COPYRIGHT_MARK}\s*)+(?P<name>[가-힣A-Za-z0-9]{{2,15}})"
    r"(?=\s*(?:[,.&<>\]]|무단|www\.|All\b|$))"
)
COPYRIGHT_MAX_LEN = 200
# "mt.co.kr" inside a copyright line names the outlet even when its name is unknown to us.
DOMAIN_IN_TEXT_RE = re.compile(r"[A-Za-z0-9.-]+\.(?:co\.kr|com|kr|net)\b")
# A question or sentence that mentions an outlet and the © sign is talk about copyright,
# not a copyright notice ("연합뉴스 기사에 ⓒ 있으면 무단 전재 안 되죠?").
TALK_END_RE = re.compile(r"(?:[다요죠까네]\s*[.?!~]*|\?)['\"”’)]?$")

# Related-article block openers: "[관련기사]", "▶ 관련기사", "■ 관련기사", "<많이 본 뉴스>" ...
RELATED_MARKER_RE = re.compile(
    r"^[\[\(<【■□▶▷◆◇●○☞\-\s]*"
    r"(?:관련\s*(?:기사|뉴스)|함께\s*(?:보면\s*좋은|볼만한)\s*(?:기사|뉴스)|많이\s*본\s*(?:기사|뉴스)"
    r"|인기\s*(?:기사|뉴스)|주요\s*(?:기사|뉴스)|추천\s*(?:기사|뉴스)|핫\s*뉴스|최신\s*(?:기사|뉴스)"
    r"|이\s*시각\s*(?:인기|주요|많이\s*본)\s*(?:기사|뉴스))"
    r"(?:\s*(?:보기|모음|더\s*보기|목록))?[\]\)>】\s:]*$"
)
# Lines opening with an arrow are links to other stories or promos, not article text.
ARROW_LINE_RE = re.compile(r"^[☞▶▷►]")
# The related block ends where an article paragraph clearly resumes: a long declarative sentence.
# Headlines are short and do not end in "다.", so this only fires on body text.
PARAGRAPH_RE = re.compile(r"^.{60,}(?:다|요)\.['\"”’)]?$")

PLACEHOLDER_RE = re.compile(
    r"^(?:본문\s*이미지|기사\s*이미지|이미지|사진|사진\s*확대|이미지\s*확대|크게\s*보기|확대\s*보기"
    r"|그래픽|동영상|영상|image|photo|img)$",
    re.IGNORECASE,
)
LABEL_RE = re.compile(
    r"^(?:뉴스\s*기사|기사|뉴스|본문|기사\s*본문|기사\s*내용\s*요약|기사\s*원문\s*보기|원문\s*보기"
    r"|기사\s*원문|기사\s*공유하기|글자\s*크기\s*설정|프린트|스크랩|공유)$"
    # Broadcast scripts mark who speaks: "[앵커]", "[리포트]", "[기자]" alone on a line.
    r"|^\[(?:앵커|리포트|기자|앵커\s*멘트|리포트\s*멘트|인터뷰|녹취|스탠드업|스튜디오)\]$"
)
# Broadcast production credits: "촬영기자:정민호/영상편집:이지은". The camera crew is not the
# article's reporter, so these lines are dropped rather than read as bylines.
PRODUCTION_CREDITS_RE = re.compile(
    r"^(?:촬영\s*기자|영상\s*(?:편집|취재|기자)|촬영|그래픽|자막|VJ|리서처|화면\s*제공|CG)\s*[:：]"
)
# "입력 2023.09.05 14:10" / "수정 2023-09-05" timestamps copied from the article page.
META_RE = re.compile(
    r"^(?:입력|수정|업데이트|기사\s*입력|최종\s*수정|등록|발행|송고)\s*[:：]?\s*\d{4}[.\-/]\s?\d{1,2}"
)
# Lines dropped whatever else they are (after the related-block and source checks): an arrow
# line or any of the four line patterns above, asked as one pattern (one call instead of five
# per line; a line matches it when it matches any of them: tests compare).
DROPPED_LINE_RE = re.compile(
    "|".join(
        f"(?i:{rx.pattern})" if rx.flags & re.IGNORECASE else f"(?:{rx.pattern})"
        for rx in (ARROW_LINE_RE, PLACEHOLDER_RE, LABEL_RE, META_RE, PRODUCTION_CREDITS_RE)
    )
)
# Promo lines that are never article text whatever their shape.
PROMO_STRONG_RE = re.compile(
    r"구독\s*(?:하기|신청|버튼|클릭)|채널\s*추가|앱\s*(?:다운|설치)|\[구독\]|jebo@|제보를\s*기다립니다"
    r"|제보는?\s*(?:카카오톡|카톡|이메일|전화|☎|[:：])|okjebo|재판매\s*및\s*DB\s*금지"
    r"|기자의?\s*다른\s*기사|기자\s*(?:구독|페이지|프로필)|네이버\s*메인에서|뉴스\s*스탠드"
    r"|Google\s*뉴스|구글\s*뉴스에서",
    re.IGNORECASE,
)
# PROMO_STRONG_RE's alternatives in two patterns, for speed (issue 17): case only matters to
# the ones with Latin letters, and with IGNORECASE the whole pattern was ≈ 3.5 µs a line. The
# Latin ones each need "j"/"J" (the only characters IGNORECASE matches with "j"), "재판매" or
# "뉴스", so they run on few lines. A line matches both or neither: tests compare them.
PROMO_STRONG_HANGUL_RE = re.compile(
    r"구독\s*(?:하기|신청|버튼|클릭)|채널\s*추가|앱\s*(?:다운|설치)|\[구독\]|제보를\s*기다립니다"
    r"|제보는?\s*(?:카카오톡|카톡|이메일|전화|☎|[:：])"
    r"|기자의?\s*다른\s*기사|기자\s*(?:구독|페이지|프로필)|네이버\s*메인에서|뉴스\s*스탠드"
    r"|구글\s*뉴스에서"
)
PROMO_STRONG_LATIN_RE = re.compile(
    r"jebo@|okjebo|재판매\s*및\s*DB\s*금지|Google\s*뉴스", re.IGNORECASE
)
PROMO_STRONG_LATIN_NEEDS = ("j", "J", "재판매", "뉴스")
# Weaker promo words: dropped only from short lines that are not sentences, because a news
# paragraph can report on "무단 전재" itself.
PROMO_WEAK_RE = re.compile(
    r"무단\s*(?:전재|복제|배포)|재배포\s*금지|AI\s*학습\s*(?:및\s*)?활용\s*금지"
)
SENTENCE_END_RE = re.compile(r"(?:다|요)[.!?]['\"”’)]?$")
PROMO_MAX_LEN = 150

URL_RE = re.compile(r"https?://[^\s<>\"'\]\)]+", re.IGNORECASE)
URL_TRAILING_RE = re.compile(r"[.,;:!?)」』”’]+$")
# "원문: https://...", "기사원문 https://...", "출처 - https://..." or a bare URL line.
SOURCE_LINE_RE = re.compile(
    r"^(?:[\[\(<]?\s*(?:기사\s*)?(?:원문|원본|출처|링크|source|url|기사\s*보기)\s*(?:기사|링크|보기)?"
    r"\s*[\]\)>]?\s*[:：=\-]?\s*)?(?P<url>https?://\S+)$",
    re.IGNORECASE,
)
# gnuboard's own URLs (the board, the post, a file download) are not sources.
BOARD_URL_RE = re.compile(r"/bbs/|board\.php|bo_table=|wr_id=|download\.php", re.IGNORECASE)

# Photo caption credits.
PHOTO_WORD = r"(?:사진|그래픽|자료\s?사진|사진\s?제공|영상|이미지\s?출처|이미지|출처)"
# "미야카와 준이치 소프트뱅크 사장. /사진=로이터=뉴스1"
CAPTION_SLASH_RE = re.compile(
    rf"^(?P<caption>.*?)\s*/\s*(?P<credit>{PHOTO_WORD}\s*[=:]\s*[^/\s][^/]{{0,59}}?)\s*$"
)
# "... (사진=OO)", "<사진=뉴스1>", "[사진=OO]", "[연합뉴스 자료사진]", "(서울시 제공)"
CAPTION_BRACKET_RE = re.compile(
    rf"^(?P<caption>.*?)\s*[\(\[<]\s*(?P<credit>{PHOTO_WORD}\s*[=:]\s*[^\(\)\[\]<>]{{1,60}}?"
    r"|[^\(\)\[\]<>=]{1,40}?\s?(?:제공|자료\s?사진|DB))\s*[\)\]>]\s*$"
)
# "... 2023.9.5/뉴스1", "... /AFPBBNews=뉴스1", "... /AP 연합뉴스", "... /서울시 제공", and the
# photographer's name ("... /김지호 기자"), which is a credit, not the article's reporter.
CAPTION_AGENCY_RE = re.compile(
    rf"^(?P<caption>.+?)\s*/\s*(?P<credit>(?:[A-Za-z가-힣]{{1,20}}\s?[=\s]\s?)?"
    rf"(?:{AGENCY_NAME}|[가-힣A-Za-z]{{1,20}}\s?(?:제공|DB))|{NAME}\s?기자)\s*$"
)
# "... 사장 ⓒ뉴스1"
# Credit after the caption's last full stop with no slash: "... 승강장 모습. 동아일보DB",
# "... 지수가 표시돼 있다. 연합뉴스", "... 모습. 김혜윤 기자 unique@hani.co.kr".
CAPTION_TRAILING_RE = re.compile(
    rf"^(?P<caption>.+?[.)])\s+(?P<credit>(?:{AGENCY_NAME})(?:\s?(?:DB|자료\s?사진|제공))?"
    rf"|[가-힣A-Za-z]{{1,15}}\s?제공|{NAME}\s?기자)(?:\s+{EMAIL})?$"
)
CAPTION_COPY_RE = re.compile(r"^(?P<caption>.+?)\s*[ⓒ©]\s*(?P<credit>[^ⓒ©\s][^ⓒ©]{0,29}?)\s*$")
# A credit alone on a line: "사진=게티이미지뱅크", "/사진=머니투데이DB", "ⓒ게티이미지뱅크".
CREDIT_ONLY_RE = re.compile(
    rf"^/?\s*(?P<credit>{PHOTO_WORD}\s*[=:]\s*\S[^=]{{0,40}}?(?:=[^=]{{1,20}})?)$"
    r"|^[ⓒ©]\s*(?P<copy>\S.{0,29})$"
)
# Wire photo captions end in the shooting date and the photographer's address:
# "[서울=뉴시스] 최지훈 기자 = ... 있다. 2023.09.05. photo@newsis.com"
CAPTION_DATE_END_RE = re.compile(
    r"(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?(?:\s*\[[^\]]{1,20}\])?$"
)
TRAILING_EMAILS_RE = re.compile(rf"(?:\s*{EMAIL})+\s*$")
NEWSIS_RESALE_RE = re.compile(r"\*?\s*재판매\s*및\s*DB\s*금지\s*$")
CAPTION_MAX_LEN = 300
# A slash-less trailing credit is a weak signal, so only short one-sentence lines qualify:
# a paragraph ending in "... 밝혔다. 홍길동 기자" is text with a glued byline, not a caption.
TRAILING_CAPTION_MAX_LEN = 150
TRAILING_CAPTION_MAX_SENTENCES = 1

# News prose is declarative ("...밝혔다."); chat is not. Used to vet bylines that carry no email.
DECLARATIVE_RE = re.compile(r"다\.(?:['\"”’)]|\s|$)")
MIN_DECLARATIVE_LINES = 2
# A byline without an email must sit at the head or the tail of the article.
BYLINE_EDGE_LINES = 2


# --------------------------------------------------------------------------------------------
# Outlet helpers
# --------------------------------------------------------------------------------------------


def _canonical_outlet(name: str) -> str:
    name = name.strip()
    return OUTLET_ALIASES.get(name, name)


def _known_outlet_in(text: str) -> str | None:
    m = OUTLET_NAME_RE.search(text)
    return _canonical_outlet(m.group(0)) if m else None


def _host_matches(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


#: Each outlet domain -> its outlet (the first outlet listing it).
OUTLET_BY_DOMAIN: dict[str, str] = {}
for _outlet, _domains in OUTLET_DOMAINS.items():
    for _domain in _domains:
        OUTLET_BY_DOMAIN.setdefault(_domain, _outlet)


def outlet_for_host(host: str) -> str | None:
    """Outlet name for a host or email domain ('news.mt.co.kr' -> '머니투데이')."""
    host = host.lower().strip(".")
    # The longest matching domain wins: biz.chosun.com is 조선비즈, not 조선일보. A domain matches
    # the host itself or a part after one of its dots, so the host and those parts, longest
    # first, are looked up (instead of every domain tried against the host).
    start = 0
    while True:
        outlet = OUTLET_BY_DOMAIN.get(host[start:])
        if outlet is not None:
            return outlet
        dot = host.find(".", start)
        if dot == -1:
            return None
        start = dot + 1


def _is_news_host(host: str) -> bool:
    host = host.lower()
    return outlet_for_host(host) is not None or any(
        _host_matches(host, d) for d in PORTAL_NEWS_DOMAINS
    )


def _url_host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


# --------------------------------------------------------------------------------------------
# Line parsers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Byline:
    """What a byline line says: reporter names, their addresses, and an outlet if named."""

    names: list[str]
    emails: list[str]
    outlet: str | None


def _names_ok(names: Sequence[str]) -> bool:
    return bool(names) and not any(n in NAME_STOPWORDS for n in names)


def parse_byline(line: str) -> Byline | None:
    """Parse a line made only of byline units; None when anything else is on the line."""
    if "@" not in line and _lacks(line, TITLE_WORDS):
        return None  # neither an "outlet name email" line nor any unit's title
    broadcast = OUTLET_NAME_EMAIL_RE.match(line)
    if broadcast:
        names = [n.strip() for n in NAME_SEP_RE.split(broadcast.group("names"))]
        if not _names_ok(names):
            return None
        outlet = _canonical_outlet(broadcast.group("outlet"))
        return Byline(names, [broadcast.group("emails")], outlet)
    units: list[re.Match[str]] = []
    pos = 0
    while pos < len(line):
        m = BYLINE_UNIT_RE.match(line, pos)
        if not m:
            return None
        units.append(m)
        sep = BYLINE_SEP_RE.match(line, m.end())
        pos = sep.end() if sep else m.end()
    if not units:
        return None
    names: list[str] = []
    emails: list[str] = []
    outlet: str | None = None
    for m in units:
        unit_names = [n.strip() for n in NAME_SEP_RE.split(m.group("names"))]
        if not _names_ok(unit_names):
            return None
        names.extend(unit_names)
        emails.extend(EMAIL_RE.findall(m.group("emails")))
        found = m.group("lead_outlet") or m.group("mid_outlet")
        if found and outlet is None:
            outlet = _canonical_outlet(found)
    return Byline(names, emails, outlet)


def _wire_names(byline: str) -> list[str]:
    stripped = TITLE_RE.sub(" ", EMAIL_RE.sub(" ", byline))
    return NAME_RE.findall(stripped)


@dataclass(frozen=True)
class WireLead:
    """A wire-service lead: outlet, reporters, and the paragraph text after '='."""

    outlet: str | None
    names: list[str]
    emails: list[str]
    rest: str


def parse_wire_lead(line: str) -> WireLead | None:
    """'(서울=연합뉴스) 홍길동 기자 = 본문' -> outlet, names and the lead paragraph."""
    if not _opens_with(line, "([【"):
        return None  # both lead shapes open with a bracket
    m = WIRE_LEAD_RE.match(line)
    if m:
        outlet_raw = m.group("outlet").strip()
        known = OUTLET_NAME_RE.fullmatch(outlet_raw)
        byline = m.group("byline")
        # "(A=B) text" is a common enough shape in prose; without a reporter it only counts when
        # B is an outlet we know.
        if byline is None and not known:
            return None
        if known is None and not UNKNOWN_WIRE_OUTLET_RE.fullmatch(outlet_raw):
            return None
        names = _wire_names(byline) if byline else []
        if byline and not _names_ok(names):
            return None
        emails = EMAIL_RE.findall(byline) if byline else []
        return WireLead(_canonical_outlet(outlet_raw), names, emails, m.group("rest").strip())
    m = BRACKET_LEAD_RE.match(line)
    if m:
        names = [n.strip() for n in NAME_SEP_RE.split(m.group("names"))]
        if not _names_ok(names):
            return None
        return WireLead(_canonical_outlet(m.group("outlet")), names, [], m.group("rest").strip())
    return None


def parse_copyright(line: str) -> tuple[bool, str | None]:
    """(is a copyright line, outlet) for lines like 'ⓒ 머니투데이 & mt.co.kr, 무단 전재 ...'."""
    if len(line) > COPYRIGHT_MAX_LEN or not COPYRIGHT_MARK_RE.search(line):
        return False, None
    text = AMP_RE.sub("&", line)
    starts = COPYRIGHT_START_RE.match(text) is not None
    has_terms = COPYRIGHT_TERMS_RE.search(text) is not None
    known = _known_outlet_in(text)
    if not starts and TALK_END_RE.search(text):
        return False, None
    if not ((starts and (has_terms or known)) or (known and has_terms)):
        return False, None
    if known:
        return True, known
    for dm in DOMAIN_IN_TEXT_RE.finditer(text):
        outlet = outlet_for_host(dm.group(0))
        if outlet:
            return True, outlet
    generic = COPYRIGHT_GENERIC_RE.match(text)
    # An unknown single word after the mark is taken as the outlet only when the line also reads
    # like a copyright notice; "Copyright © 소유하신 도메인." (two words) stays nameless.
    if generic and has_terms and generic.group("name").lower() not in {"all", "copyright"}:
        return True, generic.group("name")
    return True, None


CREDIT_EQUALS_RE = re.compile(r"\s*=\s*")


def _clean_credit(credit: str) -> str:
    # "사진 = 연합뉴스" and "사진=연합뉴스" are the same credit.
    return CREDIT_EQUALS_RE.sub("=", WHITESPACE_RE.sub(" ", credit)).strip()


#: Shortcuts (issue 17): a pattern is not tried on a line that lacks text it cannot match
#: without. Most lines are plain prose and need none of the line patterns; False turns every
#: shortcut off (the tests compare both ways).
SKIP_BY_REQUIRED_TEXT = True


#: The caption patterns in the order they are tried, each with the texts it cannot match
#: without one of (None = always tried). A tuple of pairs: looking a compiled pattern up in a
#: dict hashes its whole source on every call. The lazy ``^(?P<caption>.+?)…$`` patterns are
#: the news reader's costliest.
CAPTION_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...] | None], ...] = (
    (CAPTION_SLASH_RE, ("/",)),
    (CAPTION_BRACKET_RE, ("(", "[", "<")),
    (CAPTION_AGENCY_RE, ("/",)),
    (CAPTION_COPY_RE, ("ⓒ", "©")),
    (CAPTION_TRAILING_RE, None),
)
#: A byline names its writer with one of these titles (every ``TITLE`` alternative ends so).
TITLE_WORDS = ("기자", "특파원", "논설위원", "편집위원", "통신원")
SOURCE_URL_NEEDS = ("://",)


def _lacks(text: str, needs: tuple[str, ...]) -> bool:
    """True when the shortcuts are on and ``text`` contains none of ``needs``: ``in`` tests
    in a plain loop (a regex alternation of the needles was 1.2-5× slower on Hangul lines, a
    generator over them slower still)."""
    if not SKIP_BY_REQUIRED_TEXT:
        return False
    for needle in needs:  # noqa: SIM110 - a loop, not all() over a generator (slower)
        if needle in text:
            return False
    return True


def _opens_with(text: str, brackets: str) -> bool:
    return not SKIP_BY_REQUIRED_TEXT or text[:1] in brackets


#: What a :data:`CAPTION_TRAILING_RE` credit can end with: an agency or outlet name (its
#: ``AGENCY_NAME`` words), ``DB``, ``사진`` (``자료사진``), ``제공``, ``기자``; or, with an email
#: after it, the email's ASCII top-level domain (any ASCII letter here).
TRAILING_CREDIT_ENDINGS: tuple[str, ...] = tuple(
    sorted({*PHOTO_AGENCIES, *OUTLET_DOMAINS, *OUTLET_ALIASES, "DB", "사진", "제공", "기자"})
)
#: Their last characters, and the ASCII letters: one set look-up turns away a line ending in
#: ``.`` (``endswith`` over the ≈ 70 endings costs more than the pattern it saves).
TRAILING_CREDIT_LAST = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    + "".join(ending[-1] for ending in TRAILING_CREDIT_ENDINGS)
)


def _may_end_in_credit(text: str) -> bool:
    """False when ``text`` cannot end in a trailing credit (:data:`CAPTION_TRAILING_RE`): its
    ``$`` matches at the end or before a final line feed, after a credit's last character. Half
    of an article's lines end in ``다.``; for each, the lazy pattern tried every ``.`` with the
    ≈ 70-name alternation behind it (the news reader's costliest step)."""
    if not SKIP_BY_REQUIRED_TEXT:
        return True
    end = text[:-1] if text.endswith("\n") else text
    last = end[-1:]
    if last not in TRAILING_CREDIT_LAST:
        return False
    return ("a" <= last <= "z") or ("A" <= last <= "Z") or end.endswith(TRAILING_CREDIT_ENDINGS)


def parse_caption(line: str) -> PhotoCaption | None:
    """Split a photo caption line into caption text and credit; None when it is not one."""
    if len(line) > CAPTION_MAX_LEN:
        return None
    text = (NEWSIS_RESALE_RE.sub("", line) if "재판매" in line else line).strip()
    body = text
    wire_outlet: str | None = None
    lead = WIRE_LEAD_RE.match(text)
    if lead and lead.group("byline"):
        # Wire photos repeat the dateline and photographer; the caption is what follows "=".
        body = lead.group("rest").strip()
        wire_outlet = _canonical_outlet(lead.group("outlet"))
    for rx, needs in CAPTION_PATTERNS:
        if needs is not None and _lacks(body, needs):
            continue
        if rx is CAPTION_TRAILING_RE and (
            not _may_end_in_credit(body)
            or len(body) > TRAILING_CAPTION_MAX_LEN
            or len(DECLARATIVE_RE.findall(body)) > TRAILING_CAPTION_MAX_SENTENCES
        ):
            continue
        m = rx.match(body)
        if m and not PROMO_WEAK_RE.search(m.group("credit")):
            return PhotoCaption(m.group("caption").strip(), _clean_credit(m.group("credit")))
    if wire_outlet:
        without_email = TRAILING_EMAILS_RE.sub("", body).strip()
        if CAPTION_DATE_END_RE.search(without_email):
            return PhotoCaption(without_email, wire_outlet)
    m = CREDIT_ONLY_RE.match(text)
    if m:
        return PhotoCaption("", _clean_credit(m.group("credit") or m.group("copy")))
    return None


def _promo_strong(line: str) -> bool:
    """``PROMO_STRONG_RE.search(line) is not None``, by its two halves."""
    if not SKIP_BY_REQUIRED_TEXT:
        return PROMO_STRONG_RE.search(line) is not None
    if PROMO_STRONG_HANGUL_RE.search(line):
        return True
    if _lacks(line, PROMO_STRONG_LATIN_NEEDS):
        return False
    return PROMO_STRONG_LATIN_RE.search(line) is not None


def _is_promo(line: str) -> bool:
    if len(line) > PROMO_MAX_LEN:
        return False
    if _promo_strong(line):
        return True
    return PROMO_WEAK_RE.search(line) is not None and not SENTENCE_END_RE.search(line)


def _clean_url(url: str) -> str:
    return URL_TRAILING_RE.sub("", url)


# --------------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------------

# Line kinds. Only TEXT (and a lead's paragraph) reaches article_text.
TEXT = "text"
DROP = "drop"
COPYRIGHT = "copyright"
SIGNOFF = "signoff"
OUTLET_TAG = "outlet_tag"
BYLINE = "byline"
EMAILS = "emails"
RELATED = "related"
SOURCE = "source"
CAPTION = "caption"
LEAD = "lead"

# Kinds that close a related-articles block: the article's tail furniture.
_BLOCK_ENDERS = frozenset({COPYRIGHT, SIGNOFF, OUTLET_TAG, BYLINE, EMAILS})


@dataclass
class _Line:
    text: str
    kind: str
    outlet: str | None = None
    byline: Byline | None = None
    emails: list[str] = field(default_factory=list)
    caption: PhotoCaption | None = None
    lead: WireLead | None = None
    url: str | None = None


#: A character every line pattern but five needs, somewhere in the line: a copyright mark (the
#: "C" of "Copyright"), a bracket (wire leads, outlet tags, bracketed credits), "@" (signoffs,
#: emails), "/" (slash credits), "=" or ":" (credit-only lines; ``://`` of source links).
LINE_MARK_RE = re.compile(r"[ⓒ©Ⓒ(\[<【@/=:C]")


def _classify_unmarked(text: str) -> _Line:
    """:func:`_classify` of a line without a :data:`LINE_MARK_RE` character (most article
    paragraphs): only a byline by its title, a related-articles marker, a dropped line, a
    trailing-credit caption, a promo or text can match it, tried in :func:`_classify`'s order
    (a wire lead opens with a bracket)."""
    byline = parse_byline(text)
    if byline:
        return _Line(text, BYLINE, byline=byline)
    if RELATED_MARKER_RE.match(text):
        return _Line(text, RELATED)
    if DROPPED_LINE_RE.match(text):
        return _Line(text, DROP)
    # parse_caption's other patterns and its credit-only line need a mark: only the trailing
    # credit is left, and it is tried only on text that may end in one
    if "재판매" in text or _may_end_in_credit(text.strip()):
        caption = parse_caption(text)
        if caption:
            return _Line(text, CAPTION, caption=caption)
    if _is_promo(text):
        return _Line(text, DROP)
    return _Line(text, TEXT)


def _classify(text: str, lead_seen: bool) -> _Line:
    if SKIP_BY_REQUIRED_TEXT and LINE_MARK_RE.search(text) is None:
        return _classify_unmarked(text)
    is_copy, outlet = parse_copyright(text)
    if is_copy:
        return _Line(text, COPYRIGHT, outlet=outlet)
    has_at = "@" in text or not SKIP_BY_REQUIRED_TEXT
    m = SIGNOFF_RE.match(text) if has_at else None
    if m:
        return _Line(
            text,
            SIGNOFF,
            outlet=_canonical_outlet(m.group("outlet")),
            emails=EMAIL_RE.findall(text),
        )
    m = OUTLET_TAG_RE.match(text) if _opens_with(text, "[<【(") else None
    if m:
        return _Line(text, OUTLET_TAG, outlet=_canonical_outlet(m.group("outlet")))
    byline = parse_byline(text)
    if byline:
        return _Line(text, BYLINE, byline=byline)
    if has_at and BARE_EMAILS_RE.match(text):
        return _Line(text, EMAILS, emails=EMAIL_RE.findall(text))
    if RELATED_MARKER_RE.match(text):
        return _Line(text, RELATED)
    m = None if _lacks(text, SOURCE_URL_NEEDS) else SOURCE_LINE_RE.match(text)
    if m:
        return _Line(text, SOURCE, url=_clean_url(m.group("url")))
    if DROPPED_LINE_RE.match(text):
        return _Line(text, DROP)
    caption = parse_caption(text)
    if caption:
        return _Line(text, CAPTION, caption=caption)
    if not lead_seen:
        lead = parse_wire_lead(text)
        if lead:
            return _Line(text, LEAD, lead=lead, outlet=lead.outlet)
    if _is_promo(text):
        return _Line(text, DROP)
    return _Line(text, TEXT)


def _drop_related_blocks(lines: list[_Line]) -> None:
    """Turn the headline list under a related-articles marker into DROP lines, in place."""
    in_block = False
    for line in lines:
        if line.kind == RELATED:
            in_block = True
            line.kind = DROP
            continue
        if not in_block:
            continue
        if line.kind in _BLOCK_ENDERS or (line.kind == TEXT and PARAGRAPH_RE.match(line.text)):
            in_block = False
        elif line.kind in (TEXT, CAPTION, LEAD):
            line.kind = DROP


def _vet_bylines(lines: list[_Line]) -> None:
    """Demote byline look-alikes that carry no email and sit mid-text, or sit in chat, to TEXT."""
    for line in lines:
        if line.kind == BYLINE and line.byline is not None and not line.byline.emails:
            break
    else:
        return  # no byline to vet (most posts): the counts below are not needed
    text_idx = [i for i, ln in enumerate(lines) if ln.kind in (TEXT, LEAD)]
    declarative = sum(
        1
        for i in text_idx
        if DECLARATIVE_RE.search(lines[i].lead.rest if lines[i].lead else lines[i].text)
    )
    for i, line in enumerate(lines):
        if line.kind != BYLINE or line.byline is None or line.byline.emails:
            continue
        before = sum(1 for j in text_idx if j < i)
        after = sum(1 for j in text_idx if j > i)
        at_edge = before <= BYLINE_EDGE_LINES or after <= BYLINE_EDGE_LINES
        # A lone "홍길동 기자" is cheap to type in a chat post; without an email it needs news prose
        # around it before we call the post an article.
        if not at_edge or declarative < MIN_DECLARATIVE_LINES:
            line.kind = TEXT


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def _pick_source_url(links: Sequence[str], body_urls: Sequence[str]) -> str | None:
    def usable(url: object) -> bool:
        return (
            isinstance(url, str)
            and URL_RE.fullmatch(url.strip()) is not None
            and not BOARD_URL_RE.search(url)
        )

    link_urls = [u.strip() for u in links if usable(u)]
    candidates = [*link_urls, *(u for u in body_urls if usable(u))]
    for url in candidates:
        if _is_news_host(_url_host(url)):
            return url
    return candidates[0] if candidates else None


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def _split_lines(body_text: str, title: str | None, collapsed: bool | None = None) -> list[str]:
    """The body's non-empty lines, whitespace collapsed; ``collapsed``: whether
    ``is_collapsed_lines(body_text)`` (asked here when None)."""
    if collapsed is None:
        collapsed = is_collapsed_lines(body_text)
    if collapsed:
        lines = body_text.split("\n")  # the loader's body: each line collapsed already
    else:
        # str.split() splits on exactly the characters ``\s`` matches: the same as
        # ``WHITESPACE_RE.sub(" ", ln).strip()``, without the regex machinery on every line
        lines = [" ".join(ln.split()) for ln in body_text.splitlines()]
        lines = [ln for ln in lines if ln]
    if title:
        norm_title = WHITESPACE_RE.sub(" ", title).strip()
        # Collectors often paste the headline again as the first body line.
        if lines and norm_title and lines[0] == norm_title:
            lines = lines[1:]
    return lines


def extract_article(
    body_text: str, links: Sequence[str] = (), title: str | None = None
) -> Article | None:
    """Extract the reposted article from a post body, or None when it is not a news article.

    `body_text` is one block per line; `links` are the post's related-link fields; `title` is the
    post title, used only to drop a repeated headline at the top of the body.
    """
    lines: list[_Line] = []
    lead_seen = False
    body_text = body_text or ""
    collapsed = is_collapsed_lines(body_text)
    for text in _split_lines(body_text, title, collapsed):
        line = _classify(text, lead_seen)
        lead_seen = lead_seen or line.kind == LEAD
        lines.append(line)

    _drop_related_blocks(lines)
    _vet_bylines(lines)

    reporters: list[str] = []
    emails: list[str] = []
    lead_outlet = copyright_outlet = signoff_outlet = tag_outlet = byline_outlet = None
    paragraphs: list[str] = []
    captions: list[PhotoCaption] = []
    body_urls: list[str] = []
    for line in lines:
        if line.kind == TEXT:
            paragraphs.append(line.text)
        elif line.kind == LEAD and line.lead is not None:
            reporters.extend(line.lead.names)
            emails.extend(line.lead.emails)
            lead_outlet = lead_outlet or line.lead.outlet
            if line.lead.rest:
                paragraphs.append(line.lead.rest)
        elif line.kind == BYLINE and line.byline is not None:
            reporters.extend(line.byline.names)
            emails.extend(line.byline.emails)
            byline_outlet = byline_outlet or line.byline.outlet
        elif line.kind == COPYRIGHT:
            copyright_outlet = copyright_outlet or line.outlet
        elif line.kind == SIGNOFF:
            signoff_outlet = signoff_outlet or line.outlet
            emails.extend(line.emails)
        elif line.kind == OUTLET_TAG:
            tag_outlet = tag_outlet or line.outlet
        elif line.kind == EMAILS:
            emails.extend(line.emails)
        elif line.kind == CAPTION and line.caption is not None:
            captions.append(line.caption)
        elif line.kind == SOURCE and line.url:
            body_urls.append(line.url)

    reporters = _unique(reporters)
    emails = _unique(e for e in emails if not NON_PERSONAL_EMAIL_RE.match(e))
    named_outlet = lead_outlet or copyright_outlet or signoff_outlet or tag_outlet
    # Require a byline or a line that names the outlet; a bare email or link is not enough.
    if not reporters and not named_outlet:
        return None

    source_url = _pick_source_url(links, body_urls)
    publisher = named_outlet or byline_outlet
    for email in emails:
        if publisher:
            break
        publisher = outlet_for_host(email.rsplit("@", 1)[1])
    if publisher is None and source_url:
        publisher = outlet_for_host(_url_host(source_url))

    article_text = "\n".join(paragraphs)
    if collapsed:
        # lines of collapsed lines (a lead's paragraph: the stripped end of one): the loader
        # cleans the article text again, and need not check it
        remember_collapsed_lines(article_text)
    return Article(
        reporter=reporters,
        reporter_email=emails,
        publisher=publisher,
        article_text=article_text,
        photo_captions=captions,
        source_url=source_url,
    )
