"""Invented pages naming people, places and organizations (fiction written for these tests)."""

from __future__ import annotations

from pathlib import Path

PUBLICATION = "南湖日报"

PAGES: dict[str, str] = {
    "南湖日报_2024-03-04_A1.txt": """\
南湖日报　2024年3月4日　星期一　第A1版

青松集团临江新厂投产

本报讯　3月3日，青松集团在临江省安和市的新厂正式投产。青松集团董事长周振华出席仪式。

周振华表示，新厂投产后将为安和市提供两千个就业岗位。临江省副省长林慧敏参观了生产线。

安和市春季招聘会开幕

本报记者　王建国

3月2日，安和市春季招聘会在市体育馆开幕，青松集团等八十余家企业参加。

市民赵小燕说，今年的岗位比去年多了不少。
""",
    "南湖日报_2024-04-08_A1.txt": """\
南湖日报　2024年4月8日　星期一　第A1版

临江省部署春耕生产

本报讯　4月7日，临江省召开春耕生产工作会议。副省长林慧敏出席会议并讲话。

林慧敏要求各地抓好种子、化肥供应，确保不误农时。

青松集团捐建乡村学校

本报讯　青松集团日前向安和市捐建一所乡村学校。青松集团董事长周振华在捐赠仪式上说，企业要回报社会。
""",
    "南湖日报_2024-06-03_A2.txt": """\
南湖日报　2024年6月3日　星期一　第A2版

白鹭湖湿地迎来候鸟

本报记者　王建国

6月1日，记者在白鹭湖湿地看到，成群的候鸟在湖面上觅食。

湿地管理处负责人陈立群介绍，今年观测到的鸟类比去年多了二十种。

青松集团的志愿者也来到湿地，协助清理湖岸垃圾。
""",
}
"""File name → text: three issues (March, April, June 2024) on which the tagger finds
周振华, 林慧敏 and 王建国 (people), 临江省 and 安和市 (places), 青松集团 (an organization)."""


def write_entity_window_pages(folder: Path) -> Path:
    """Write the pages into ``folder``; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
