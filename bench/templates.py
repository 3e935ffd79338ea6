"""Markup of the benchmark board: gnuboard5 basic-theme/basic-skin page parts with ``{{NAME}}`` slots.

Written for the benchmark in the shape of a stock gnuboard5 install (theme ``basic``, board skin
``basic``): full ``<head>`` with the ``g5_*`` script variables, top bar, search, popular keywords,
main menu, sidebar login box,
footer, the list table with category links and the pager, the view article with its info block,
buttons, body, recommend buttons, files, links, previous/next links, comments and the comment
form with its scripts. Nothing here measures anything; :mod:`bench.pages` fills the slots.

A :class:`Template` is split once into literal parts and slot names, so filling one costs a join,
not a scan of the whole page per slot (the server builds every page on the fly).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_SLOT_RE = re.compile(r"\{\{([A-Z0-9_]+)\}\}")


class Template:
    """A page part with ``{{NAME}}`` slots; ``fixed`` slots are filled once, at construction."""

    def __init__(self, text: str, **fixed: str) -> None:
        pieces = _SLOT_RE.split(text)
        parts: list[tuple[bool, str]] = []  # (is_slot, literal text or slot name)
        literal: list[str] = []
        for index, piece in enumerate(pieces):
            if index % 2 == 0:
                literal.append(piece)
            elif piece in fixed:
                literal.append(fixed[piece])
            else:
                parts.append((False, "".join(literal)))
                literal = []
                parts.append((True, piece))
        parts.append((False, "".join(literal)))
        self._parts = parts
        self.slots = frozenset(name for is_slot, name in parts if is_slot)

    def render(self, values: Mapping[str, str]) -> str:
        return "".join(values[text] if is_slot else text for is_slot, text in self._parts)


# -- shared by every page ------------------------------------------------------------------------

HEAD = """<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1.0,minimum-scale=0,maximum-scale=10,user-scalable=yes">
<meta http-equiv="imagetoolbar" content="no">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="description" content="{{DESCRIPTION}}">
<meta property="og:type" content="website">
<meta property="og:site_name" content="{{SITE}}">
<meta property="og:title" content="{{TITLE}}">
<meta property="og:url" content="{{CANONICAL}}">
<link rel="canonical" href="{{CANONICAL}}">
<title>{{TITLE}}</title>
<link rel="stylesheet" href="{{BASE}}/theme/basic/css/default.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/js/font-awesome/css/font-awesome.min.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/theme/basic/skin/connect/basic/style.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/theme/basic/skin/popular/basic/style.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/skin/board/basic/style.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/theme/basic/skin/outlogin/basic/style.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/theme/basic/skin/latest/notice/style.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/theme/basic/skin/latest/pic_list/style.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/theme/basic/skin/visit/basic/style.css?ver=2503101">
<link rel="stylesheet" href="{{BASE}}/js/owlcarousel/owl.carousel.min.css?ver=2503101">
<!--[if lte IE 8]>
<script src="{{BASE}}/js/html5.js"></script>
<![endif]-->
<script>
// 자바스크립트 전역 변수
var g5_url       = "{{BASE}}";
var g5_bbs_url   = "{{BASE}}/bbs";
var g5_is_member = "";
var g5_is_admin  = "";
var g5_is_mobile = "";
var g5_bo_table  = "{{BO_TABLE}}";
var g5_sca       = "";
var g5_editor    = "smarteditor2";
var g5_cookie_domain = "";
</script>
<script src="{{BASE}}/js/jquery-1.12.4.min.js?ver=2503101"></script>
<script src="{{BASE}}/js/jquery-migrate-1.4.1.min.js?ver=2503101"></script>
<script src="{{BASE}}/js/jquery.menu.js?ver=2503101"></script>
<script src="{{BASE}}/js/common.js?ver=2503101"></script>
<script src="{{BASE}}/js/wrest.js?ver=2503101"></script>
<script src="{{BASE}}/js/placeholders.min.js?ver=2503101"></script>
<script src="{{BASE}}/js/owlcarousel/owl.carousel.min.js?ver=2503101"></script>
<script src="{{BASE}}/js/jquery.bxslider.js?ver=2503101"></script>
</head>
<body>
"""

#: Top bar, logo, search, popular keywords, login links and the main menu (twice, as g5 prints it).
HEADER = """
<!-- 상단 시작 { -->
<div id="hd">
    <h1 id="hd_h1">{{H1}}</h1>
    <div id="skip_to_container"><a href="#container">본문 바로가기</a></div>

    <div id="tnb">
        <div class="inner">
            <ul id="hd_define">
                <li class="active"><a href="{{BASE}}/">커뮤니티</a></li>
                <li><a href="{{BASE}}/shop/">쇼핑몰</a></li>
            </ul>
            <ul id="hd_qnb">
                <li><a href="{{BASE}}/bbs/faq.php">FAQ</a></li>
                <li><a href="{{BASE}}/bbs/qalist.php">Q&amp;A</a></li>
                <li><a href="{{BASE}}/bbs/new.php">새글</a></li>
                <li><a href="{{BASE}}/bbs/current_connect.php" class="visit">접속자<strong class="visit-num">
{{VISITORS}}</strong></a></li>
            </ul>
        </div>
    </div>
    <div id="hd_wrapper">

        <div id="logo">
            <a href="{{BASE}}"><img src="{{BASE}}/img/logo.png" alt="{{SITE}}"></a>
        </div>

        <div class="hd_sch_wr">
            <fieldset id="hd_sch">
                <legend>사이트 내 전체검색</legend>
                <form name="fsearchbox" method="get" action="{{BASE}}/bbs/search.php" onsubmit="return fsearchbox_submit(this);">
                <input type="hidden" name="sfl" value="wr_subject||wr_content">
                <input type="hidden" name="sop" value="and">
                <label for="sch_stx" class="sound_only">검색어 필수</label>
                <input type="text" name="stx" id="sch_stx" maxlength="20" placeholder="검색어를 입력해주세요">
                <button type="submit" id="sch_submit" value="검색"><i class="fa fa-search" aria-hidden="true"></i><span class="sound_only">검색</span></button>
                </form>

                <script>
                function fsearchbox_submit(f)
                {
                    var stx = f.stx.value.trim();
                    if (stx.length < 2) {
                        alert("검색어는 두 글자 이상 입력해 주세요.");
                        f.stx.select();
                        f.stx.focus();
                        return false;
                    }
                    f.stx.value = stx;
                    return true;
                }
                </script>

            </fieldset>

<!-- 인기검색어 시작 { -->
<section id="popular">
    <h2>인기검색어</h2>
    <div class="popular_inner">
        <ul>
{{POPULAR}}        </ul>
        <span class="popular_btns">
            <a href="#" class="pp-next"><i class="fa fa-angle-right" aria-hidden="true"></i></a>
            <a href="#" class="pp-prev"><i class="fa fa-angle-left" aria-hidden="true"></i></a>
        </span>
    </div>
</section>
<!-- } 인기검색어 끝 -->
        </div>
        <ul class="hd_login">
            <li><a href="{{BASE}}/bbs/register.php">회원가입</a></li>
            <li><a href="{{BASE}}/bbs/login.php">로그인</a></li>
        </ul>
    </div>

    <nav id="gnb">
        <h2>메인메뉴</h2>
        <div class="gnb_wrap">
            <ul id="gnb_1dul">
                <li class="gnb_1dli gnb_mnal"><button type="button" class="gnb_menu_btn" title="전체메뉴"><i class="fa fa-bars" aria-hidden="true"></i><span class="sound_only">전체메뉴열기</span></button></li>
{{MENU}}            </ul>
            <div id="gnb_all_bg"></div>
        </div>
    </nav>
    <script>

    $(function(){
        $(".gnb_menu_btn").click(function(){
            $("#gnb_all_bg").show();
        });
    });

    </script>
</div>
<!-- } 상단 끝 -->


