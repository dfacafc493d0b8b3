"""Social fixtures: a XenForo 2 forum, a public Telegram channel preview (t.me/s/...), and answers of the
Facebook Graph API and the YouTube Data API v3 in their real shapes. Written for the project; people invented."""

from __future__ import annotations

from html import escape

# --- forum (XenForo 2 markup) ------------------------------------------------------------------------------------

FORUM_THREADS = {
    "duong-pham-van-dong-ngap-nang.3456": ("Đường Phạm Văn Đồng Nha Trang ngập sâu sau mưa lớn", [
        [(9001, "hoangnt", 501, "2025-11-18T06:10:00+0700",
          "Sáng nay đi làm qua Phạm Văn Đồng nước ngập quá bánh xe, nhiều xe máy chết máy phải dắt bộ.<br>"
          "Ai đi hướng Hòn Chồng thì tránh đoạn gần cầu Trần Phú nhé.", None, "Minh, Tú và 5 người khác"),
         (9002, "thuytien_nt", 502, "2025-11-18T06:25:00+0700",
          "Khu Vĩnh Hòa cũng ngập, năm nào mưa to cũng vậy. Không biết bao giờ mới làm xong hệ thống thoát nước.",
          None, "Hoàng"),
         (9003, "bacsi_cho", 503, "2025-11-18T07:02:00+0700",
          "Mọi người cẩn thận điện giật ở mấy đoạn ngập có trụ điện nha.", 9001, None)],
        [(9010, "hoangnt", 501, "2025-11-18T09:40:00+0700",
          "Cập nhật: 9h nước đã rút bớt, xe máy đi được rồi nhưng còn nhiều rác và bùn.", None, None),
         (9011, "ngocbich", 504, "2025-11-18T10:05:00+0700",
          "Cảm ơn bạn cập nhật. Đội vệ sinh môi trường đang dọn ở đầu đường rồi.", 9010, "Hoàng và Tú")],
    ]),
    "kinh-nghiem-di-dao-binh-ba.3457": ("Hỏi kinh nghiệm đi đảo Bình Ba tự túc", [
        [(9020, "phuot_thu", 505, "2025-11-17T21:00:00+0700",
          "Cuối tuần này nhóm mình 6 người định đi Bình Ba, xin kinh nghiệm thuê tàu và chỗ ăn tôm hùm giá hợp lý.",
          None, None),
         (9021, "camranh_local", 506, "2025-11-17T21:30:00+0700",
          "Ra cảng Ba Ngòi đi tàu khách, khoảng 1 tiếng. Nhớ mang CCCD vì đảo có đồn biên phòng kiểm tra.",
          9020, "phuot_thu")],
    ]),
}


def _post(thread: str, post: tuple, position: int) -> str:
    post_id, author, user_id, when, body, quote_of, reactions = post
    quote = ""
    if quote_of:
        quote = (f'<blockquote data-attributes="member: 1" data-quote="ai đó" data-source="post: {quote_of}" '
                 f'class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote js-expandWatch">'
                 f'<div class="bbCodeBlock-content"><div class="bbCodeBlock-expandContent js-expandContent">'
                 f'Nội dung được trích dẫn từ bài #{quote_of}</div></div></blockquote>')
    bar = (f'<div class="reactionsBar js-reactionsList is-active"><a class="reactionsBar-link" '
           f'href="/forum/posts/{post_id}/reactions">{escape(reactions)}</a></div>') if reactions else ""
    return f"""<article class="message message--post js-post js-inlineModContainer" data-author="{author}"
 data-content="post-{post_id}" id="js-post-{post_id}"><span class="u-anchorTarget" id="post-{post_id}"></span>
<div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user">
<div class="message-userDetails"><h4 class="message-name"><a href="/forum/members/{author}.{user_id}/" class="username"
 dir="auto" data-user-id="{user_id}" data-xf-init="member-tooltip">{author}</a></h4>
<h5 class="userTitle message-userTitle">Thành viên</h5></div></section></div>
<div class="message-cell message-cell--main"><div class="message-main js-quickEditTarget">
<header class="message-attribution message-attribution--split"><ul class="message-attribution-main listInline">
<li class="u-concealed"><a href="/forum/threads/{thread}/post-{post_id}" rel="nofollow"><time class="u-dt" dir="auto"
 datetime="{when}" data-time="0">{when[:10]}</time></a></li></ul>
<ul class="message-attribution-opposite message-attribution-opposite--list"><li><a href="/forum/threads/{thread}/post-{post_id}"
 class="message-attribution-gadget" rel="nofollow">Chia sẻ</a></li><li><a href="/forum/threads/{thread}/post-{post_id}"
 rel="nofollow">#{position}</a></li></ul></header>
<div class="message-content js-messageContent"><div class="message-userContent lbContainer js-lbContainer">
<article class="message-body js-selectToQuote"><div class="bbWrapper">{quote}{body}</div></article></div></div>
<footer class="message-footer"><div class="message-actionBar actionBar">Thích · Trả lời</div>{bar}</footer>
</div></div></div></article>"""


