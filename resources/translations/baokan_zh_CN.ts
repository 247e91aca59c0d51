<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>No page files (.txt) were found there.</source>
        <translation>那里没有找到版面文件（.txt）。</translation>
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
        <source>Go to &amp;date…</source>
        <translation>转到日期(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Filter articles</source>
        <translation>筛选文章(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
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
        <source>Page files (*.txt *.text);;All files (*)</source>
        <translation>版面文件 (*.txt *.text);;所有文件 (*)</translation>
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
</TS>