<hr>

<!-- 콘텐츠 시작 { -->
<div id="wrapper">
    <div id="container_wr">

    <div id="container">
        <h2 id="container_title"><span title="{{CONTAINER_TITLE}}">{{BOARD_TITLE}}</span></h2>
"""

MENU_ITEM = """                <li class="gnb_1dli" style="z-index:{{Z}}">
                    <a href="{{HREF}}" target="_self" class="gnb_1da">{{NAME}}</a>
                    <span class="bg">하위분류</span><div class="gnb_2dul"><ul class="gnb_2dul_box">
{{SUBS}}                    </ul></div>
                </li>
"""

#: Sidebar (login box, popular posts) and footer (links, company, notices, visitors).
ASIDE_AND_FOOTER = """    </div>
    <div id="aside">

<!-- 로그인 전 아웃로그인 시작 { -->
<section id="ol_before" class="ol">
    <div id="ol_be_cate">
        <h2><span class="sound_only">회원</span>로그인</h2>
        <a href="{{BASE}}/bbs/register.php" class="join">회원가입</a>
    </div>
    <form name="foutlogin" action="{{BASE}}/bbs/login_check.php" onsubmit="return fhead_submit(this);" method="post" autocomplete="off">
    <fieldset>
        <div class="ol_wr">
            <input type="hidden" name="url" value="{{RETURN_URL}}">
            <label for="ol_id" id="ol_idlabel" class="sound_only">회원아이디<strong>필수</strong></label>
            <input type="text" id="ol_id" name="mb_id" required maxlength="20" placeholder="아이디">
            <label for="ol_pw" id="ol_pwlabel" class="sound_only">비밀번호<strong>필수</strong></label>
            <input type="password" name="mb_password" id="ol_pw" required maxlength="20" placeholder="비밀번호">
            <input type="submit" id="ol_submit" value="로그인" class="btn_b02">
        </div>
        <div class="ol_auto_wr">
            <div id="ol_auto" class="chk_box">
                <input type="checkbox" name="auto_login" value="1" id="auto_login" class="selec_chk">
                <label for="auto_login" id="auto_login_label"><span></span>자동로그인</label>
            </div>
            <div id="ol_svc">
                <a href="{{BASE}}/bbs/password_lost.php">ID/PW 찾기</a>
            </div>
        </div>
    </fieldset>
    </form>
</section>

<script>
jQuery(function($) {
    var $omi = $('#ol_id'),
        $omp = $('#ol_pw'),
        $omi_label = $('#ol_idlabel'),
        $omp_label = $('#ol_pwlabel');

    $omi_label.addClass('ol_idlabel');
    $omp_label.addClass('ol_pwlabel');

});

function fhead_submit(f)
{
    if( $( document.body ).triggerHandler( 'outlogin1', [f, 'foutlogin'] ) !== false ){
        return true;
    }
    return false;
}
</script>
<!-- } 로그인 전 아웃로그인 끝 -->

    </div>
</div>

</div>
<!-- } 콘텐츠 끝 -->