def forum_thread_page(thread: str, page: int) -> str:
    title, pages = FORUM_THREADS[thread]
    start = sum(len(p) for p in pages[:page - 1])
    posts = "\n".join(_post(thread, post, start + i + 1) for i, post in enumerate(pages[page - 1]))
    nav = ""
    if len(pages) > 1:
        links = "".join(f'<li class="pageNav-page{" pageNav-page--current" if n == page else ""}">'
                        f'<a href="/forum/threads/{thread}/{"" if n == 1 else f"page-{n}"}">{n}</a></li>'
                        for n in range(1, len(pages) + 1))
        nxt = (f'<a href="/forum/threads/{thread}/page-{page + 1}" class="pageNav-jump pageNav-jump--next">Tiếp</a>'
               if page < len(pages) else "")
        nav = f'<nav class="pageNavWrapper"><div class="pageNav">{nxt}<ul class="pageNav-main">{links}</ul></div></nav>'
    return f"""<!DOCTYPE html><html id="XF" lang="vi-VN" data-app="public" data-template="thread_view"><head>
<meta charset="utf-8"><title>{escape(title)} | Diễn đàn Xóm Biển</title>
<link rel="canonical" href="{{base}}/forum/threads/{thread}/{"" if page == 1 else f"page-{page}"}"></head><body>
<div class="p-body-header"><div class="p-title"><h1 class="p-title-value">{escape(title)}</h1></div></div>
<div class="block block--messages">{nav}<div class="block-container lbContainer">
<div class="block-body js-replyNewMessageContainer">{posts}</div></div>{nav}</div>
<footer class="p-footer">Diễn đàn Xóm Biển – Powered by XenForo</footer></body></html>"""


def forum_node_page() -> str:
    rows = "\n".join(
        f'<div class="structItem structItem--thread js-threadListItem-{slug.rsplit(".", 1)[1]}">'
        f'<div class="structItem-cell structItem-cell--main"><div class="structItem-title">'
        f'<a href="/forum/threads/{slug}/" data-tp-primary="on">{escape(title)}</a></div>'
        f'<div class="structItem-minor"><ul class="structItem-parts"><li><a href="/forum/members/x.1/">x</a></li></ul>'
        f'</div></div></div>' for slug, (title, _pages) in FORUM_THREADS.items())
    return f"""<!DOCTYPE html><html id="XF" lang="vi-VN" data-template="forum_view"><head><meta charset="utf-8">
<title>Khánh Hòa | Diễn đàn Xóm Biển</title></head><body>
<div class="p-title"><h1 class="p-title-value">Khánh Hòa</h1></div>
<div class="structItemContainer"><div class="structItemContainer-group js-threadList">{rows}</div></div>
<a href="/forum/members/">Thành viên</a></body></html>"""


# --- Telegram channel preview ------------------------------------------------------------------------------------

CHANNEL = "tinnhanhkhanhhoa"
TELEGRAM_PAGES = {
    None: [(120, "2025-11-18T01:05:00+00:00", "12.5K", "⚡️ Mưa lớn, nhiều tuyến đường ở Nha Trang ngập sâu. "
            "Người dân hạn chế ra đường.<br>#NhaTrang #MuaLu", {}),
           (121, "2025-11-18T02:30:00+00:00", "1.2K", "", {"photo": True}),
           (122, "2025-11-18T03:15:00+00:00", "856", "Sở Y tế khuyến cáo phòng chống sốt xuất huyết sau mưa lũ: "
            "diệt lăng quăng, ngủ màn, đi khám ngay khi sốt cao.", {"forwarded": "Sở Y tế Khánh Hòa"}),
           (123, "2025-11-18T04:40:00+00:00", "3.4K", "Tin đồn “vỡ đập hồ Đá Bàn” là SAI SỰ THẬT. Hồ vẫn vận hành "
            "an toàn, mực nước dưới mức thiết kế.", {"edited": True, "reply_to": 120})],
    "120": [(118, "2025-11-17T10:00:00+00:00", "5.1K", "Lịch cắt điện khu vực Cam Ranh ngày 19/11 từ 7h đến 16h.", {}),
            (119, "2025-11-17T12:20:00+00:00", "2K", "Cao tốc Vân Phong – Nha Trang thông xe toàn tuyến dịp cuối năm.",
             {})],
}


