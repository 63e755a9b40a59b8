<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>drs::ui::MainWindow</name>
    <message numerus="yes">
        <source>Label %1 (%n voxels)</source>
        <translation>
            <numerusform>Label %1 (%n voxel)</numerusform>
            <numerusform>Label %1 (%n voxels)</numerusform>
        </translation>
    </message>
</context>
</TS>