<hr>

<!-- 하단 시작 { -->
<div id="ft">

    <div id="ft_wr">
        <div id="ft_link" class="ft_cnt">
            <a href="{{BASE}}/bbs/content.php?co_id=company">회사소개</a>
            <a href="{{BASE}}/bbs/content.php?co_id=privacy">개인정보처리방침</a>
            <a href="{{BASE}}/bbs/content.php?co_id=provision">서비스이용약관</a>
            <a href="{{CANONICAL_AMP}}&amp;device=mobile">모바일버전</a>
        </div>
        <div id="ft_company" class="ft_cnt">
            <h2>사이트 정보</h2>
            <p class="ft_info">
                회사명 : 벤치미디어 / 대표 : 대표자명<br>
                주소  : OO시 OO구 OO로 45, 6층<br>
                사업자 등록번호  : 000-00-00000<br>
                전화 :  02-000-0000  팩스  : 02-000-0001<br>
                통신판매업신고번호 :  제 OO구 - 000호<br>
                개인정보관리책임자 :  정보책임자명<br>
            </p>
        </div>

<div class="notice ft_cnt">
    <h2><a href="{{BASE}}/bbs/board.php?bo_table=notice">공지사항</a></h2>
    <ul>
        <li>
            <a href="{{BASE}}/bbs/board.php?bo_table=notice&amp;wr_id=12">서버 점검 안내 (새벽 2시~4시)</a>
        </li>
        <li>
            <a href="{{BASE}}/bbs/board.php?bo_table=notice&amp;wr_id=11">개인정보 처리방침 개정 안내</a>
        </li>
        <li>
            <a href="{{BASE}}/bbs/board.php?bo_table=notice&amp;wr_id=10">게시판 운영 원칙을 바꿨습니다</a>
        </li>
    </ul>
</div>

<!-- 접속자집계 시작 { -->
<section id="visit" class="ft_cnt">
    <h2>접속자집계</h2>
    <dl>
        <dt><span></span> 오늘</dt>
        <dd><strong>{{VISITORS}}</strong></dd>
        <dt><span></span> 어제</dt>
        <dd><strong>1,204</strong></dd>
        <dt><span></span> 최대</dt>
        <dd><strong>5,881</strong></dd>
        <dt><span></span> 전체</dt>
        <dd><strong>1,482,310</strong></dd>
    </dl>
</section>
<!-- } 접속자집계 끝 -->
    </div>
        <div id="ft_copy">Copyright &copy; <b>benchmark.invalid</b> All rights reserved.</div>

    <button type="button" id="top_btn">
        <i class="fa fa-arrow-up" aria-hidden="true"></i><span class="sound_only">상단으로</span>
    </button>
    <script>
    $(function() {
        $("#top_btn").on("click", function() {
            $("html, body").animate({scrollTop:0}, '500');
            return false;
        });
    });
    </script>
</div>

<!-- } 하단 끝 -->

