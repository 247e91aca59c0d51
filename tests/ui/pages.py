"""Invented pages of an invented weekly (fiction written for the window tests)."""

from __future__ import annotations

from pathlib import Path

PUBLICATION = "测试周报"

PAGES: dict[str, str] = {
    "测试周报_2024-01-05_A1.txt": """\
测试周报　2024年1月5日　星期五　第A1版

湖畔新区首座图书馆开馆

——市民可凭身份证免费借阅

本报记者　林小溪

1月4日上午，湖畔新区图书馆正式向市民开放，馆内藏书超过二十万册。

图书馆设有少儿阅览区、自习区和地方文献室，每天开放十二个小时。

新区文化中心负责人表示，今年还将建设三座社区分馆。（下转A2版）

冬日暖阳下的晨练人群

本报讯　连日来气温回升，滨江公园里晨练的市民明显多了起来。

不少老人结伴打太极拳、跳广场舞，公园管理处增设了饮水点。（周明）
""",
    "测试周报_2024-01-05_A2.txt": """\
测试周报　2024年1月5日　星期五　第A2版

（上接A1版）据介绍，社区分馆将与中心馆实现通借通还，读者在家门口就能借到书。

开馆当天，不少家长带着孩子前来办理借书证，服务台前排起了长队。

老街坊的新年愿望

本报讯　新年伊始，记者走访了城南几处老旧小区，听居民说说新年愿望。

退休教师陈阿姨希望小区能加装电梯，方便腿脚不便的老人出行。（下转A3版）
""",
    "测试周报_2024-01-05_A4.txt": """\
测试周报　2024年1月5日　星期五　第A4版

读者来信

本报讯　读者张先生来信说，希望新区多建几座街心花园。

编辑部已将来信转交有关部门。（吴桐）
""",
    "测试周报_2024-01-12_A1.txt": """\
测试周报　2024年1月12日　星期五　第A1版

全市中小学寒假安排公布

本报讯　市教育局日前公布寒假安排，全市中小学将于1月27日起放假。

教育局提醒家长，假期要注意孩子的交通和用火安全。（王冬）
""",
    "测试周报_2024-01-26_A1.txt": """\
测试周报　2024年1月26日　星期五　第A1版

年货市场人气旺

本报讯　春节临近，城区各大年货市场人头攒动，干果、对联和灯笼销售火热。

市场监管部门加强巡查，确保商品价格稳定、质量可靠。（赵晴）
""",
    "测试周报_2024-02-02_A1.txt": """\
测试周报　2024年2月2日　星期五　第A1版

公交线路优化调整

本报讯　从2月5日起，本市将调整八条公交线路，方便市民春节出行。

调整后，新区与老城之间的换乘时间平均缩短十分钟。（孙越）
""",
    "测试周报_2024-02-09_A1.txt": """\
测试周报　2024年2月9日　星期五　第A1版

<b>bold</b>标题<script>alert(1)</script>

本报讯　正文里有<img src="file:///etc/passwd">这样的字样，应当原样显示。

这一段也很普通，只是用来凑足两段正文。（李四）
""",
}
"""File name → text. 2024-01-05 has pages A1, A2, A4 (A3 missing); the weekly misses
2024-01-19; the page of 2024-02-09 carries markup that must be shown literally."""

HOSTILE_TITLE = "<b>bold</b>标题<script>alert(1)</script>"
HOSTILE_BODY = '<img src="file:///etc/passwd">'


def write_pages(folder: Path, names: list[str] | None = None) -> Path:
    """Write the pages (all, or those named) into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        if names is None or name in names:
            (folder / name).write_text(text, encoding="utf-8")
    return folder
