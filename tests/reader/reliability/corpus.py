"""Invented pages of an invented evening paper, generated deterministically for crash tests."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

PUBLICATION = "桐江晚报"
PLACES = ["桐江", "石门", "青溪", "柳塘", "云岭", "梅岗", "松林", "白沙", "东湖", "南屏"]
TOPICS = [
    "新建社区食堂投入使用",
    "举办春季农机展销会",
    "开通城乡公交新线路",
    "完成老旧小区改造",
    "启动河道清淤工程",
    "召开中小企业座谈会",
    "开展义诊进村活动",
    "建成数字化档案馆",
    "举行青少年围棋赛",
    "推广稻渔综合种养",
]
SENTENCES = [
    "连日来，当地干部群众加紧推进各项工作，现场一派繁忙景象。",
    "据介绍，该项目总投资约三千万元，预计年底前全部完工。",
    "不少居民表示，身边的变化看得见、摸得着，生活更方便了。",
    "有关部门负责人说，下一步将继续完善配套设施，做好后续服务。",
    "活动吸引了周边乡镇的群众前来参观，气氛十分热烈。",
    "工作人员逐户上门宣传政策，耐心解答群众提出的问题。",
    "今年以来，全县累计培训技术骨干八百余人次。",
    "专家建议，要因地制宜、分类施策，防止一哄而上。",
]


def _paragraphs(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.sample(SENTENCES, 2)) for _ in range(count)]


def page_text(day: int, page: int, rng: random.Random) -> str:
    """The text of page ``page`` (1-based) of the issue of day ``day`` (0-based)."""
    blocks: list[str] = []
    for slot in range(3):
        title = (
            PLACES[(day * 3 + page + slot) % len(PLACES)]
            + TOPICS[(day + page * 3 + slot) % len(TOPICS)]
        )
        paragraphs = _paragraphs(rng, 3)
        paragraphs[0] = "本报讯　" + paragraphs[0]
        if page == 2 and slot == 0:  # the continuation of page 1's first article
            blocks.append("（上接01版）" + "\n\n".join(_paragraphs(rng, 2)))
        blocks.append(title)
        if page == 1 and slot == 0:
            paragraphs[-1] += "（下转02版）"
        blocks.extend(paragraphs)
    return "\n\n".join(blocks) + "\n"


def write_corpus(folder: Path, *, days: int = 4, pages: int = 5, seed: int = 7) -> list[Path]:
    """Write ``days`` issues of ``pages`` pages each, named ``<publication>_<date>_<page>.txt``.

    Returns:
        The files, in import order.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = dt.date(2023, 3, 1)
    files = []
    for day in range(days):
        date = start + dt.timedelta(days=day)
        for page in range(1, pages + 1):
            path = folder / f"{PUBLICATION}_{date.isoformat()}_{page:02d}.txt"
            path.write_text(page_text(day, page, rng), encoding="utf-8")
            files.append(path)
    return files