<script>
$(function() {
    // 글자 크기 쿠키가 있으면 적용
    font_resize("container", get_cookie("ck_font_resize_rmv_class"), get_cookie("ck_font_resize_add_class"));
});
</script>

</body>
</html>

<!-- 사용스킨 : basic -->
"""

# -- list page -----------------------------------------------------------------------------------

LIST_BODY = """
<!-- 게시판 목록 시작 { -->
<div id="bo_list" style="width:100%">

    <!-- 게시판 카테고리 시작 { -->
    <nav id="bo_cate">
        <h2>{{BOARD_TITLE}} 카테고리</h2>
        <ul id="bo_cate_ul">
            {{CATEGORIES}}
        </ul>
    </nav>
    <!-- } 게시판 카테고리 끝 -->

    <form name="fboardlist" id="fboardlist" action="{{BASE}}/bbs/board_list_update.php" onsubmit="return fboardlist_submit(this);" method="post">

    <input type="hidden" name="bo_table" value="{{BO_TABLE}}">
    <input type="hidden" name="sfl" value="">
    <input type="hidden" name="stx" value="">
    <input type="hidden" name="spt" value="">
    <input type="hidden" name="sca" value="">
    <input type="hidden" name="sst" value="wr_num, wr_reply">
    <input type="hidden" name="sod" value="">
    <input type="hidden" name="page" value="{{PAGE}}">
    <input type="hidden" name="sw" value="">

    <!-- 게시판 페이지 정보 및 버튼 시작 { -->
    <div id="bo_btn_top">
        <div id="bo_list_total">
            <span>Total {{TOTAL}}건</span>
            {{PAGE}} 페이지
        </div>

        <ul class="btn_bo_user">
            <li><a href="{{BASE}}/rss/{{BO_TABLE}}" class="btn_b01 btn" title="RSS"><i class="fa fa-rss" aria-hidden="true"></i><span class="sound_only">RSS</span></a></li>
            <li>
                <button type="button" class="btn_bo_sch btn_b01 btn" title="게시판 검색"><i class="fa fa-search" aria-hidden="true"></i><span class="sound_only">게시판 검색</span></button>
            </li>
            <li><a href="{{BASE}}/bbs/write.php?bo_table={{BO_TABLE}}" class="btn_b01 btn" title="글쓰기"><i class="fa fa-pencil" aria-hidden="true"></i><span class="sound_only">글쓰기</span></a></li>
        </ul>
    </div>
    <!-- } 게시판 페이지 정보 및 버튼 끝 -->

    <div class="tbl_head01 tbl_wrap">
        <table>
        <caption>{{BOARD_TITLE}} 목록</caption>
        <thead>
        <tr>
            <th scope="col">번호</th>
            <th scope="col">제목</th>
            <th scope="col">글쓴이</th>
            <th scope="col"><a href="{{BASE}}/bbs/board.php?bo_table={{BO_TABLE}}&amp;sop=and&amp;sst=wr_hit&amp;sod=desc&amp;sfl=&amp;stx=&amp;sca=&amp;page={{PAGE}}">조회 </a></th>
            <th scope="col"><a href="{{BASE}}/bbs/board.php?bo_table={{BO_TABLE}}&amp;sop=and&amp;sst=wr_datetime&amp;sod=desc&amp;sfl=&amp;stx=&amp;sca=&amp;page={{PAGE}}">날짜  </a></th>
        </tr>
        </thead>
        <tbody>
{{ROWS}}        </tbody>
        </table>
    </div>
    <!-- 페이지 -->
    <nav class="pg_wrap"><span class="pg">{{PAGER}}
</span></nav>    <!-- 페이지 -->

    <div class="bo_fx">
        <ul class="btn_bo_user">
            <li><a href="{{BASE}}/rss/{{BO_TABLE}}" class="btn_b01 btn" title="RSS"><i class="fa fa-rss" aria-hidden="true"></i><span class="sound_only">RSS</span></a></li>
            <li><a href="{{BASE}}/bbs/write.php?bo_table={{BO_TABLE}}" class="btn_b01 btn" title="글쓰기"><i class="fa fa-pencil" aria-hidden="true"></i><span class="sound_only">글쓰기</span></a></li>
        </ul>
    </div>

    </form>

    <!-- 게시판 검색 시작 { -->
    <div class="bo_sch_wrap">
        <fieldset class="bo_sch">
            <h3>검색</h3>
            <form name="fsearch" method="get">
            <input type="hidden" name="bo_table" value="{{BO_TABLE}}">
            <input type="hidden" name="sca" value="">
            <input type="hidden" name="sop" value="and">
            <label for="sfl" class="sound_only">검색대상</label>
            <select name="sfl" id="sfl">
                <option value="wr_subject" >제목</option><option value="wr_content" >내용</option><option value="wr_subject||wr_content" >제목+내용</option><option value="wr_name,1" >글쓴이</option><option value="wr_name,0" >글쓴이(코)</option>
            </select>
            <label for="stx" class="sound_only">검색어<strong class="sound_only"> 필수</strong></label>
            <div class="sch_bar">
                <input type="text" name="stx" value="" required id="stx" class="sch_input" size="25" maxlength="20" placeholder=" 검색어를 입력해주세요">
                <button type="submit" value="검색" class="sch_btn"><i class="fa fa-search" aria-hidden="true"></i><span class="sound_only">검색</span></button>
            </div>
            <button type="button" class="bo_sch_cls" title="닫기"><i class="fa fa-times" aria-hidden="true"></i><span class="sound_only">닫기</span></button>
            </form>
        </fieldset>
        <div class="bo_sch_bg"></div>
    </div>
    <script>
    jQuery(function($){
        // 게시판 검색 열고 닫기
        $(".btn_bo_sch").on("click", function() {
            $(".bo_sch_wrap").toggle();
        })
        $('.bo_sch_bg, .bo_sch_cls').click(function(){
            $('.bo_sch_wrap').hide();
        });
    });
    </script>
    <!-- } 게시판 검색 끝 -->
</div>

<!-- } 게시판 목록 끝 -->
"""

LIST_ROW = """        <tr class="{{TR_CLASS}}">
            <td class="td_num2">
            {{NUM}}            </td>

            <td class="td_subject" style="padding-left:0px">
                {{CATEGORY_LINK}}
                <div class="bo_tit">
                    <a href="{{HREF}}">
                        {{SUBJECT}}                    </a>
                    {{ICONS}}{{COMMENTS}}
                </div>
            </td>
            <td class="td_name sv_use">{{AUTHOR}}</td>
            <td class="td_num">{{VIEWS}}</td>
            <td class="td_datetime">{{DATE}}</td>

        </tr>
