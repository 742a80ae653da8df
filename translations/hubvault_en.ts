<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CommitDialog</name>
    <message>
        <source>Publish Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What this commit does, in a few words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: why, where the files come from, how they were made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target &amp;branch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination &amp;folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder in the repository the added files go to; their paths below it are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish on the &amp;New Head</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CreateRefDialog</name>
    <message>
        <source>Create Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional, kept in the tag&apos;s reflog entry</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiffLoader</name>
    <message>
        <source>Text files larger than %1 are compared as binary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images larger than %1 are not decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a readable .safetensors file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>HubVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branches and tags; select one to show its commit and its files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an empty HubVault repository and open it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a HubVault repository directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the repository again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;Branches and Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the keyboard focus to the branches and tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reflog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show how the selected branch or tag moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter Commits…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the history by text or by path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Commit &amp;List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the keyboard focus to the commit graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About HubVault</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewBuilder</name>
    <message>
        <source>The .safetensors header takes %1, more than the %2 a preview reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image takes %1, more than the %2 a preview decodes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a valid .safetensors file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only part of the image was read; it is not decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image could not be decoded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not contain UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only whole JSON files are pretty-printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON (%1 at offset %2); shown as text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 rows.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResetBranchDialog</name>
    <message>
        <source>Reset Branch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetensorsDiff</name>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dtype changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shape changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same dtype and shape, different bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tensor removed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetensorsHeader</name>
    <message>
        <source>The file is shorter than the 8-byte header length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header length %1 exceeds the format&apos;s limit of %2 bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header length %1 is larger than the file (%2 bytes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is truncated: %1 of %2 bytes are present.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header does not start with a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is not valid JSON: %1 at offset %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The header is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;__metadata__&quot; is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata value &quot;%1&quot; is not a string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has no dtype.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has no shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has a shape that is not a list of non-negative integers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has no valid data_offsets (two non-negative integers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; ends (%2) before it begins (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has an unknown dtype %2; its size is not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has a shape whose element count overflows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; spans %2 bytes, but %3 × %4 needs %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; overlaps the tensor before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a gap of %1 bytes before tensor &quot;%2&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; extends past the end of the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes after the last tensor are not described by the header.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScreenshotScenes</name>
    <message>
        <source>Add fine-tuned checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run 2 of the LoRA sweep, learning rate 2e-4, 3 epochs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app</name>
    <message>
        <source>Absent on both the base and this side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchanged from the base.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary or too large to compare here (over 1 MiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary content: no line diff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 clashes with %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::AttachBucketDialog</name>
    <message>
        <source>Attach Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New packs will be written to the bucket, and packs that are not on this disk are read from it. The packs here stay where they are until you offload them. Use one prefix per repository: garbage collection deletes every pack object under the prefix that this repository does not use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile of ~/.aws/credentials, used instead of the AWS_* variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk space for chunks read from the bucket and kept here to be read again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chunk cache:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials are not entered here: they come from the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) that HubVault was started with, or from the profile in ~/.aws/credentials. They are never stored in the repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the bucket as s3://BUCKET/PREFIX.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The bucket must be written s3://BUCKET/PREFIX (the prefix is optional).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a valid bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the endpoint, the address of the S3 API: http(s)://HOST[:PORT].</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The endpoint must be an http:// or https:// URL with a host, such as https://s3.eu-west-1.amazonaws.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region is one word, such as eu-west-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the credentials and the bucket…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not attached: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::BinaryDiffStrip</name>
    <message>
        <source>New bytes %1–%2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared bytes %1–%2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::BinaryDiffView</name>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n chunk</numerusform>
            <numerusform>%n chunks</numerusform>
        </translation>
    </message>
    <message>
        <source>one blob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The strip is the new version from its first to its last byte; highlighted regions are stored pieces the old version does not have.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored pieces: %1 shared (%2), %3 new (%4), %5 removed (%6).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::BreadcrumbBar</name>
    <message>
        <source>Current folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitChangesModel</name>
    <message>
        <source>Added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: %1, sha256 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After: %1, sha256 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored after deduplication: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitDetailsView</name>
    <message>
        <source>Select a commit to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading commit %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read commit %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Internal id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(default branch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (first commit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Children</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Child</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 renamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 before, %2 after (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of new data after deduplication, for %2 of changed content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes are shown against the first parent, %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No files changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed files (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not be computed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitDialog</name>
    <message>
        <source>&amp;Publish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several folders (as staged); type one to move all files there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>destination folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 file to add (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files to add (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 path to delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 paths to delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to publish: drop files on the window or mark files for deletion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop publishing; nothing is committed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitGraphDelegate</name>
    <message>
        <source>+%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitGraphModel</name>
    <message>
        <source>Refs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::CreateRefDialog</name>
    <message>
        <source>Create Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New tag at commit %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New branch starting at commit %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. v1.0 or release/2024-06</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. experiment/lora-r16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tag named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A branch named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffDialog</name>
    <message>
        <source>(empty tree)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 deleted (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 modified (%2 → %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Revisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing compared yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing %1 with its parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for differences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The revisions could not be compared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Comparing %1 → %2: %n file(s) differ</source>
        <translation>
            <numerusform>Comparing %1 → %2: %n file differs</numerusform>
            <numerusform>Comparing %1 → %2: %n files differ</numerusform>
        </translation>
    </message>
    <message>
        <source>The two revisions have the same files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a file to compare it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comparing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be compared: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffImageView</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 px, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Onion skin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before: %1    After: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Divider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity of the new image:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffSafetensorsView</name>
    <message>
        <source>Show unchanged tensors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tensors: %2 added, %3 removed, %4 with a new dtype or shape, %5 with new bytes, %6 unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata changes:&lt;br&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffTextView</name>
    <message>
        <source>Side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text is identical.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hunk(s): </source>
        <translation>
            <numerusform>%n hunk: </numerusform>
            <numerusform>%n hunks: </numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 −%2 lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>\ No newline at end of file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no newline at end of file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(showing the first %L1 lines)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffWorkflow</name>
    <message>
        <source>Compare with Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare Selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ExportDialog</name>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZIP archive (.zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tar archive (.tar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gzip-compressed tar (.tar.gz)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zstandard-compressed tar (.tar.zst)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A branch, a tag or a commit id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder (its content is exported) or a file of the revision; empty for everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Path in repository:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace an existing archive, or write into a folder that is not empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export is written aside and only put in place once complete: cancelling or a failure leaves the target as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Into</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) (%1) of %2 (%3) to %4</source>
        <translation>
            <numerusform>Exported %n file (%1) of %2 (%3) to %4</numerusform>
            <numerusform>Exported %n files (%1) of %2 (%3) to %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the target was left as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The export failed:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tick “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ExportWorkflow</name>
    <message>
        <source>E&amp;xport…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the revision shown to a folder or an archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport This Commit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport Everything…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport This Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport This File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xport %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::FileTreeModel</name>
    <message>
        <source>chunked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
This folder could not be listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored as content-defined chunks in packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored as one whole blob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tree id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256: %1
Git blob id: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2
Commit %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last commit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::FilesPanel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chunked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the git blob id of a file or the tree id of a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the selected file or folder to a directory of your choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to Parent &amp;Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot List Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a file to preview it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 @ %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Download All…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download “%1” To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download in Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait for the running download to finish or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading “%1”…
%2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloaded to &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not download “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last commits of “%1” are unavailable: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::GcDialog</name>
    <message>
        <source>Garbage Collection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes stored objects and chunks that no branch or tag reaches any more (for example after a squash, a reset or a deleted branch), packs what remains, and removes temporary files. Reachable history is never touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also empty the cache of downloaded file views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Would free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run GC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repacking %v of %m objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the collection stopped at a safe point; what it had not removed yet is still there. Run it again to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Garbage collection failed:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working out what can be freed…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collecting garbage…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable chunks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache of file views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temporary files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files to remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Running garbage collection will free &lt;b&gt;%1&lt;/b&gt; (checked %n ref(s)).</source>
        <translation>
            <numerusform>Running garbage collection will free &lt;b&gt;%1&lt;/b&gt; (checked %n ref).</numerusform>
            <numerusform>Running garbage collection will free &lt;b&gt;%1&lt;/b&gt; (checked %n refs).</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to free: all stored data is still reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Done:&lt;/b&gt; freed %1 and removed %n file(s).</source>
        <translation>
            <numerusform>&lt;b&gt;Done:&lt;/b&gt; freed %1 and removed %n file.</numerusform>
            <numerusform>&lt;b&gt;Done:&lt;/b&gt; freed %1 and removed %n files.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::HexPreview</name>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chunked (content-defined chunks in packs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole blob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Git blob id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::HistoryPanel</name>
    <message>
        <source>Filter by title, message or commit id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only commits whose title, message or id contains this text (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path, folder or pattern (*.safetensors)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only commits that changed this file, a file in this folder, or a file matching this pattern</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Commit Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;Short Commit Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse Files at This Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;Parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to C&amp;hild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Read History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the commit history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit %1 is hidden by the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit %1 is not in the history of any branch or tag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 commits match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 matches in %2 commits, searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1+ commits</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ImageCompareView</name>
    <message>
        <source>Before (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After (missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After over before at %1 % opacity</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ImagePreview</name>
    <message>
        <source>%1 × %2 pixels, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>decoded at %1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::MainWindow</name>
    <message>
        <source>&amp;Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary figures and the README (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit and merge graph of every branch and tag (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files of the selected revision (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the repository&apos;s bytes go (Ctrl+4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An empty or new folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Default branch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Folder for the New Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About HubVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — HubVault</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in &amp;History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse &amp;Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Reflog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Create Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create a repository in “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No repository open — open one with Ctrl+O or drop its folder here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detached at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 file, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repository takes %1 on disk; %2 of it is reachable from branches and tags.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Re&amp;mote Repository…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a repository served by hubvault serve on another machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;HubVault %1&lt;/h3&gt;&lt;p&gt;A local, git-like versioned store for machine-learning artifacts.&lt;/p&gt;&lt;p&gt;Developed by %2.&lt;/p&gt;&lt;p&gt;Compatible with hubvault %3 (repository format version %4).&lt;/p&gt;&lt;p&gt;Running with %5.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token is kept until HubVault quits: the desktop&apos;s keyring did not take it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::MaintenanceWorkflow</name>
    <message>
        <source>Quick &amp;Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that refs, commits, trees and file records are consistent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Full Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also re-read every stored byte and compare it with its hash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Garbage Collection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See what unreachable data can be deleted, then delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squas&amp;h History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the old history of a branch</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::MergeDialog</name>
    <message>
        <source>absent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file does not exist on this side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size: %1 bytes
sha256: %2
Git blob: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A branch, a tag or a commit id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge &amp;from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Into branch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target against base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source against base</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional description of the merge commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit &amp;message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose what to merge and the branch to merge it into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing what the merge would do…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot merge:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Fast-forward:&lt;/b&gt; %1 only adds commits on top of %2, so %2 moves to %3; no merge commit is created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Merge commit:&lt;/b&gt; both branches have new commits; a commit with two parents joins %1 into %2 (base %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Already up to date:&lt;/b&gt; %2 already contains %1; there is nothing to merge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Conflicts:&lt;/b&gt; %n path(s) changed differently on both sides.</source>
        <translation>
            <numerusform>&lt;b&gt;Conflicts:&lt;/b&gt; %n path changed differently on both sides.</numerusform>
            <numerusform>&lt;b&gt;Conflicts:&lt;/b&gt; %n paths changed differently on both sides.</numerusform>
        </translation>
    </message>
    <message>
        <source>HubVault merges whole files and cannot combine two different versions of one, so this merge cannot be done. Make both sides agree on the paths listed (for example commit the version you want on %1), then merge again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The merge has conflicts; resolve them first (see above).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to merge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;The merge failed:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::MergeWorkflow</name>
    <message>
        <source>&amp;Merge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge a branch, tag or commit into a branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge %1 into…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge &amp;into %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Merge This Commit into…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ObjectStorageSection</name>
    <message>
        <source>Object storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Attach Bucket…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Offload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;etch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Detach…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refre&amp;sh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address of the bucket&apos;s S3 API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The region requests are signed for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credentials:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the keys come from; they are never stored in the repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only on this disk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packs in chunks/packs/ that the bucket does not hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only in the bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packs read from the bucket when needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In both:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packs on this disk and in the bucket; Offload removes the local copies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packs the repository names that are neither here nor in the bucket: reading their files fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunk cache:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chunks read from the bucket and kept in cache/chunks/ to be read again, of its limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreferenced in the bucket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack objects under the prefix that no file uses, and multipart uploads that never finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep new packs in an S3-compatible bucket (AWS S3, Ceph RGW, OpenStack Swift, MinIO)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the packs on this disk, check each copy in the bucket, then delete the local one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download every pack that is only in the bucket, so the repository is whole on this disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch every pack, then stop using the bucket (its objects are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the status again, including the bucket&apos;s listing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pack storage is managed where the repository lives; use “hubvault storage” on the server&apos;s machine.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No repository open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This repository is served from %1. Its pack storage is managed on the server&apos;s machine, where “hubvault storage” attaches a bucket, offloads and fetches packs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read where the packs are: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bucket attached: every pack is on this disk, in chunks/packs/. Attach an S3-compatible bucket to keep packs there instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packs are kept in a bucket: new packs are written there, and packs not on this disk are read from it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>profile “%1” of ~/.aws/credentials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n object(s), %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished upload(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s) are neither on this disk nor in the bucket: files stored in them cannot be read. Run Repository › Full Verify to see which.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Garbage collection (Repository › Garbage Collection…) removes the unreferenced objects and aborts the unfinished uploads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached %1: new packs go there; Offload moves the packs on this disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detach Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detach %1?

Every pack that is only in the bucket is downloaded first (%2), so the repository is whole on this disk again; new packs are then written here. The bucket&apos;s objects are not deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Detach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offloading packs to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching packs from %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detaching %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Uploaded %n pack(s) (%1), %2 already in the bucket; freed %3 on this disk.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloaded %n pack(s) (%1), %2 already on this disk: the repository is whole here again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Detached after downloading %n pack(s) (%1): new packs are written to this disk again. The bucket&apos;s objects are kept; delete them with the store&apos;s own tools when you no longer need them.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Offload cancelled: the packs already offloaded are in the bucket, the others are still on this disk. An unfinished upload may remain until garbage collection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch cancelled: the packs already downloaded are on this disk, the others are still read from the bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detach cancelled: the bucket is still attached; the packs already downloaded are on this disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Offload Packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Fetch Packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Detach Bucket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The object store refused the credentials. HubVault reads them from the variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY it was started with, or from ~/.aws/credentials.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The object store could not be reached: check the endpoint and the network. No pack was deleted from this disk without a checked copy in the bucket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The object store answered something HubVault does not understand: is the endpoint an S3 API?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A pack is damaged or missing. Repository › Full Verify lists the files it affects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AWS_* variables, else ~/.aws/credentials</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::OpenRemoteDialog</name>
    <message>
        <source>Open Remote Repository</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remember the token in the desktop&apos;s keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s read-only or read-write token. Remembered, it is kept in the desktop&apos;s secret store (GNOME Keyring, KWallet), never in HubVault&apos;s settings; otherwise only until HubVault quits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::OverviewPage</name>
    <message>
        <source>Commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logical size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sum of the sizes of the files at this revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes the whole repository takes on disk (all history, metadata and caches); the second figure is what refs can still reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This revision has no README at its root.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Show Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No repository open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · no commits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 reachable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::PreviewPane</name>
    <message>
        <source>Select a file to preview it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to preview.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chunked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whole</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::RefWorkflow</name>
    <message>
        <source>New &amp;Branch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a branch at the selected commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tag the selected commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Current Branch to Selected Commit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Branch or Tag…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the branch or tag selected in the refs panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Bra&amp;nch Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;Tag Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Branch “%1” to This Commit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Branch from “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Tag at “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset “%1” to Selected Commit %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Branch “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Tag “%1”…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default branch cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Create Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Create Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created tag %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created branch %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Reset Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch %1 now points at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete branch “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete tag “%1”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has no commits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It points at %1. Commits that no other branch or tag reaches become unreachable and are removed by the next garbage collection; the reflog keeps a record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Delete Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Delete Tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted branch %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted tag %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ReflogModel</name>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No commit before this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No commit after this entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ReflogView</name>
    <message>
        <source>Double-click an entry to show the commit the ref moved to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a branch or tag to see how it moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reflog of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This ref has no reflog entries.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the reflog: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the newest %1 entries.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::RefsModel</name>
    <message>
        <source>Branches (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branches: select one to show its commit and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tags: select one to show its commit and files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No commits yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ref</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ResetBranchDialog</name>
    <message>
        <source>Reset Branch “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move branch &lt;b&gt;%1&lt;/b&gt; to commit %2: the branch then shows that commit&apos;s files and history. Nothing is deleted now, and the reflog records the old head.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finding the commits that would become unreachable…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reset Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch &lt;b&gt;%1&lt;/b&gt; is already at this commit; there is nothing to reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No commit becomes unreachable: every commit of the old head (%1) stays reachable from the target or from another branch or tag.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;1 commit will become unreachable&lt;/b&gt;: no branch or tag will lead to it any more, and the next garbage collection deletes it and the files only it holds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 commits will become unreachable&lt;/b&gt;: no branch or tag will lead to them any more, and the next garbage collection deletes them and the files only they hold.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hubvault::app::SafetensorsPreview</name>
    <message>
        <source>Tensor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>overflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;1 tensor&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 tensors&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too many</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of tensor data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>header %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ShareDialog</name>
    <message>
        <source>Share on Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other computers on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reachable from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow &amp;uploads, branches, merges and maintenance (a read-write token)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-write token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot share: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop Sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing. Anyone with the URL and a token can reach this repository until you stop sharing or close the window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not shared. Starting generates new tokens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From another machine: hubvault -C %1 --token %2 log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::ShareWorkflow</name>
    <message>
        <source>Share on &amp;Network…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve this repository over HTTP to other machines, with tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::SquashDialog</name>
    <message>
        <source>Squash History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Branch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep history from this commit (it becomes the branch&apos;s first commit):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New root &amp;message:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run garbage collection afterwards (deletes the data only the dropped history used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commits older than the chosen one drop out of this branch&apos;s history. They become unreachable unless another branch or tag still leads to them, and garbage collection then deletes their data for good. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Squash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Garbage collection: repacking %v of %m objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. If the history was already rewritten, the branch shows it; garbage collection can be run again from the Repository menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Squash failed:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the history of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot read the history:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is already the first commit of %1: squashing from it only rewrites the message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) of the branch will be kept and rewritten; %1 older first-parent commit(s) (and what was merged into them) drop out of its history.</source>
        <translation>
            <numerusform>%n commit of the branch will be kept and rewritten; %1 older first-parent commit(s) (and what was merged into them) drop out of its history.</numerusform>
            <numerusform>%n commits of the branch will be kept and rewritten; %1 older first-parent commit(s) (and what was merged into them) drop out of its history.</numerusform>
        </translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rewriting history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Done:&lt;/b&gt; rewrote %n commit(s)</source>
        <translation>
            <numerusform>&lt;b&gt;Done:&lt;/b&gt; rewrote %n commit</numerusform>
            <numerusform>&lt;b&gt;Done:&lt;/b&gt; rewrote %n commits</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n older commit(s) dropped from the branch</source>
        <translation>
            <numerusform>; %n older commit dropped from the branch</numerusform>
            <numerusform>; %n older commits dropped from the branch</numerusform>
        </translation>
    </message>
    <message>
        <source>; new head %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Garbage collection freed %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still reachable through: %1 (their history keeps the old commits alive).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::StorageChart</name>
    <message>
        <source>Storage by section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reclaimable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)
%3 · files: %4 · reclaimable: %5
%6</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::StoragePage</name>
    <message>
        <source>On disk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes the repository directory takes on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata plus the objects and chunks that branches and tags can still reach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept for history:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reachable only through older commits; squashing history and then gc frees it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dedup ratio:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaimable by gc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable objects and stale chunk storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaimable cache:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managed detached views under cache/, rebuilt on demand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaimable temporary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quarantined files awaiting deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaimable in total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gc + cache + temporary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>n/a</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Show Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The default branch “%1” has no commits, so there is no dedup ratio.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dedup ratio = logical size of the files at the head of “%1” (%2 files, %3) ÷ file content stored on disk (%4: whole-file blobs %5 + chunk packs %6), which holds every version still kept, not only the head. Above 1× means identical files and chunks are stored once; below 1× means older versions or data awaiting gc take more room than the head. Metadata is not counted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recommendations: nothing to reclaim.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::StorageSectionsModel</name>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needed by the repository; never reclaimed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaimed by garbage collection (gc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaimed by gc with cache pruning; views are rebuilt on demand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspect before removing anything by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Section</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reclaimable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::UploadQueue</name>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::UploadQueueDock</name>
    <message>
        <source>Upload Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Commit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp;Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish the queued changes as one commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected entries out of the queue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::UploadWorkflow</name>
    <message>
        <source>(no commit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue local files for upload into the current folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload F&amp;older…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue a local folder and everything in it for upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the selected file or folder for deletion in the next commit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Commit Queued Changes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload &amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Queue Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to upload: %1 holds no files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 change queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changes queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; publish with Repository ▸ Commit Queued Changes (Ctrl+K).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Upload Files Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 new commit arrived: %1%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new commits arrived: %2%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new head does not contain the old one: the branch was reset or rewritten.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Branch “%1” moved since the queue was built.&lt;/b&gt; It was at %2 and is now at %3. %4&lt;br&gt;Publishing is held back so that your changes do not silently land on top of commits you have not seen. Look at the branch in History, then choose &lt;i&gt;Publish on the New Head&lt;/i&gt;, or pick another branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published commit %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. Nothing was committed: the repository is exactly as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was committed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Publish Changes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::VerifyDialog</name>
    <message>
        <source>Full Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks every ref, commit, tree and file record, and re-reads every stored object and chunk to compare it with its hash. This reads the whole repository.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks that every ref, commit, tree and file record is present and consistent, without re-reading stored contents. Use Full Verify to check the bytes too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify &amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before the end: nothing can be said about the repository yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Could not verify:&lt;/b&gt; %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;OK:&lt;/b&gt; no problems found in %n ref(s).</source>
        <translation>
            <numerusform>&lt;b&gt;OK:&lt;/b&gt; no problems found in %n ref.</numerusform>
            <numerusform>&lt;b&gt;OK:&lt;/b&gt; no problems found in %n refs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;OK with %n warning(s)&lt;/b&gt; (see below).</source>
        <translation>
            <numerusform>&lt;b&gt;OK with %n warning&lt;/b&gt; (see below).</numerusform>
            <numerusform>&lt;b&gt;OK with %n warnings&lt;/b&gt; (see below).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Problems found:&lt;/b&gt; %n error(s); see below. Errors mean stored data is missing or damaged; restore the repository from a backup copy.</source>
        <translation>
            <numerusform>&lt;b&gt;Problems found:&lt;/b&gt; %n error; see below. Errors mean stored data is missing or damaged; restore the repository from a backup copy.</numerusform>
            <numerusform>&lt;b&gt;Problems found:&lt;/b&gt; %n errors; see below. Errors mean stored data is missing or damaged; restore the repository from a backup copy.</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked refs (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>hubvault::app::background</name>
    <message>
        <source>An unknown error occurred.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>hubvault-gui: cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse HubVault repositories: history, branches, tags, files and storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repository directory to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save a PNG of the window once loaded to &lt;file&gt;, then exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start on tab &lt;name&gt;: overview, history, files or storage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --screenshot: open dialog &lt;name&gt; once loaded and save it instead of the window (&quot;list&quot; prints the names).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hubvault-gui: unknown tab “%1”; use overview, history, files or storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hubvault-gui: unknown dialog “%1”; --dialog list prints the names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hubvault-gui: timed out loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displays version information.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
