"""Invented pages for the structure-curation tests (fiction in the style of a district daily)."""

from __future__ import annotations

from pathlib import Path

PUBLICATION = "松江日报"
DATE = "2023-11-20"

NEW_TOWN = "湖畔新城建设提速"
HEATING = "冬季供暖准备就绪"
LIBRARY = "图书馆夜间开放"
RIVER = "河道清淤工程完工"

#: Page 3: a long article with two section headings that continues on page 4, then two
#: short items.
PAGE_3 = """\
松江日报　2023年11月20日　星期一　第3版

湖畔新城建设提速

——松江区重点项目观察

本报记者　林海燕

本报讯　今年以来，松江区湖畔新城累计完成投资八十六亿元，十二个重点项目全部开工。

新城管委会负责人说，年内还将开通两条公交线路，方便居民出行。

一、交通路网加快成形

环湖大道东段已经通车，西段正在铺设沥青，预计下月贯通。

二、公共服务配套跟进

新城第一小学明年秋季招生，社区医院主体结构已经封顶。（下转4版）

冬季供暖准备就绪

本报讯　松江区热力公司近日完成全部管网检修，确保居民按时供暖。

今年新增供暖面积四十万平方米，覆盖湖畔新城三个小区。（周小川）

图书馆夜间开放

本报讯　从本周起，区图书馆每周五、周六延长开放至晚上九点。（吴静）
"""

#: Page 4: the continuation of the long article, then one more item.
PAGE_4 = """\
松江日报　2023年11月20日　星期一　第4版

（上接3版）据介绍，新城规划常住人口十五万人，将建设三所中学和一座体育中心。

居民代表马文清表示，新城的变化大家都看在眼里，盼着早日住上新房。

河道清淤工程完工

本报讯　历时两个月，松江区十八条中小河道清淤工程全部完工，共清除淤泥九万立方米。

清淤后的河道水质明显改善，沿岸居民纷纷点赞。（郑凯）
"""


def write_pages(folder: Path) -> list[Path]:
    """Write both pages, named after the file-name convention; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for label, text in (("3", PAGE_3), ("4", PAGE_4)):
        path = folder / f"{PUBLICATION}_{DATE}_{label}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append(path)
    return paths