"""

# -- view page -----------------------------------------------------------------------------------

VIEW_BODY = """<script src="{{BASE}}/js/viewimageresize.js"></script>

<!-- 게시물 읽기 시작 { -->

<article id="bo_v" style="width:100%">
    <header>
        <h2 id="bo_v_title">
            <span class="bo_v_cate">{{CATEGORY}}</span>
            <span class="bo_v_tit">
            {{SUBJECT}}</span>
        </h2>
    </header>

    <section id="bo_v_info">
        <h2>페이지 정보</h2>
        <div class="profile_info">
            <div class="pf_img"><img src="{{BASE}}/img/no_profile.gif" alt="profile_image"></div>
            <div class="profile_info_ct">
                <span class="sound_only">작성자</span> <strong>{{AUTHOR}}</strong><br>
                <span class="sound_only">댓글</span><strong><a href="#bo_vc"> <i class="fa fa-commenting-o" aria-hidden="true"></i> {{COMMENTS}}건</a></strong>
                <span class="sound_only">조회</span><strong><i class="fa fa-eye" aria-hidden="true"></i> {{VIEWS}}회</strong>
                <strong class="if_date"><span class="sound_only">작성일</span><i class="fa fa-clock-o" aria-hidden="true"></i> {{DATE}}</strong>
            </div>
        </div>

        <!-- 게시물 상단 버튼 시작 { -->
        <div id="bo_v_top">
            <ul class="btn_bo_user bo_v_com">
                <li><a href="{{LIST_HREF}}" class="btn_b01 btn" title="목록"><i class="fa fa-list" aria-hidden="true"></i><span class="sound_only">목록</span></a></li>
                <li><a href="{{BASE}}/bbs/write.php?w=r&amp;bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}" class="btn_b01 btn" title="답변"><i class="fa fa-reply" aria-hidden="true"></i><span class="sound_only">답변</span></a></li>
                <li><a href="{{BASE}}/bbs/write.php?bo_table={{BO_TABLE}}" class="btn_b01 btn" title="글쓰기"><i class="fa fa-pencil" aria-hidden="true"></i><span class="sound_only">글쓰기</span></a></li>
                <li>
                    <button type="button" class="btn_more_opt is_view_btn btn_b01 btn"><i class="fa fa-ellipsis-v" aria-hidden="true"></i><span class="sound_only">게시판 리스트 옵션</span></button>
                    <ul class="more_opt is_view_btn">
                        <li><a href="{{BASE}}/bbs/password.php?w=u&amp;bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}&amp;page=">수정<i class="fa fa-pencil-square-o" aria-hidden="true"></i></a></li>
                        <li><a href="{{BASE}}/bbs/password.php?w=d&amp;bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}&amp;page=" onclick="del(this.href); return false;">삭제<i class="fa fa-trash-o" aria-hidden="true"></i></a></li>
                        <li><a href="{{BASE}}/bbs/search.php?sfl=wr_name,1&amp;stx={{AUTHOR_Q}}&amp;sop=and">글쓴이 검색<i class="fa fa-search" aria-hidden="true"></i></a></li>
                    </ul>
                </li>
            </ul>
            <script>

            jQuery(function($){
                // 게시판 보기 버튼 옵션
                $(".btn_more_opt.is_view_btn").on("click", function(e) {
                    e.stopPropagation();
                    $(".more_opt.is_view_btn").toggle();
                })
;
                $(document).on("click", function (e) {
                    if(!$(e.target).closest('.is_view_btn').length) {
                        $(".more_opt.is_view_btn").hide();
                    }
                });
            });
            </script>
        </div>
        <!-- } 게시물 상단 버튼 끝 -->
    </section>

    <section id="bo_v_atc">
        <h2 id="bo_v_atc_title">본문</h2>
        <div id="bo_v_share">
            <a href="{{BASE}}/bbs/scrap_popin.php?bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}" target="_blank" class="btn btn_b03" onclick="win_scrap(this.href); return false;"><i class="fa fa-bookmark" aria-hidden="true"></i> 스크랩</a>
        </div>

        <div id="bo_v_img">
{{IMAGES}}</div>

        <!-- 본문 내용 시작 { -->
        <div id="bo_v_con">{{BODY}}</div>
        <!-- } 본문 내용 끝 -->

        <!--  추천 비추천 시작 { -->
        <div id="bo_v_act">
            <span class="bo_v_act_gng">
                <a href="{{BASE}}/bbs/good.php?bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}&amp;good=good" id="good_button" class="bo_v_good"><i class="fa fa-thumbs-o-up" aria-hidden="true"></i><span class="sound_only">추천</span><strong>{{GOOD}}</strong></a>
                <b id="bo_v_act_good"></b>
            </span>
            <span class="bo_v_act_gng">
                <a href="{{BASE}}/bbs/good.php?bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}&amp;good=nogood" id="nogood_button" class="bo_v_nogood"><i class="fa fa-thumbs-o-down" aria-hidden="true"></i><span class="sound_only">비추천</span><strong>{{NOGOOD}}</strong></a>
                <b id="bo_v_act_nogood"></b>
            </span>
        </div>
        <!-- }  추천 비추천 끝 -->
    </section>
{{FILES}}{{LINKS}}
    <ul class="bo_v_nb">
        {{PREV_NEXT}}
    </ul>

<script>
// 글자수 제한
var char_min = parseInt(0); // 최소
var char_max = parseInt(0); // 최대
</script>
<button type="button" class="cmt_btn"><span class="total"><b>댓글</b> {{COMMENTS}}</span><span class="cmt_more"></span></button>
<!-- 댓글 시작 { -->
<section id="bo_vc">
    <h2>댓글목록</h2>
{{COMMENT_ITEMS}}</section>
<!-- } 댓글 끝 -->

<!-- 댓글 쓰기 시작 { -->
<aside id="bo_vc_w" class="bo_vc_w">
    <h2>댓글쓰기</h2>
    <form name="fviewcomment" id="fviewcomment" action="{{BASE}}/bbs/write_comment_update.php" onsubmit="return fviewcomment_submit(this);" method="post" autocomplete="off">
    <input type="hidden" name="w" value="c" id="w">
    <input type="hidden" name="bo_table" value="{{BO_TABLE}}">
    <input type="hidden" name="wr_id" value="{{WR_ID}}">
    <input type="hidden" name="comment_id" value="" id="comment_id">
    <input type="hidden" name="sca" value="">
    <input type="hidden" name="sfl" value="">
    <input type="hidden" name="stx" value="">
    <input type="hidden" name="spt" value="">
    <input type="hidden" name="page" value="">
    <input type="hidden" name="is_good" value="">

    <span class="sound_only">내용</span>
    <textarea id="wr_content" name="wr_content" maxlength="10000" required class="required" title="내용" placeholder="댓글내용을 입력해주세요"></textarea>
    <script>
    $(document).on("keyup change", "textarea#wr_content[maxlength]", function() {
        var str = $(this).val()
        var mx = parseInt($(this).attr("maxlength"))
        if (str.length > mx) {
            $(this).val(str.substr(0, mx));
            return false;
        }
    });
    </script>
    <div class="bo_vc_w_wr">
        <div class="bo_vc_w_info">
            <label for="wr_name" class="sound_only">이름<strong> 필수</strong></label>
            <input type="text" name="wr_name" value="" id="wr_name" required class="frm_input required" size="25" placeholder="이름">
            <label for="wr_password" class="sound_only">비밀번호<strong> 필수</strong></label>
            <input type="password" name="wr_password" id="wr_password" required class="frm_input required" size="25" placeholder="비밀번호">

<script>var g5_captcha_url  = "{{BASE}}/plugin/kcaptcha";</script>
<script src="{{BASE}}/plugin/kcaptcha/kcaptcha.js"></script>
<fieldset id="captcha" class="_comment">
<legend><label for="captcha_key">자동등록방지</label></legend>
<img src="{{BASE}}/plugin/kcaptcha/img/dot.gif" alt="" id="captcha_img"><input type="text" name="captcha_key" id="captcha_key" required class="captcha_box required" size="6" maxlength="6">
<button type="button" id="captcha_mp3"><span></span>숫자음성듣기</button>
<button type="button" id="captcha_reload"><span></span>새로고침</button>
<span id="captcha_info">자동등록방지 숫자를 순서대로 입력하세요.</span>
</fieldset>
        </div>
        <div class="btn_confirm">
            <span class="secret_cm chk_box">
                <input type="checkbox" name="wr_secret" value="secret" id="wr_secret" class="selec_chk">
                <label for="wr_secret"><span></span>비밀글</label>
            </span>
            <button type="submit" id="btn_submit" class="btn_submit">댓글등록</button>
        </div>
    </div>
    </form>
</aside>

<script>
var save_before = '';
var save_html = document.getElementById('bo_vc_w').innerHTML;

function good_and_write()
{
    var f = document.fviewcomment;
    if (fviewcomment_submit(f)) {
        f.is_good.value = 1;
        f.submit();
    } else {
        f.is_good.value = 0;
    }
}

function fviewcomment_submit(f)
{
    var pattern = /(^\\s*)|(\\s*$)/g; // 앞뒤 공백

    f.is_good.value = 0;

    var subject = "";
    var content = "";
    $.ajax({
        url: g5_bbs_url+"/ajax.filter.php",
        type: "POST",
        data: {
            "subject": "",
            "content": f.wr_content.value
        },
        dataType: "json",
        async: false,
        cache: false,
        success: function(data, textStatus) {
            subject = data.subject;
            content = data.content;
        }
    });

    if (content) {
        alert("내용에 금지단어('"+content+"')가 들어 있습니다");
        f.wr_content.focus();
        return false;
    }

    document.getElementById('wr_content').value = document.getElementById('wr_content').value.replace(pattern, "");
    if (char_min > 0 || char_max > 0)
    {
        check_byte('wr_content', 'char_count');
        var cnt = parseInt(document.getElementById('char_count').innerHTML);
        if (char_min > 0 && char_min > cnt)
        {
            alert("댓글은 "+char_min+"글자 이상 써 주세요.");
            return false;
        } else if (char_max > 0 && char_max < cnt)
        {
            alert("댓글은 "+char_max+"글자 이하로 써 주세요.");
            return false;
        }
    }
    else if (!document.getElementById('wr_content').value)
    {
        alert("댓글을 입력해 주세요.");
        return false;
    }

    if (!chk_captcha()) return false;

    set_comment_token(f);

    document.getElementById("btn_submit").disabled = "disabled";

    return true;
}

function comment_box(comment_id, work)
{
    var el_id = comment_id ? (work == 'c' ? 'reply_' : 'edit_') + comment_id : 'bo_vc_w';
    if (save_before != el_id)
    {
        if (save_before)
            document.getElementById(save_before).style.display = 'none';
        document.getElementById(el_id).style.display = '';
        document.getElementById(el_id).appendChild(document.getElementById('fviewcomment'));
        document.getElementById('wr_content').value = '';
        document.getElementById('comment_id').value = comment_id;
        document.getElementById('w').value = work;
        save_before = el_id;
    }
}

function comment_delete()
{
    return confirm("이 댓글을 삭제할까요?");
}

comment_box('', 'c'); // 처음에는 댓글 입력란을 보여 줍니다

</script>
<!-- } 댓글 쓰기 끝 -->
<script>
jQuery(function($) {
    // 댓글 열고 닫기
    $(".cmt_btn").click(function(e){
        e.preventDefault();
        $(this).toggleClass("cmt_btn_op");
        $("#bo_vc").toggle();
    });
});
</script>
<script src="{{BASE}}/js/md5.js"></script>
</article>
<!-- } 게시판 읽기 끝 -->

