<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArticleTableModel</name>
    <message numerus="yes">
        <source>%n distinct entities named</source>
        <translation>
            <numerusform>%n distinct entity named</numerusform>
            <numerusform>%n distinct entities named</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticlesPane</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CheckDialog</name>
    <message numerus="yes">
        <source>%n problem(s) found. Nothing was deleted.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationEditor</name>
    <message numerus="yes">
        <source>move %n paragraph(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CurationFeature</name>
    <message numerus="yes">
        <source>Move %n paragraph(s) to which article of this issue?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntitiesFeature</name>
    <message numerus="yes">
        <source>Articles naming %1: %n</source>
        <translation>
            <numerusform>Articles naming %1: %n</numerusform>
            <numerusform>Articles naming %1: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntitiesPane</name>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n entity</numerusform>
            <numerusform>%n entities</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EntityDetailView</name>
    <message numerus="yes">
        <source>%n undated mention(s) not shown</source>
        <translation>
            <numerusform>%n undated mention not shown</numerusform>
            <numerusform>%n undated mentions not shown</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPane</name>
    <message numerus="yes">
        <source>%n revision(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n file(s) to import.</source>
        <translation>
            <numerusform>%n file to import.</numerusform>
            <numerusform>%n files to import.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cannot be read (see Note).</source>
        <translation>
            <numerusform>%n cannot be read (see Note).</numerusform>
            <numerusform>%n cannot be read (see Note).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportFilesModel</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) cannot be read</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportResultsDialog</name>
    <message numerus="yes">
        <source>%n page(s) you corrected were kept as they are (your version wins).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IssueTreeModel</name>
    <message numerus="yes">
        <source>%1 – %2 (%n issues missing)</source>
        <translation>
            <numerusform>%1 – %2 (%n issue missing)</numerusform>
            <numerusform>%1 – %2 (%n issues missing)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LibraryEditor</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation type="unfinished">
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n file(s) imported.</source>
        <translation>
            <numerusform>%n file imported.</numerusform>
            <numerusform>%n files imported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NotesPane</name>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QualityPane</name>
    <message numerus="yes">
        <source>%n finding(s); double-click one to go to its place.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>daily, %n day(s) a week</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QualityTreeModel</name>
    <message numerus="yes">
        <source>%n issues missing: %1 – %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: very short (%n characters)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: very long (%n characters)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: a headline of %n characters</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResearchFeature</name>
    <message numerus="yes">
        <source>%1: %n article(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n citation(s) copied to the clipboard.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPane</name>
    <message numerus="yes">
        <source>%n article(s) found</source>
        <translation>
            <numerusform>%n article found</numerusform>
            <numerusform>%n articles found</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskProgress</name>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n more)</numerusform>
            <numerusform>(+%n more)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message numerus="yes">
        <source>%1: %n mention(s)</source>
        <translation>
            <numerusform>%1: %n mention</numerusform>
            <numerusform>%1: %n mentions</numerusform>
        </translation>
    </message>
</context>
</TS>
