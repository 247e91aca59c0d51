<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AnnotationColours</name>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
</context>
<context>
    <name>AnnotationEditor</name>
    <message>
        <source>note on the article</source>
        <translation>给文章加笔记</translation>
    </message>
    <message>
        <source>note on “%1”</source>
        <translation>给“%1”加笔记</translation>
    </message>
    <message>
        <source>highlight “%1”</source>
        <translation>标亮“%1”</translation>
    </message>
    <message>
        <source>the article</source>
        <translation>全文</translation>
    </message>
    <message>
        <source>edit the note on “%1”</source>
        <translation>修改“%1”的笔记</translation>
    </message>
    <message>
        <source>recolour “%1”</source>
        <translation>更改“%1”的颜色</translation>
    </message>
    <message>
        <source>remove the annotation on “%1”</source>
        <translation>删除“%1”的批注</translation>
    </message>
</context>
<context>
    <name>AnnotationLayer</name>
    <message>
        <source>&amp;Highlight</source>
        <translation>标亮(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Highlight selection</source>
        <translation>标亮所选文字(&amp;H)</translation>
    </message>
    <message>
        <source>Add &amp;note…</source>
        <translation>添加笔记(&amp;N)…</translation>
    </message>
    <message>
        <source>Reading annotations</source>
        <translation>正在读取批注</translation>
    </message>
    <message>
        <source>Annotate “%1”</source>
        <translation>批注“%1”</translation>
    </message>
    <message>
        <source>Select a passage of the title, the subtitle or the body</source>
        <translation>请在标题、副题或正文中选择一段文字</translation>
    </message>
    <message>
        <source>&amp;Edit note…</source>
        <translation>编辑笔记(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove highlight</source>
        <translation>删除标亮(&amp;R)</translation>
    </message>
    <message>
        <source>Highlight (no note)</source>
        <translation>标亮（无笔记）</translation>
    </message>
</context>
<context>
    <name>AnnotationTableModel</name>
    <message>
        <source>Passage</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>(whole article)</source>
        <translation>（全文）</translation>
    </message>
    <message>
        <source>article gone</source>
        <translation>文章已删除</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>无法定位</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>已重新定位</translation>
    </message>
    <message>
        <source>The article is no longer in the archive; the annotation is kept.</source>
        <translation>这篇文章已不在档案中；批注仍予保留。</translation>
    </message>
    <message>
        <source>This passage could not be found in the article&apos;s text any more (it was changed or re-imported). The annotation is kept: “%1”</source>
        <translation>在文章现有文本中已找不到这段原文（文本已修改或重新导入）。批注仍予保留：“%1”</translation>
    </message>
    <message>
        <source>The article&apos;s text changed; the passage was found again.</source>
        <translation>文章文本已变动，已重新找到这段原文。</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Archive in use</source>
        <translation>档案正在使用中</translation>
    </message>
    <message>
        <source>This archive is already open in another window or program.</source>
        <translation>此档案已在另一个窗口或程序中打开。</translation>
    </message>
    <message>
        <source>Archive from a newer version</source>
        <translation>档案来自更新的版本</translation>
    </message>
    <message>
        <source>This archive was written by a newer version of the program; update it.</source>
        <translation>此档案由更新版本的程序写入，请升级本程序。</translation>
    </message>
    <message>
        <source>Cannot open the archive</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <source>The archive cannot be opened.</source>
        <translation>无法打开此档案。</translation>
    </message>
</context>
<context>
    <name>ArticleChoiceDialog</name>
    <message>
        <source>Filter by headline or page</source>
        <translation>按标题或版次筛选</translation>
    </message>
    <message>
        <source>At the &amp;end</source>
        <translation>放在末尾(&amp;E)</translation>
    </message>
    <message>
        <source>At the &amp;start</source>
        <translation>放在开头(&amp;S)</translation>
    </message>
    <message>
        <source>Put them:</source>
        <translation>放置位置：</translation>
    </message>
</context>
<context>
    <name>ArticleChoiceModel</name>
    <message>
        <source>Headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>版面</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>ArticleDocumentBuilder</name>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>日期不详</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>%1版</translation>
    </message>
    <message>
        <source>(continued from page %1)</source>
        <translation>（上接%1版）</translation>
    </message>
    <message>
        <source>— page %1 —</source>
        <translation>— %1版 —</translation>
    </message>
    <message>
        <source>[Photo] </source>
        <translation>［图］</translation>
    </message>
    <message>
        <source>(continued on page %1)</source>
        <translation>（下转%1版）</translation>
    </message>
    <message>
        <source>Show the articles of page %1</source>
        <translation>显示%1版的文章</translation>
    </message>
</context>
<context>
    <name>ArticleEditDialog</name>
    <message>
        <source>Edit article</source>
        <translation>编辑文章</translation>
    </message>
    <message>
        <source>&amp;Kicker:</source>
        <translation>引题(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Headline:</source>
        <translation>标题(&amp;H)：</translation>
    </message>
    <message>
        <source>&amp;Deck:</source>
        <translation>副题(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Authors:</source>
        <translation>作者(&amp;A)：</translation>
    </message>
    <message>
        <source>C&amp;redit:</source>
        <translation>电头/署名(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Captions:</source>
        <translation>图片说明(&amp;C)：</translation>
    </message>
    <message>
        <source>One caption per line</source>
        <translation>每行一条图片说明</translation>
    </message>
    <message>
        <source>Names split by 、</source>
        <translation>多个姓名用“、”分隔</translation>
    </message>
    <message>
        <source>Original text of this page</source>
        <translation>恢复本版原文</translation>
    </message>
    <message>
        <source>Paragraphs are separated by an empty line; a heading starts with “# ”, the deck of a heading with “## ”.</source>
        <translation>段落之间空一行；小标题以“# ”开头，小标题的副题以“## ”开头。</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>%1 版</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Original: %1</source>
        <translation>原文：%1</translation>
    </message>
</context>
<context>
    <name>ArticlePreviewModel</name>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Paragraphs</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>Continues</source>
        <translation>转版</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>上接%1</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>下转%1</translation>
    </message>
</context>
<context>
    <name>ArticleReader</name>
    <message>
        <source>Choose an article in the list, a search hit or an entity to read it here.</source>
        <translation>在文章列表、搜索结果或实体中选择一篇文章，即可在此阅读。</translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <source>Loading articles</source>
        <translation>正在载入文章</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>报刊</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message numerus="yes">
        <source>%n distinct entities named</source>
        <translation>
            <numerusform>提到 %n 个不同的实体</numerusform>
        </translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>ArticlesPane</name>
    <message>
        <source>Filter by title or author</source>
        <translation>按标题或作者筛选</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message>
        <source>Check archive</source>
        <translation>检查档案</translation>
    </message>
    <message>
        <source>The archive is in good order.</source>
        <translation>档案状态良好。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found. Nothing was deleted.</source>
        <translation>
            <numerusform>发现 %n 个问题。未删除任何内容。</numerusform>
        </translation>
    </message>
    <message>
        <source>Repaired: %1</source>
        <translation>已修复：%1</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>版面</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Articles in the search index</source>
        <translation>搜索索引中的文章</translation>
    </message>
</context>
<context>
    <name>CoEntityModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Shared articles</source>
        <translation>共同文章</translation>
    </message>
    <message>
        <source>%1: named in %2 of the same articles (click to show it)</source>
        <translation>%1：在 %2 篇相同的文章中出现（单击查看）</translation>
    </message>
</context>
<context>
    <name>CollectionDialog</name>
    <message>
        <source>&amp;New collection…</source>
        <translation>新建收藏夹(&amp;N)…</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>新建收藏夹</translation>
    </message>
    <message>
        <source>Name of the new collection:</source>
        <translation>新收藏夹的名称：</translation>
    </message>
</context>
<context>
    <name>CorrectionController</name>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Correcting entities</source>
        <translation>正在更正实体</translation>
    </message>
    <message>
        <source>rename %1 to %2</source>
        <translation>将 %1 重命名为 %2</translation>
    </message>
    <message>
        <source>merge %1 into %2</source>
        <translation>将 %1 合并到 %2</translation>
    </message>
    <message>
        <source>split %1 from %2</source>
        <translation>从 %2 拆分出 %1</translation>
    </message>
    <message>
        <source>make %1 a %2</source>
        <translation>将 %1 改为%2</translation>
    </message>
    <message>
        <source>delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>标注 %1</translation>
    </message>
    <message>
        <source>Redoing a correction</source>
        <translation>正在重做更正</translation>
    </message>
    <message>
        <source>Undoing a correction</source>
        <translation>正在撤销更正</translation>
    </message>
    <message>
        <source>redo %1</source>
        <translation>重做：%1</translation>
    </message>
    <message>
        <source>undo %1</source>
        <translation>撤销：%1</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销 %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做 %1(&amp;R)</translation>
    </message>
</context>
<context>
    <name>CurationEditor</name>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>split %1</source>
        <translation>拆分 %1</translation>
    </message>
    <message>
        <source>merge %1 with the previous article</source>
        <translation>将 %1 与上一篇文章合并</translation>
    </message>
    <message>
        <source>merge %1 with the next article</source>
        <translation>将 %1 与下一篇文章合并</translation>
    </message>
    <message numerus="yes">
        <source>move %n paragraph(s) to %1</source>
        <translation>
            <numerusform>将 %n 个段落移到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>join the continuation of %1</source>
        <translation>接续 %1 的转版部分</translation>
    </message>
    <message>
        <source>unjoin %1 at page %2</source>
        <translation>在 %2 版处拆开 %1</translation>
    </message>
    <message>
        <source>move %1 to %2</source>
        <translation>将 %1 移到 %2</translation>
    </message>
    <message>
        <source>correct the details of %1</source>
        <translation>更正 %1 的信息</translation>
    </message>
    <message>
        <source>revert #%1 %2</source>
        <translation>还原修订 #%1 %2</translation>
    </message>
</context>
<context>
    <name>CurationFeature</name>
    <message>
        <source>E&amp;dit article…</source>
        <translation>编辑文章(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Split article here</source>
        <translation>从此处拆分文章(&amp;S)</translation>
    </message>
    <message>
        <source>The paragraph at the cursor and the rest become a new article</source>
        <translation>光标所在段落及其后各段成为一篇新文章</translation>
    </message>
    <message>
        <source>Merge with &amp;previous article</source>
        <translation>与上一篇文章合并(&amp;P)</translation>
    </message>
    <message>
        <source>Merge with &amp;next article</source>
        <translation>与下一篇文章合并(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Move selected paragraphs to…</source>
        <translation>将所选段落移到(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Join as continuation with…</source>
        <translation>接续转版文章(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Unjoin at page</source>
        <translation>在某版处拆开(&amp;U)</translation>
    </message>
    <message>
        <source>Move article to p&amp;age…</source>
        <translation>将文章移到版面(&amp;A)…</translation>
    </message>
    <message>
        <source>Correct pa&amp;ge details…</source>
        <translation>更正版面信息(&amp;G)…</translation>
    </message>
    <message>
        <source>Correct iss&amp;ue details…</source>
        <translation>更正期次信息(&amp;U)…</translation>
    </message>
    <message>
        <source>Correction &amp;history</source>
        <translation>更正历史(&amp;H)</translation>
    </message>
    <message>
        <source>Every correction of the archive, with its diff</source>
        <translation>档案的全部更正记录及其差异</translation>
    </message>
    <message>
        <source>Article st&amp;ructure</source>
        <translation>文章结构(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>%1 版</translation>
    </message>
    <message>
        <source>Unjoin at page %1</source>
        <translation>在 %1 版处拆开</translation>
    </message>
    <message>
        <source>&amp;History of this article</source>
        <translation>本文的更正历史(&amp;H)</translation>
    </message>
    <message>
        <source>Reading the article&apos;s parts</source>
        <translation>正在读取文章的各部分</translation>
    </message>
    <message>
        <source>Choose an article first.</source>
        <translation>请先选择一篇文章。</translation>
    </message>
    <message>
        <source>The archive could not be read</source>
        <translation>无法读取档案</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>没有任何改动。</translation>
    </message>
    <message>
        <source>Reading the article</source>
        <translation>正在读取文章</translation>
    </message>
    <message>
        <source>Put the cursor in the paragraph that should begin the new article (not the first one).</source>
        <translation>请把光标放在新文章起始的段落中（不能是第一段）。</translation>
    </message>
    <message>
        <source>Select the paragraphs to move in the reader first.</source>
        <translation>请先在阅读区选中要移动的段落。</translation>
    </message>
    <message>
        <source>To move every paragraph, merge the articles instead.</source>
        <translation>要移动全部段落，请改用合并文章。</translation>
    </message>
    <message>
        <source>Move paragraphs</source>
        <translation>移动段落</translation>
    </message>
    <message numerus="yes">
        <source>Move %n paragraph(s) to which article of this issue?</source>
        <translation>
            <numerusform>将 %n 个段落移到本期的哪篇文章？</numerusform>
        </translation>
    </message>
    <message>
        <source>Join as continuation</source>
        <translation>接续转版</translation>
    </message>
    <message>
        <source>Which article continues “%1”? Its text is appended and it is removed.</source>
        <translation>哪篇文章是“%1”的转版部分？其正文将接在后面，它本身将被移除。</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>This issue has no other article.</source>
        <translation>本期没有其他文章。</translation>
    </message>
    <message>
        <source>Reading the articles of the issue</source>
        <translation>正在读取本期文章</translation>
    </message>
    <message>
        <source>continued from page %1</source>
        <translation>上接 %1 版</translation>
    </message>
    <message>
        <source>same page</source>
        <translation>同一版</translation>
    </message>
    <message>
        <source>Reading the issues</source>
        <translation>正在读取期次</translation>
    </message>
    <message>
        <source>The page of this article is not known yet.</source>
        <translation>尚不知道这篇文章所在的版面。</translation>
    </message>
    <message>
        <source>This page or issue is no longer in the archive.</source>
        <translation>档案中已没有这个版面或期次。</translation>
    </message>
    <message>
        <source>The articles of this revision are no longer in the archive.</source>
        <translation>档案中已没有这次修订涉及的文章。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>The correction could not be made</source>
        <translation>无法完成更正</translation>
    </message>
</context>
<context>
    <name>CurationLabels</name>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Move paragraphs</source>
        <translation>移动段落</translation>
    </message>
    <message>
        <source>Join continuation</source>
        <translation>接续转版</translation>
    </message>
    <message>
        <source>Unjoin</source>
        <translation>拆开转版</translation>
    </message>
    <message>
        <source>Move article</source>
        <translation>移动文章</translation>
    </message>
    <message>
        <source>Edit article</source>
        <translation>编辑文章</translation>
    </message>
    <message>
        <source>Correct page</source>
        <translation>更正版面</translation>
    </message>
    <message>
        <source>Correct issue</source>
        <translation>更正期次</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Headline</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Deck</source>
        <translation>副题</translation>
    </message>
    <message>
        <source>Kicker</source>
        <translation>引题</translation>
    </message>
    <message>
        <source>Authors</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>电头/署名</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>图片说明</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>期次</translation>
    </message>
</context>
<context>
    <name>DetailsDialog</name>
    <message>
        <source>Correct page details</source>
        <translation>更正版面信息</translation>
    </message>
    <message>
        <source>Correct issue details</source>
        <translation>更正期次信息</translation>
    </message>
    <message>
        <source>&amp;Dated</source>
        <translation>有日期(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Publication:</source>
        <translation>报刊(&amp;P)：</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Issue &amp;number:</source>
        <translation>期号(&amp;N)：</translation>
    </message>
    <message>
        <source>Page &amp;label:</source>
        <translation>版次(&amp;L)：</translation>
    </message>
    <message>
        <source>The page and its articles move to the issue of this publication and date.</source>
        <translation>该版面及其文章将移到这一报刊、这一日期的那期。</translation>
    </message>
    <message>
        <source>Every page of the issue moves with it.</source>
        <translation>本期所有版面随之一起更正。</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <source>Choose a revision to see what it changed.</source>
        <translation>选择一次修订，查看它改动了什么。</translation>
    </message>
    <message>
        <source>No visible change.</source>
        <translation>没有可见的改动。</translation>
    </message>
    <message>
        <source>%1 — article #%2</source>
        <translation>%1 —— 文章 #%2</translation>
    </message>
    <message>
        <source>Before: </source>
        <translation>改前：</translation>
    </message>
    <message>
        <source>After: </source>
        <translation>改后：</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
</context>
<context>
    <name>EntitiesFeature</name>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Entity &amp;highlights</source>
        <translation>实体标记(&amp;H)</translation>
    </message>
    <message numerus="yes">
        <source>Articles naming %1: %n</source>
        <translation>
            <numerusform>提到 %1 的文章：%n 篇</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>已完成：%1</translation>
    </message>
    <message>
        <source>Correction failed</source>
        <translation>更正失败</translation>
    </message>
    <message>
        <source>The correction could not be made: %1</source>
        <translation>无法完成更正：%1</translation>
    </message>
</context>
<context>
    <name>EntitiesPane</name>
    <message>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>更正</translation>
    </message>
    <message>
        <source>Correct the entity chosen</source>
        <translation>更正选中的实体</translation>
    </message>
    <message>
        <source>Entities</source>
        <translation>实体</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Merge into…</source>
        <translation>合并到(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Split…</source>
        <translation>拆分(&amp;S)…</translation>
    </message>
    <message>
        <source>Change &amp;kind</source>
        <translation>更改类型(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>删除(&amp;D)…</translation>
    </message>
    <message>
        <source>Never tag this name as this kind again</source>
        <translation>不再把这个名称标注为这一类型</translation>
    </message>
    <message>
        <source>Reading entities</source>
        <translation>正在读取实体</translation>
    </message>
    <message>
        <source>Delete entity</source>
        <translation>删除实体</translation>
    </message>
    <message>
        <source>Delete %1? Its mentions are removed and this name is never tagged as a %2 again (you can undo it).</source>
        <translation>删除 %1？它的提及将被移除，这个名称不再被标注为%2（可以撤销）。</translation>
    </message>
    <message>
        <source>Loading entities</source>
        <translation>正在载入实体</translation>
    </message>
    <message>
        <source>The entities cannot be read: %1</source>
        <translation>无法读取实体：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n 个实体</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading an entity</source>
        <translation>正在读取实体详情</translation>
    </message>
    <message>
        <source>The entity cannot be read: %1</source>
        <translation>无法读取该实体：%1</translation>
    </message>
</context>
<context>
    <name>EntityDetailView</name>
    <message>
        <source>Choose an entity to see where it is named.</source>
        <translation>选择一个实体，查看它在哪些文章中出现。</translation>
    </message>
    <message>
        <source>%1 · %2 mention(s) in %3 article(s)</source>
        <translation>%1 · 在 %3 篇文章中出现 %2 次</translation>
    </message>
    <message>
        <source>also tagged as %1</source>
        <translation>也被标注为%1</translation>
    </message>
    <message>
        <source>Also printed as: %1</source>
        <translation>其他写法：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n undated mention(s) not shown</source>
        <translation>
            <numerusform>%n 次无日期的提及未显示</numerusform>
        </translation>
    </message>
    <message>
        <source>Articles (%1)</source>
        <translation>文章（%1）</translation>
    </message>
    <message>
        <source>Articles (first %1 of %2)</source>
        <translation>文章（前 %1 篇，共 %2 篇）</translation>
    </message>
    <message>
        <source>Named with (%1)</source>
        <translation>同现实体（%1）</translation>
    </message>
</context>
<context>
    <name>EntityHighlighter</name>
    <message>
        <source>Highlight &amp;people</source>
        <translation>标记人名(&amp;P)</translation>
    </message>
    <message>
        <source>Highlight p&amp;laces</source>
        <translation>标记地名(&amp;L)</translation>
    </message>
    <message>
        <source>Highlight &amp;organizations</source>
        <translation>标记机构(&amp;O)</translation>
    </message>
    <message>
        <source>Reading entity mentions</source>
        <translation>正在读取实体提及</translation>
    </message>
</context>
<context>
    <name>EntityKinds</name>
    <message>
        <source>Person</source>
        <translation>人名</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>Organization</source>
        <translation>机构</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人名</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>地名</translation>
    </message>
    <message>
        <source>Organizations</source>
        <translation>机构</translation>
    </message>
</context>
<context>
    <name>EntityTreeModel</name>
    <message>
        <source>Name</source>
        <extracomment>At most this many entities of each kind are listed (the filter finds the others).</extracomment>
        <translation>名称</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>%1 (%2): %3 mention(s) in %4 article(s)</source>
        <translation>%1（%2）：在 %4 篇文章中出现 %3 次</translation>
    </message>
    <message>
        <source>Only the %1 most mentioned are listed: type in the filter to find others.</source>
        <translation>只列出提及最多的 %1 个：在筛选框中输入以查找其他实体。</translation>
    </message>
</context>
<context>
    <name>FacetView</name>
    <message>
        <source>Publication</source>
        <translation>报刊</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版面</translation>
    </message>
    <message>
        <source>Narrow the search to %1</source>
        <translation>将搜索限定为 %1</translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message>
        <source>This article</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>This page</source>
        <translation>本版</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <source>Undo the selected correction (the revert is kept in the history too)</source>
        <translation>撤销所选的更正（还原本身也记入历史）</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Reading the history</source>
        <translation>正在读取更正历史</translation>
    </message>
    <message>
        <source>No article shown</source>
        <translation>未打开文章</translation>
    </message>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation>
            <numerusform>%n 次修订</numerusform>
        </translation>
    </message>
    <message>
        <source>The history could not be read.</source>
        <translation>无法读取更正历史。</translation>
    </message>
    <message>
        <source>Reading the changes…</source>
        <translation>正在读取改动…</translation>
    </message>
    <message>
        <source>Reading a revision</source>
        <translation>正在读取修订</translation>
    </message>
    <message>
        <source>The changes could not be read: %1</source>
        <translation>无法读取改动：%1</translation>
    </message>
</context>
<context>
    <name>IdleBackup</name>
    <message>
        <source>Backing up the archive</source>
        <extracomment>A backup is taken once the archive has not changed for this long after a change. How often the database files are looked at (their size and time: no query).</extracomment>
        <translation>正在备份档案</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>Reading files</source>
        <translation>正在读取文件</translation>
    </message>
    <message>
        <source>Import pages</source>
        <translation>导入版面</translation>
    </message>
    <message>
        <source>No page files (.txt, .html, .xml, .pdf, .zip) were found there.</source>
        <translation>那里没有找到版面文件（.txt、.html、.xml、.pdf、.zip）。</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>Demo archive</source>
        <translation>示例档案</translation>
    </message>
    <message>
        <source>The demo pages are missing from this installation.</source>
        <translation>本安装中缺少示例版面。</translation>
    </message>
    <message>
        <source>The import stopped because of an error:</source>
        <translation>导入因错误而停止：</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import pages</source>
        <translation>导入版面</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) to import.</source>
        <translation>
            <numerusform>待导入 %n 个文件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cannot be read (see Note).</source>
        <translation>
            <numerusform>其中 %n 个无法读取（见“备注”）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Check the publication, date and page of each file; edit a cell to correct it.</source>
        <translation>请核对每个文件的报刊、日期和版次；可直接编辑单元格加以更正。</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>报刊</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Set for selected files</source>
        <translation>应用于所选文件</translation>
    </message>
    <message>
        <source>Set:</source>
        <translation>设置：</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Articles found in %1:</source>
        <translation>%1 中找到的文章：</translation>
    </message>
</context>
<context>
    <name>ImportFilesModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>报刊</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版次</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n 个版面</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) cannot be read</source>
        <translation>
            <numerusform>%n 个版面无法读取</numerusform>
        </translation>
    </message>
    <message>
        <source>found in the document</source>
        <translation>取自文件元数据</translation>
    </message>
    <message>
        <source>found on the page</source>
        <translation>取自版面报头</translation>
    </message>
    <message>
        <source>from the file name</source>
        <translation>取自文件名</translation>
    </message>
    <message>
        <source>no metadata found</source>
        <translation>未找到报刊信息</translation>
    </message>
    <message>
        <source>encoding uncertain (%1)</source>
        <translation>编码不确定（%1）</translation>
    </message>
</context>
<context>
    <name>ImportResultsDialog</name>
    <message>
        <source>Import results</source>
        <translation>导入结果</translation>
    </message>
    <message>
        <source>%1 imported, %2 unchanged, %3 failed.</source>
        <translation>导入 %1 个，未变 %2 个，失败 %3 个。</translation>
    </message>
    <message>
        <source>The import was cancelled; the files above were kept.</source>
        <translation>导入已取消；上列已导入的文件予以保留。</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) you corrected were kept as they are (your version wins).</source>
        <translation>
            <numerusform>%n 个经您更正的版面保持不变（以您的版本为准）。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportResultsModel</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>page %1 of %2 has your corrections — kept</source>
        <translation>%2 第 %1 版有您的更正——已保留</translation>
    </message>
    <message>
        <source>already in the archive</source>
        <translation>档案中已有</translation>
    </message>
    <message>
        <source>(replaced the earlier import)</source>
        <translation>（替换了先前的导入）</translation>
    </message>
</context>
<context>
    <name>IssueTreeModel</name>
    <message>
        <source>Undated pages</source>
        <translation>日期不详的版面</translation>
    </message>
    <message>
        <source>No. %1</source>
        <translation>第%1期</translation>
    </message>
    <message>
        <source>Missing pages: %1</source>
        <translation>缺版：%1</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（缺）</translation>
    </message>
    <message>
        <source>Page %1 of this issue is not in the archive</source>
        <translation>本期%1版不在档案中</translation>
    </message>
    <message>
        <source>Page %1 — from %2 (%3)</source>
        <translation>%1版 — 来自 %2（%3）</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (%n issues missing)</source>
        <translation>
            <numerusform>%1 – %2（缺 %n 期）</numerusform>
        </translation>
    </message>
    <message>
        <source>Expected from the publication&apos;s rhythm, not in the archive</source>
        <translation>按出版周期应有此期，但档案中没有</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
</context>
<context>
    <name>IssuesPane</name>
    <message>
        <source>Go to the issue nearest to a date</source>
        <translation>转到离某日期最近的一期</translation>
    </message>
    <message>
        <source>Go to date:</source>
        <translation>转到日期：</translation>
    </message>
    <message>
        <source>Issues</source>
        <translation>期次</translation>
    </message>
    <message>
        <source>Loading issues</source>
        <translation>正在载入期次</translation>
    </message>
</context>
<context>
    <name>LibraryEditor</name>
    <message>
        <source>bookmark “%1”</source>
        <translation>收藏“%1”</translation>
    </message>
    <message>
        <source>remove the bookmark of “%1”</source>
        <translation>取消收藏“%1”</translation>
    </message>
    <message>
        <source>tag %1 with %2</source>
        <translation>给%1加标签 %2</translation>
    </message>
    <message>
        <source>untag %1 from %2</source>
        <translation>去掉%1的标签 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>rename tag %1 to %2</source>
        <translation>将标签 %1 改名为 %2</translation>
    </message>
    <message>
        <source>delete tag %1</source>
        <translation>删除标签 %1</translation>
    </message>
    <message>
        <source>new collection %1</source>
        <translation>新建收藏夹 %1</translation>
    </message>
    <message>
        <source>rename collection %1 to %2</source>
        <translation>将收藏夹 %1 改名为 %2</translation>
    </message>
    <message>
        <source>move collection %1</source>
        <translation>移动收藏夹 %1</translation>
    </message>
    <message>
        <source>delete collection %1</source>
        <translation>删除收藏夹 %1</translation>
    </message>
    <message>
        <source>add %1 to %2</source>
        <translation>将%1加入 %2</translation>
    </message>
    <message>
        <source>remove %1 from %2</source>
        <translation>将%1移出 %2</translation>
    </message>
    <message>
        <source>save search %1</source>
        <translation>保存检索 %1</translation>
    </message>
    <message>
        <source>rename search %1 to %2</source>
        <translation>将检索 %1 改名为 %2</translation>
    </message>
    <message>
        <source>delete search %1</source>
        <translation>删除检索 %1</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <source>Bookmarked</source>
        <translation>已收藏</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Collections</source>
        <translation>收藏夹</translation>
    </message>
    <message>
        <source>Saved searches</source>
        <translation>保存的检索</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>The articles you starred (Ctrl+D)</source>
        <translation>你加了星标的文章（Ctrl+D）</translation>
    </message>
</context>
<context>
    <name>LibraryPane</name>
    <message>
        <source>New collection…</source>
        <translation>新建收藏夹…</translation>
    </message>
    <message>
        <source>Save search…</source>
        <translation>保存检索…</translation>
    </message>
    <message>
        <source>Save the query of the search pane</source>
        <translation>保存检索窗格中的查询</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <source>Reading the library</source>
        <translation>正在读取资料库</translation>
    </message>
    <message>
        <source>Reading articles</source>
        <translation>正在读取文章</translation>
    </message>
    <message>
        <source>New collection</source>
        <translation>新建收藏夹</translation>
    </message>
    <message>
        <source>Name of the new collection:</source>
        <translation>新收藏夹的名称：</translation>
    </message>
    <message>
        <source>&amp;New collection…</source>
        <translation>新建收藏夹(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;New collection inside…</source>
        <translation>在其中新建收藏夹(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>改名(&amp;R)…</translation>
    </message>
    <message>
        <source>Rename collection</source>
        <translation>收藏夹改名</translation>
    </message>
    <message>
        <source>New name of %1:</source>
        <translation>%1 的新名称：</translation>
    </message>
    <message>
        <source>&amp;Move to</source>
        <translation>移动到(&amp;M)</translation>
    </message>
    <message>
        <source>(top level)</source>
        <translation>（顶层）</translation>
    </message>
    <message>
        <source>&amp;Delete collection</source>
        <translation>删除收藏夹(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Rename tag…</source>
        <translation>标签改名(&amp;R)…</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>标签改名</translation>
    </message>
    <message>
        <source>New path of %1:</source>
        <translation>%1 的新路径：</translation>
    </message>
    <message>
        <source>&amp;Delete tag</source>
        <translation>删除标签(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save the current search…</source>
        <translation>保存当前检索(&amp;S)…</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>运行(&amp;U)</translation>
    </message>
    <message>
        <source>Rename search</source>
        <translation>检索改名</translation>
    </message>
    <message>
        <source>&amp;Delete search</source>
        <translation>删除检索(&amp;D)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Newspaper Archive Reader</source>
        <translation>报刊档案阅读器</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>导入文件(&amp;I)…</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>导入文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Panes</source>
        <translation>窗格(&amp;P)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>原始大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow the &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Previous article</source>
        <translation>上一篇(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Next article</source>
        <translation>下一篇(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Search…</source>
        <translation>搜索(&amp;S)…</translation>
    </message>
    <message>
        <source>Go to &amp;date…</source>
        <translation>转到日期(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Filter articles</source>
        <translation>筛选文章(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Rebuild search index</source>
        <translation>重建搜索索引(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Query help</source>
        <translation>查询帮助(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <source>This article is no longer in the archive.</source>
        <translation>这篇文章已不在档案中。</translation>
    </message>
    <message>
        <source>Page %1 of this issue is not in the archive.</source>
        <translation>本期%1版不在档案中。</translation>
    </message>
    <message>
        <source>Import page files</source>
        <translation>导入版面文件</translation>
    </message>
    <message>
        <source>Page files (*.txt *.text *.html *.htm *.xml *.pdf *.zip);;All files (*)</source>
        <translation>版面文件 (*.txt *.text *.html *.htm *.xml *.pdf *.zip);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Import a folder of pages</source>
        <translation>导入版面文件夹</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>The search index is already being rebuilt.</source>
        <translation>搜索索引正在重建中。</translation>
    </message>
    <message>
        <source>Search index rebuilt.</source>
        <translation>搜索索引已重建。</translation>
    </message>
    <message>
        <source>The search index is not available: %1</source>
        <translation>搜索索引不可用：%1</translation>
    </message>
    <message>
        <source>An offline reader for archives of Chinese newspapers: import page files, browse issues, read and study articles.</source>
        <translation>离线阅读中文报刊档案：导入版面文件，浏览各期，阅读和研究文章。</translation>
    </message>
    <message>
        <source>Archive: %1</source>
        <translation>档案：%1</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>The archive database is damaged.</source>
        <extracomment>Databases up to this size are checked (quick_check) before the window opens them, about 0.07 s; bigger ones are checked in the background once the window is shown.</extracomment>
        <translation>档案数据库已损坏。</translation>
    </message>
    <message>
        <source>Restore the newest good backup, taken %1?</source>
        <translation>要恢复最新的完好备份（备份于 %1）吗？</translation>
    </message>
    <message>
        <source>The damaged file is kept beside it as archive.sqlite3.corrupt-… (never deleted); changes made after the backup are not in it.</source>
        <translation>损坏的文件会以 archive.sqlite3.corrupt-… 的名称保留在旁边（绝不删除）；备份之后所做的更改不在备份中。</translation>
    </message>
    <message>
        <source>Damaged archive</source>
        <translation>档案已损坏</translation>
    </message>
    <message>
        <source>The backup could not be restored.</source>
        <translation>无法恢复该备份。</translation>
    </message>
</context>
<context>
    <name>MaintenanceFeature</name>
    <message>
        <source>&amp;Archive</source>
        <translation>档案(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore from backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Check archive…</source>
        <translation>检查档案(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Export archive…</source>
        <translation>导出档案(&amp;E)…</translation>
    </message>
    <message>
        <source>Backing up the archive</source>
        <translation>正在备份档案</translation>
    </message>
    <message>
        <source>Backup written and verified: %1</source>
        <translation>备份已写入并通过校验：%1</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>备份失败。</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
    <message>
        <source>Checking the backups</source>
        <translation>正在校验备份</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>The backups cannot be listed.</source>
        <translation>无法列出备份。</translation>
    </message>
    <message>
        <source>Restoring a backup</source>
        <translation>正在恢复备份</translation>
    </message>
    <message>
        <source>The backup could not be restored.</source>
        <translation>无法恢复该备份。</translation>
    </message>
    <message>
        <source>Restored %1; the previous database was kept.</source>
        <translation>已恢复 %1；原数据库已另行保留。</translation>
    </message>
    <message>
        <source>Checking the archive</source>
        <translation>检查档案</translation>
    </message>
    <message>
        <source>Check archive</source>
        <translation>检查档案</translation>
    </message>
    <message>
        <source>The check could not run.</source>
        <translation>检查无法运行。</translation>
    </message>
    <message>
        <source>Damaged archive</source>
        <translation>档案已损坏</translation>
    </message>
    <message>
        <source>The archive database is damaged and there is no good backup.</source>
        <translation>档案数据库已损坏，且没有完好的备份。</translation>
    </message>
    <message>
        <source>Export archive</source>
        <translation>导出档案</translation>
    </message>
    <message>
        <source>Archive bundle (*.zip)</source>
        <translation>档案包 (*.zip)</translation>
    </message>
    <message>
        <source>%1 already exists: choose a new name.</source>
        <translation>%1 已存在：请另选一个名称。</translation>
    </message>
    <message>
        <source>Exporting the archive</source>
        <translation>正在导出档案</translation>
    </message>
    <message>
        <source>Exported %1 pages and your notes to %2.</source>
        <translation>已将 %1 个版面及您的笔记导出到 %2。</translation>
    </message>
    <message>
        <source>The export failed.</source>
        <translation>导出失败。</translation>
    </message>
</context>
<context>
    <name>MentionArticlesModel</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>提及</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge entity</source>
        <translation>合并实体</translation>
    </message>
    <message>
        <source>Choose the entity that %1 really is: its mentions will belong to it, and the name becomes one of its aliases.</source>
        <translation>选择 %1 实际所指的实体：它的提及将归入该实体，这个名称成为该实体的别名。</translation>
    </message>
    <message>
        <source>Filter by name</source>
        <translation>按名称筛选</translation>
    </message>
    <message>
        <source>%1 — %2 mention(s)</source>
        <translation>%1 — 提及 %2 次</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Edit note</source>
        <translation>编辑笔记</translation>
    </message>
    <message>
        <source>Add note</source>
        <translation>添加笔记</translation>
    </message>
    <message>
        <source>(the whole article)</source>
        <translation>（全文）</translation>
    </message>
    <message>
        <source>Your note (optional)</source>
        <translation>你的笔记（可不填）</translation>
    </message>
    <message>
        <source>Passage:</source>
        <translation>原文：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>笔记：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
</context>
<context>
    <name>NotesPane</name>
    <message>
        <source>This article</source>
        <translation>本文</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Search quotes and notes</source>
        <translation>检索原文和笔记</translation>
    </message>
    <message>
        <source>All colours</source>
        <translation>所有颜色</translation>
    </message>
    <message>
        <source>Not found only</source>
        <translation>只看无法定位的</translation>
    </message>
    <message>
        <source>Only the annotations whose passage could not be found in the text</source>
        <translation>只列出在文本中找不到原文的批注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>笔记</translation>
    </message>
    <message>
        <source>Reading annotations</source>
        <translation>正在读取批注</translation>
    </message>
    <message>
        <source>The annotations could not be read.</source>
        <translation>无法读取批注。</translation>
    </message>
    <message>
        <source>No article shown</source>
        <translation>未打开文章</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n 条批注</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Show in the article</source>
        <translation>在文章中显示(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Edit note…</source>
        <translation>编辑笔记(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Copy the passage</source>
        <translation>复制原文(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
</context>
<context>
    <name>PageChoiceDialog</name>
    <message>
        <source>Move article to page</source>
        <translation>将文章移到版面</translation>
    </message>
    <message>
        <source>&amp;Publication:</source>
        <translation>报刊(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Issue:</source>
        <translation>期次(&amp;I)：</translation>
    </message>
    <message>
        <source>P&amp;age:</source>
        <translation>版次(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>A new language applies when the program starts again.</source>
        <translation>新的界面语言将在程序重新启动后生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>主题(&amp;T)：</translation>
    </message>
    <message>
        <source>Reader &amp;font size:</source>
        <translation>阅读字号(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>QualityFeature</name>
    <message>
        <source>&amp;Quality report</source>
        <translation>质量报告(&amp;Q)</translation>
    </message>
    <message>
        <source>Missing issues and pages, doubtful pages, suspect articles</source>
        <translation>缺失的期次和版面、解码存疑的版面、可疑的文章</translation>
    </message>
    <message>
        <source>This finding is out of date: check again.</source>
        <translation>此项结果已过时，请重新检查。</translation>
    </message>
</context>
<context>
    <name>QualityPane</name>
    <message>
        <source>Check again</source>
        <translation>重新检查</translation>
    </message>
    <message>
        <source>Make the quality report again</source>
        <translation>重新生成质量报告</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>issue dates</source>
        <translation>期次日期</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>版面</translation>
    </message>
    <message>
        <source>articles</source>
        <translation>文章</translation>
    </message>
    <message>
        <source>continuations</source>
        <translation>转版</translation>
    </message>
    <message>
        <source>Checking the archive…</source>
        <translation>正在检查档案…</translation>
    </message>
    <message>
        <source>Checking the archive</source>
        <translation>检查档案</translation>
    </message>
    <message>
        <source>Nothing to report: no gap and no suspect article found.</source>
        <translation>未发现问题：没有缺失，也没有可疑的文章。</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s); double-click one to go to its place.</source>
        <translation>
            <numerusform>共 %n 项结果；双击一项可转到相应位置。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>irregular: no issue is expected</source>
        <translation>不定期：不推算缺期</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>日报</translation>
    </message>
    <message numerus="yes">
        <source>daily, %n day(s) a week</source>
        <translation>
            <numerusform>日报，每周出版 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>周报</translation>
    </message>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>每 %n 天一期</numerusform>
        </translation>
    </message>
    <message>
        <source>The report could not be made: %1</source>
        <translation>无法生成报告：%1</translation>
    </message>
    <message>
        <source>The report was cancelled.</source>
        <translation>报告已取消。</translation>
    </message>
</context>
<context>
    <name>QualityTreeModel</name>
    <message>
        <source>Missing issues</source>
        <translation>缺失的期次</translation>
    </message>
    <message>
        <source>Missing pages</source>
        <translation>缺失的版面</translation>
    </message>
    <message>
        <source>Pages with a doubtful decoding</source>
        <translation>解码存疑的版面</translation>
    </message>
    <message>
        <source>Continued on a missing page</source>
        <translation>转至缺失版面</translation>
    </message>
    <message>
        <source>Continuations not joined</source>
        <translation>未接续的转版</translation>
    </message>
    <message>
        <source>Very short articles</source>
        <translation>过短的文章</translation>
    </message>
    <message>
        <source>Very long articles</source>
        <translation>过长的文章</translation>
    </message>
    <message>
        <source>Articles without a headline</source>
        <translation>无标题的文章</translation>
    </message>
    <message>
        <source>Suspect headlines</source>
        <translation>可疑的标题</translation>
    </message>
    <message>
        <source>(no headline)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>Issue of %1 missing</source>
        <translation>缺 %1 一期</translation>
    </message>
    <message numerus="yes">
        <source>%n issues missing: %1 – %2</source>
        <translation>
            <numerusform>缺 %n 期：%1 至 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Page %1 missing</source>
        <translation>缺第 %1 版</translation>
    </message>
    <message>
        <source>Page %1 decoded as %2 with confidence %3: check its text</source>
        <translation>第 %1 版按 %2 解码，置信度 %3，请核对文字</translation>
    </message>
    <message numerus="yes">
        <source>%1: very short (%n characters)</source>
        <translation>
            <numerusform>%1：过短（%n 字）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: very long (%n characters)</source>
        <translation>
            <numerusform>%1：过长（%n 字）</numerusform>
        </translation>
    </message>
    <message>
        <source>No headline: %1</source>
        <translation>无标题：%1</translation>
    </message>
    <message>
        <source>%1: the headline ends like a sentence</source>
        <translation>%1：标题以句末标点结尾</translation>
    </message>
    <message numerus="yes">
        <source>%1: a headline of %n characters</source>
        <translation>
            <numerusform>%1：标题长达 %n 字</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 continues on page %2, which is not in this issue</source>
        <translation>%1 下转第 %2 版，但本期没有该版</translation>
    </message>
    <message>
        <source>%1 is continued from page %2, which is not in this issue</source>
        <translation>%1 上接第 %2 版，但本期没有该版</translation>
    </message>
    <message>
        <source>%1 continues on page %2, but its other part was not found there</source>
        <translation>%1 下转第 %2 版，但在该版未找到接续部分</translation>
    </message>
    <message>
        <source>%1 is continued from page %2, but its first part was not found there</source>
        <translation>%1 上接第 %2 版，但在该版未找到前半部分</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>To check</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>Publication</source>
        <translation>报刊</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>版次</translation>
    </message>
</context>
<context>
    <name>QueryHelpDialog</name>
    <message>
        <source>Query help</source>
        <translation>查询帮助</translation>
    </message>
    <message>
        <source>You type</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>It finds</source>
        <translation>查找结果</translation>
    </message>
    <message>
        <source>Articles with all the words (part of a longer word counts)</source>
        <translation>包含全部词语的文章（长词中的一部分也算）</translation>
    </message>
    <message>
        <source>The exact phrase (“…” and 「…」 work too)</source>
        <translation>完整短语（也可用“…”和「…」）</translation>
    </message>
    <message>
        <source>Either word (OR in capitals)</source>
        <translation>任一词（OR 须大写）</translation>
    </message>
    <message>
        <source>Without a word</source>
        <translation>不含某词</translation>
    </message>
    <message>
        <source>Group with parentheses</source>
        <translation>用括号分组</translation>
    </message>
    <message>
        <source>In the headline</source>
        <translation>标题中</translation>
    </message>
    <message>
        <source>By an author</source>
        <translation>某作者的文章</translation>
    </message>
    <message>
        <source>On a page</source>
        <translation>某一版</translation>
    </message>
    <message>
        <source>In a publication (quote a name with spaces)</source>
        <translation>某报刊（名称含空格时加引号）</translation>
    </message>
    <message>
        <source>Tagged with a name (person, place, organization)</source>
        <translation>标注了某名称（人名、地名、机构名）</translation>
    </message>
    <message>
        <source>Carrying one of your tags</source>
        <translation>带有您的某个标签</translation>
    </message>
    <message>
        <source>In your notes</source>
        <translation>您的笔记中</translation>
    </message>
    <message>
        <source>In a year, a month, on a day</source>
        <translation>某年、某月、某日</translation>
    </message>
    <message>
        <source>Between two dates (either end may be left open)</source>
        <translation>两个日期之间（任一端可省略）</translation>
    </message>
    <message>
        <source>Traditional and simplified characters, full- and half-width forms, upper and lower case all match each other.</source>
        <translation>繁体与简体、全角与半角、大写与小写均可互相匹配。</translation>
    </message>
    <message>
        <source>Results are ranked by relevance (headline matches first) or by date. Click a facet (publication, date, page) to narrow the search; Explain shows how the query was segmented and read.</source>
        <translation>结果按相关度（标题命中优先）或按日期排序。点击分面（报刊、日期、版面）可缩小搜索范围；“解析”显示查询的分词与解读方式。</translation>
    </message>
</context>
<context>
    <name>ReaderTagMenu</name>
    <message>
        <source>Tag as &amp;person…</source>
        <translation>标注为人名(&amp;P)…</translation>
    </message>
    <message>
        <source>Tag as p&amp;lace…</source>
        <translation>标注为地名(&amp;L)…</translation>
    </message>
    <message>
        <source>Tag as &amp;organization…</source>
        <translation>标注为机构(&amp;O)…</translation>
    </message>
    <message>
        <source>Tag “%1” as %2</source>
        <translation>把“%1”标注为%2</translation>
    </message>
    <message>
        <source>Select a name within one paragraph, the title or the subtitle</source>
        <translation>请在同一段落、标题或副标题内选择一个名称</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <source>Rename entity</source>
        <translation>重命名实体</translation>
    </message>
    <message>
        <source>From now on %1 is called by the new name in every article; if an entity of that name and kind exists, the two become one.</source>
        <translation>今后 %1 在所有文章中都使用新名称；如果已有同名同类型的实体，两者将合而为一。</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新名称：</translation>
    </message>
</context>
<context>
    <name>ResearchFeature</name>
    <message>
        <source>&amp;Article</source>
        <translation>文章(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Bookmark</source>
        <translation>收藏(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Tag…</source>
        <translation>标签(&amp;T)…</translation>
    </message>
    <message>
        <source>Add to &amp;collection…</source>
        <translation>加入收藏夹(&amp;C)…</translation>
    </message>
    <message>
        <source>Note on the &amp;article…</source>
        <translation>给全文加笔记(&amp;A)…</translation>
    </message>
    <message>
        <source>GB/T 7714-2015</source>
        <translation>GB/T 7714-2015</translation>
    </message>
    <message>
        <source>RIS</source>
        <translation>RIS</translation>
    </message>
    <message>
        <source>BibTeX</source>
        <translation>BibTeX</translation>
    </message>
    <message>
        <source>CSL-JSON</source>
        <translation>CSL-JSON</translation>
    </message>
    <message>
        <source>&amp;Cite</source>
        <translation>引用(&amp;C)</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <source>Copy citations of the &amp;list</source>
        <translation>复制列表中文章的引文(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Save citation as…</source>
        <translation>引文另存为(&amp;S)…</translation>
    </message>
    <message>
        <source>Save citations of the list as…</source>
        <translation>列表中文章的引文另存为…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Notes of this article as &amp;Markdown…</source>
        <translation>本文笔记导出为 &amp;Markdown…</translation>
    </message>
    <message>
        <source>Notes of this article as &amp;JSON…</source>
        <translation>本文笔记导出为 &amp;JSON…</translation>
    </message>
    <message>
        <source>Notes of a collection as Markdown…</source>
        <translation>收藏夹笔记导出为 Markdown…</translation>
    </message>
    <message>
        <source>Notes of a collection as JSON…</source>
        <translation>收藏夹笔记导出为 JSON…</translation>
    </message>
    <message>
        <source>Article list as &amp;CSV…</source>
        <translation>文章列表导出为 &amp;CSV…</translation>
    </message>
    <message>
        <source>Article as &amp;PDF…</source>
        <translation>文章导出为 &amp;PDF…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Print pre&amp;view…</source>
        <translation>打印预览(&amp;V)…</translation>
    </message>
    <message>
        <source>Reading bookmarks</source>
        <translation>正在读取收藏</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>完成：%1</translation>
    </message>
    <message>
        <source>The change could not be saved</source>
        <translation>无法保存这项修改</translation>
    </message>
    <message>
        <source>The article of this annotation is no longer in the archive.</source>
        <translation>这条批注所属的文章已不在档案中。</translation>
    </message>
    <message>
        <source>This passage could not be found in the article&apos;s text any more.</source>
        <translation>在文章现有文本中已找不到这段原文。</translation>
    </message>
    <message>
        <source>Reading tags</source>
        <translation>正在读取标签</translation>
    </message>
    <message>
        <source>Add to collection</source>
        <translation>加入收藏夹</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n article(s)</source>
        <translation>
            <numerusform>%1：%n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a query in the search pane first.</source>
        <translation>请先在检索窗格中输入查询。</translation>
    </message>
    <message>
        <source>Save search</source>
        <translation>保存检索</translation>
    </message>
    <message>
        <source>Name of the search “%1”:</source>
        <translation>检索“%1”的名称：</translation>
    </message>
    <message>
        <source>Choose an article first.</source>
        <translation>请先选择一篇文章。</translation>
    </message>
    <message>
        <source>Reading the article list</source>
        <translation>正在读取文章列表</translation>
    </message>
    <message>
        <source>The list could not be read</source>
        <translation>无法读取列表</translation>
    </message>
    <message>
        <source>No article to cite.</source>
        <translation>没有可引用的文章。</translation>
    </message>
    <message>
        <source>Formatting citations</source>
        <translation>正在生成引文</translation>
    </message>
    <message>
        <source>The citation could not be made</source>
        <translation>无法生成引文</translation>
    </message>
    <message numerus="yes">
        <source>%n citation(s) copied to the clipboard.</source>
        <translation>
            <numerusform>已将 %n 条引文复制到剪贴板。</numerusform>
        </translation>
    </message>
    <message>
        <source>GB/T 7714 text (*.txt)</source>
        <translation>GB/T 7714 文本 (*.txt)</translation>
    </message>
    <message>
        <source>RIS (*.ris)</source>
        <translation>RIS (*.ris)</translation>
    </message>
    <message>
        <source>BibTeX (*.bib)</source>
        <translation>BibTeX (*.bib)</translation>
    </message>
    <message>
        <source>CSL-JSON (*.json)</source>
        <translation>CSL-JSON (*.json)</translation>
    </message>
    <message>
        <source>Save citation</source>
        <translation>保存引文</translation>
    </message>
    <message>
        <source>Saving citations</source>
        <translation>正在保存引文</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>The file could not be saved</source>
        <translation>无法保存文件</translation>
    </message>
    <message>
        <source>Exporting notes</source>
        <translation>正在导出笔记</translation>
    </message>
    <message>
        <source>Export the notes of a collection</source>
        <translation>导出收藏夹的笔记</translation>
    </message>
    <message>
        <source>Export notes</source>
        <translation>导出笔记</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Exporting the article list</source>
        <translation>正在导出文章列表</translation>
    </message>
    <message>
        <source>Export the article list</source>
        <translation>导出文章列表</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export the article as PDF</source>
        <translation>将文章导出为 PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>The archive will be replaced by the backup you choose. The current database is kept beside it (archive.sqlite3.replaced-…), never deleted; the search index is rebuilt afterwards.</source>
        <translation>档案将被您选择的备份替换。当前数据库会保留在旁边（archive.sqlite3.replaced-…），绝不删除；之后会重建搜索索引。</translation>
    </message>
    <message>
        <source>good</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>There are no backups yet.</source>
        <translation>还没有备份。</translation>
    </message>
</context>
<context>
    <name>RevisionTableModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>reverted by #%1</source>
        <translation>已被 #%1 还原</translation>
    </message>
    <message>
        <source>reverts #%1</source>
        <translation>还原了 #%1</translation>
    </message>
</context>
<context>
    <name>ScanFeature</name>
    <message>
        <source>Show &amp;scan</source>
        <translation>显示扫描图(&amp;S)</translation>
    </message>
</context>
<context>
    <name>ScanPane</name>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <source>Choose an article to see the scan of its page.</source>
        <translation>选择一篇文章，即可查看其所在版面的扫描图。</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描图</translation>
    </message>
    <message>
        <source>Loading scans</source>
        <translation>正在载入扫描图</translation>
    </message>
    <message>
        <source>Page %1 — %2</source>
        <translation>第 %1 版 — %2</translation>
    </message>
    <message>
        <source>The pages of this article have no scan.</source>
        <translation>这篇文章所在的版面没有扫描图。</translation>
    </message>
    <message>
        <source>Loading scan</source>
        <translation>正在载入扫描图</translation>
    </message>
    <message>
        <source>This scan cannot be shown: %1</source>
        <translation>无法显示这张扫描图：%1</translation>
    </message>
    <message>
        <source>The scan cannot be loaded: %1</source>
        <translation>无法载入扫描图：%1</translation>
    </message>
</context>
<context>
    <name>SearchIndexController</name>
    <message>
        <source>Checking the search index</source>
        <extracomment>not looked at yet (before the window was shown) its stamp is being checked, or it is being opened being rebuilt from the database open and current: searches run a rebuild failed or was cancelled</extracomment>
        <translation>正在检查搜索索引</translation>
    </message>
    <message>
        <source>Opening the search index</source>
        <translation>正在打开搜索索引</translation>
    </message>
    <message>
        <source>Rebuilding the search index</source>
        <translation>重建搜索索引</translation>
    </message>
    <message>
        <source>The rebuild was cancelled.</source>
        <translation>重建已取消。</translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message>
        <source>Words, &quot;a phrase&quot;, title:…, date:1998-01</source>
        <translation>词语、&quot;短语&quot;、title:…、date:1998-01</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Relevance</source>
        <translation>按相关度</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新在前</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>最早在前</translation>
    </message>
    <message>
        <source>Explain</source>
        <translation>解析</translation>
    </message>
    <message>
        <source>Show how the query is segmented and read</source>
        <translation>显示查询的分词与解读方式</translation>
    </message>
    <message>
        <source>Query help</source>
        <translation>查询帮助</translation>
    </message>
    <message>
        <source>The query cannot be read: %1</source>
        <translation>查询无法解析：%1</translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>Rebuilding the search index…</source>
        <translation>正在重建索引…</translation>
    </message>
    <message>
        <source>The search index is not available.</source>
        <translation>搜索索引不可用。</translation>
    </message>
    <message>
        <source>Opening the search index…</source>
        <translation>正在打开索引…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) found</source>
        <translation>
            <numerusform>找到 %n 篇文章</numerusform>
        </translation>
    </message>
    <message>
        <source>The search index could not be prepared: %1</source>
        <translation>无法准备搜索索引：%1</translation>
    </message>
    <message>
        <source>Reading the query…</source>
        <translation>正在解析查询…</translation>
    </message>
    <message>
        <source>Explaining the query</source>
        <translation>解析查询</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>Searching</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>undated</source>
        <translation>无日期</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 版</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split entity</source>
        <translation>拆分实体</translation>
    </message>
    <message>
        <source>In the articles checked, %1 is another entity: give its name. The other articles keep the name.</source>
        <translation>在勾选的文章中，%1 指的是另一个实体：请给出它的名称。其他文章保持原名。</translation>
    </message>
    <message>
        <source>e.g. %1 (another person)</source>
        <translation>例如：%1（另一人）</translation>
    </message>
    <message>
        <source>Name of the new entity:</source>
        <translation>新实体的名称：</translation>
    </message>
    <message>
        <source>Articles where it is the new entity:</source>
        <translation>指新实体的文章：</translation>
    </message>
</context>
<context>
    <name>TagDialog</name>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <source>New tag, levels split by / (产业/光伏)</source>
        <translation>新标签，用 / 分隔层级（产业/光伏）</translation>
    </message>
    <message>
        <source>Tags of this article:</source>
        <translation>本文的标签：</translation>
    </message>
</context>
<context>
    <name>TagSelectionDialog</name>
    <message>
        <source>Tag as entity</source>
        <translation>标注为实体</translation>
    </message>
    <message>
        <source>Text: %1</source>
        <translation>文字：%1</translation>
    </message>
    <message>
        <source>The name of the entity it belongs to (another spelling makes it an alias).</source>
        <translation>它所属实体的名称（写法不同则成为别名）。</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Entity:</source>
        <translation>实体：</translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>（另有 %n 项）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Mentions over time</source>
        <extracomment>Above this many months the chart shows a bar per year.</extracomment>
        <translation>提及随时间的变化</translation>
    </message>
    <message>
        <source>No dated mentions</source>
        <translation>没有带日期的提及</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n mention(s)</source>
        <translation>
            <numerusform>%1：提及 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UserEdits</name>
    <message>
        <source>Undoing: %1</source>
        <translation>正在撤销：%1</translation>
    </message>
    <message>
        <source>Saving: %1</source>
        <translation>正在保存：%1</translation>
    </message>
    <message>
        <source>Redoing: %1</source>
        <translation>正在重做：%1</translation>
    </message>
</context>
<context>
    <name>WelcomePanel</name>
    <message>
        <source>Welcome to the Newspaper Archive Reader</source>
        <translation>欢迎使用报刊档案阅读器</translation>
    </message>
    <message>
        <source>This archive is empty. Import the plain-text pages of a newspaper (files named like 报名_2024-01-05_A1.txt are filed automatically), or try the program with a small demo issue.</source>
        <translation>此档案还是空的。请导入报纸的纯文本版面（名如 报名_2024-01-05_A1.txt 的文件会自动归档），或先用一期小型示例试用本程序。</translation>
    </message>
    <message>
        <source>Archive folder: %1</source>
        <translation>档案文件夹：%1</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <source>Import a folder…</source>
        <translation>导入文件夹…</translation>
    </message>
    <message>
        <source>Open the demo archive</source>
        <translation>打开示例档案</translation>
    </message>
    <message>
        <source>Imports a small invented demo issue into this archive</source>
        <translation>把一期虚构的小型示例导入此档案</translation>
    </message>
    <message>
        <source>You can also drop files or folders onto this window.</source>
        <translation>也可以把文件或文件夹拖放到本窗口。</translation>
    </message>
</context>
<context>
    <name>_FieldRow</name>
    <message>
        <source>Original</source>
        <translation>原文</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
</context>
</TS>