def _message(number: int, when: str, views: str, text: str, extra: dict) -> str:
    parts = []
    if "forwarded" in extra:
        parts.append(f'<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from '
                     f'<a class="tgme_widget_message_forwarded_from_name" href="https://t.me/soyte"><span dir="auto">'
                     f'{escape(extra["forwarded"])}</span></a></div>')
    if "reply_to" in extra:
        parts.append(f'<a class="tgme_widget_message_reply" href="https://t.me/{CHANNEL}/{extra["reply_to"]}">'
                     f'<div class="tgme_widget_message_author accent_color"><span class="tgme_widget_message_author_name">'
                     f'Tin nhanh Khánh Hòa</span></div><div class="tgme_widget_message_text js-message_reply_text" '
                     f'dir="auto">Mưa lớn, nhiều tuyến đường ở Nha Trang ngập sâu…</div></a>')
    if extra.get("photo"):
        parts.append(f'<a class="tgme_widget_message_photo_wrap" href="https://t.me/{CHANNEL}/{number}" '
                     f'style="width:800px;background-image:url(\'https://cdn4.telesco.pe/file/x.jpg\')"></a>')
    if text:
        parts.append(f'<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>')
    edited = "edited " if extra.get("edited") else ""
    return f"""<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message
 text_not_supported_wrap js-widget_message" data-post="{CHANNEL}/{number}" data-view="eyJ">
<div class="tgme_widget_message_user"><a href="https://t.me/{CHANNEL}"><i class="tgme_widget_message_user_photo"></i></a></div>
<div class="tgme_widget_message_bubble"><div class="tgme_widget_message_author accent_color">
<a class="tgme_widget_message_owner_name" href="https://t.me/{CHANNEL}"><span dir="auto">Tin nhanh Khánh Hòa</span></a></div>
{"".join(parts)}
<div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
<span class="tgme_widget_message_views">{views}</span><span class="copyonly"> views</span>
<span class="tgme_widget_message_meta">{edited}<a class="tgme_widget_message_date" href="https://t.me/{CHANNEL}/{number}">
<time datetime="{when}" class="time">{when[11:16]}</time></a></span></div></div></div></div></div>"""


def telegram_page(before: str | None) -> str:
    messages = TELEGRAM_PAGES[before]
    oldest = min(m[0] for m in messages)
    prev = f'<link rel="prev" href="/s/{CHANNEL}?before={oldest}">' if before is None else ""
    body = "\n".join(_message(*m) for m in messages)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin nhanh Khánh Hòa – Telegram</title>