<script>

function board_move(href)
{
    window.open(href, "boardmove", "left=50, top=50, width=500, height=550, scrollbars=1");
}
</script>

<script>
$(function() {
    // 본문 이미지 크기 맞추기
    $("#bo_v_atc").viewimageresize();
});
</script>
<!-- } 게시글 읽기 끝 -->
"""

COMMENT = """
    <article id="c_{{CID}}" >
        <div class="pf_img"><img src="{{BASE}}/img/no_profile.gif" alt="profile_image"></div>

        <div class="cm_wrap">

            <header style="z-index:{{Z}}">
                <h2>{{NAME}}님의  댓글</h2>
                <span class="sv_guest">{{NAME}}</span>
                <span class="sound_only">작성일</span>
                <span class="bo_vc_hdinfo"><i class="fa fa-clock-o" aria-hidden="true"></i> <time datetime="{{ISO}}">{{SHORT}}</time></span>
            </header>

            <!-- 댓글 출력 -->
            <div class="cmt_contents">
                <p>
                    {{TEXT}}
                </p>
            </div>
            <span id="edit_{{CID}}" class="bo_vc_w"></span><!-- 수정 -->
            <span id="reply_{{CID}}" class="bo_vc_w"></span><!-- 답변 -->

            <input type="hidden" value="" id="secret_comment_{{CID}}">
            <textarea id="save_comment_{{CID}}" style="display:none">{{TEXT}}</textarea>
        </div>
        <div class="bo_vl_opt">
            <button type="button" class="btn_cm_opt btn_b01 btn"><i class="fa fa-ellipsis-v" aria-hidden="true"></i><span class="sound_only">댓글 옵션</span></button>
            <ul class="bo_vc_act">
                <li><a href="{{BASE}}/bbs/board.php?bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}&amp;c_id={{CID}}&amp;w=c#bo_vc_w" onclick="comment_box('{{CID}}', 'c'); return false;">답변</a></li>
                <li><a href="{{BASE}}/bbs/password.php?w=x&amp;bo_table={{BO_TABLE}}&amp;comment_id={{CID}}&amp;page=" onclick="return comment_delete();">삭제</a></li>
            </ul>
        </div>
        <script>
            $(function() {
                $(".btn_cm_opt").on("click", function(){
                    $(this).parent("div").children(".bo_vc_act").show();
                });
            });
        </script>
    </article>
