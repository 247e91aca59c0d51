<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
    <name>TaskProgress</name>
    <message numerus="yes">
        <source>(+%n more)</source>
        <translation>
            <numerusform>(+%n more)</numerusform>
            <numerusform>(+%n more)</numerusform>
        </translation>
    </message>
</context>
</TS>