<meta property="og:title" content="Tin nhanh Khánh Hòa">{prev}</head><body class="widget_frame_base tgme_webpage">
<header class="tgme_header"><div class="tgme_channel_info"><div class="tgme_channel_info_header">
<div class="tgme_channel_info_header_title"><span dir="auto">Tin nhanh Khánh Hòa</span></div>
<div class="tgme_channel_info_header_username"><a href="https://t.me/{CHANNEL}">@{CHANNEL}</a></div></div>
<div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">18.2K</span>
<span class="counter_type">subscribers</span></div></div></div></header>
<main class="tgme_main"><section class="tgme_channel_history js-message_history">{body}</section></main></body></html>"""


# --- Facebook Graph API ------------------------------------------------------------------------------------------

FB_PAGE = "123456789012345"
FB_TOKEN = "EAAtest-token"
FB_POSTS = [
    [{"id": f"{FB_PAGE}_1001", "message": "UBND tỉnh thông báo: học sinh toàn tỉnh nghỉ học ngày 19/11 để phòng "
      "tránh mưa lũ. Phụ huynh theo dõi thông báo của nhà trường.", "created_time": "2025-11-18T05:00:00+0000",
      "updated_time": "2025-11-18T05:10:00+0000", "permalink_url": f"https://www.facebook.com/{FB_PAGE}/posts/1001",
      "from": {"name": "Thông tin Khánh Hòa", "id": FB_PAGE}, "shares": {"count": 245},
      "reactions": {"data": [], "summary": {"total_count": 1830, "viewer_reaction": "NONE"}},
      "comments": {"data": [], "summary": {"order": "ranked", "total_count": 3, "can_comment": True}}},
     {"id": f"{FB_PAGE}_1002", "message": "Hình ảnh lực lượng vũ trang hỗ trợ người dân Ninh Hòa di dời tài sản "
      "khỏi vùng ngập.", "created_time": "2025-11-18T03:30:00+0000",
      "permalink_url": f"https://www.facebook.com/{FB_PAGE}/posts/1002", "from": {"name": "Thông tin Khánh Hòa",
                                                                                  "id": FB_PAGE},
      "reactions": {"data": [], "summary": {"total_count": 960}},
      "comments": {"data": [], "summary": {"total_count": 0}}}],
    [{"id": f"{FB_PAGE}_1000", "story": "Thông tin Khánh Hòa đã cập nhật ảnh bìa.",
      "created_time": "2025-11-17T01:00:00+0000", "permalink_url": f"https://www.facebook.com/{FB_PAGE}/posts/1000",
      "reactions": {"data": [], "summary": {"total_count": 40}}, "comments": {"data": [], "summary": {"total_count": 0}}}],
]
FB_COMMENTS = {f"{FB_PAGE}_1001": [
    {"id": "1001_5001", "message": "Cảm ơn tỉnh đã thông báo sớm.", "created_time": "2025-11-18T05:12:00+0000",
     "from": {"name": "Nguyễn Thu Trang", "id": "7001"}, "like_count": 12, "comment_count": 0,
     "permalink_url": f"https://www.facebook.com/{FB_PAGE}/posts/1001?comment_id=5001"},
    {"id": "1001_5002", "message": "Vậy còn giáo viên có phải đến trường không ạ?",
     "created_time": "2025-11-18T05:20:00+0000", "from": {"name": "Lê Minh", "id": "7002"}, "like_count": 3,
     "comment_count": 1, "permalink_url": f"https://www.facebook.com/{FB_PAGE}/posts/1001?comment_id=5002"},
    {"id": "1001_5003", "message": "Thông báo muộn quá, sáng nay con đã đi học rồi!!!",
     "created_time": "2025-11-18T05:31:00+0000", "from": {"name": "Hoa Phan", "id": "7003"}, "like_count": 8,
     "comment_count": 0, "permalink_url": f"https://www.facebook.com/{FB_PAGE}/posts/1001?comment_id=5003"}]}


# --- YouTube Data API v3 -----------------------------------------------------------------------------------------

YT_KEY = "AIzaTestKey"
YT_VIDEOS = {
    "kH7bQx2mNtA": {"title": "Toàn cảnh mưa lũ Khánh Hòa ngày 18/11", "description": "Mưa lớn gây ngập nhiều nơi ở "
                    "Nha Trang, Ninh Hòa, Diên Khánh. Clip ghi lại cảnh người dân ứng phó.",
                    "channelTitle": "Truyền hình Khánh Hòa", "channelId": "UCkhtv000000000000000001",
                    "publishedAt": "2025-11-18T08:00:00Z",
                    "statistics": {"viewCount": "45210", "likeCount": "812", "commentCount": "2"}},
    "Zp3Lw9vYc0E": {"title": "Khám phá vịnh Vĩnh Hy mùa nước trong", "description": "Vlog du lịch Vĩnh Hy, lặn ngắm "
                    "san hô, ăn hải sản.", "channelTitle": "Đi Đâu Đó", "channelId": "UCdidau00000000000000002",
                    "publishedAt": "2025-11-16T12:00:00Z",
                    "statistics": {"viewCount": "10302", "likeCount": "530", "commentCount": "14"}},
}
YT_COMMENTS = {"kH7bQx2mNtA": [
    ("UgxA1", "Khu mình ở Vĩnh Ngọc nước lên tới nửa nhà rồi mọi người ơi", "@thanhvinhngoc", 25),
    ("UgxA2", "Mong bà con bình an, cảm ơn đài đã đưa tin kịp thời", "@lananh", 9)]}


def graph_posts(page: int) -> dict:
    doc = {"data": FB_POSTS[page], "paging": {"cursors": {"before": "QVFIUk", "after": "QVFIUl"}}}
    if page + 1 < len(FB_POSTS):
        doc["paging"]["next"] = (f"{{base}}/graph/v23.0/{FB_PAGE}/posts?access_token={FB_TOKEN}&limit=25"
                                 f"&after=page{page + 1}")
    return doc


def youtube_comment_threads(video_id: str) -> dict:
    return {"kind": "youtube#commentThreadListResponse", "pageInfo": {"totalResults": 2, "resultsPerPage": 100},
            "items": [{"kind": "youtube#commentThread", "id": cid, "snippet": {
                "channelId": YT_VIDEOS[video_id]["channelId"], "videoId": video_id, "canReply": True,
                "totalReplyCount": 0, "isPublic": True, "topLevelComment": {"kind": "youtube#comment", "id": cid,
                "snippet": {"videoId": video_id, "textDisplay": text, "textOriginal": text, "authorDisplayName": author,
                            "authorChannelId": {"value": f"UC{author[1:]}"}, "likeCount": likes,
                            "publishedAt": "2025-11-18T09:00:00Z", "updatedAt": "2025-11-18T09:00:00Z"}}}}
                      for cid, text, author, likes in YT_COMMENTS[video_id]]}