"""

NO_COMMENTS = """    <p id="bo_vc_empty">등록된 댓글이 없습니다.</p>
"""

FILES = """
    <!-- 첨부파일 시작 { -->
    <section id="bo_v_file">
        <h2>첨부파일</h2>
        <ul>
{{ITEMS}}        </ul>
    </section>
    <!-- } 첨부파일 끝 -->
"""

FILE_ITEM = """        <li>
            <i class="fa fa-folder-open" aria-hidden="true"></i>
            <a href="{{BASE}}/bbs/download.php?bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}&amp;no={{NO}}" class="view_file_download">
                <strong>{{NAME}}</strong>
            </a>
            ({{SIZE}})
            <span class="bo_v_file_cnt">{{DOWNLOADS}}회 다운로드 | DATE : {{DATE}}</span>
        </li>
"""

LINKS = """
    <!-- 관련링크 시작 { -->
    <section id="bo_v_link">
        <h2>관련링크</h2>
        <ul>
{{ITEMS}}        </ul>
    </section>
    <!-- } 관련링크 끝 -->
"""

LINK_ITEM = """        <li>
            <i class="fa fa-link" aria-hidden="true"></i>
            <a href="{{BASE}}/bbs/link.php?bo_table={{BO_TABLE}}&amp;wr_id={{WR_ID}}&amp;no={{NO}}" target="_blank">
                <strong>{{TEXT}}</strong>
            </a>
            <span class="bo_v_link_cnt">{{HITS}}회 연결</span>
        </li>
"""

NO_POST = """<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>오류안내 페이지 | {{SITE}}</title>
</head>
<body>
<script>
alert("글이 존재하지 않습니다.\\n\\n글이 삭제되었거나 이동된 경우입니다.");
history.back();
</script>
<noscript>
<div id="validation_check">
    <h1>다음 항목에 오류가 있습니다.</h1>
    <p class="cbg">글이 존재하지 않습니다.<br><br>글이 삭제되었거나 이동된 경우입니다.</p>
    <div class="btn_confirm"><a href="javascript:history.back();">돌아가기</a></div>
</div>
</noscript>
</body>
</html>
"""

ROBOTS_TXT = "User-agent: *\nAllow: /\n"
