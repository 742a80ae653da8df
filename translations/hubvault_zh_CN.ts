<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CommitDialog</name>
    <message>
        <source>Publish Changes</source>
        <translation>发布更改</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>What this commit does, in a few words</source>
        <translation>用几个词说明此提交做了什么</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Optional: why, where the files come from, how they were made</source>
        <translation>可选：原因、文件来源以及生成方式</translation>
    </message>
    <message>
        <source>Target &amp;branch:</source>
        <translation>目标分支(&amp;B)：</translation>
    </message>
    <message>
        <source>Destination &amp;folder:</source>
        <translation>目标文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Repository root</source>
        <translation>仓库根目录</translation>
    </message>
    <message>
        <source>Folder in the repository the added files go to; their paths below it are kept</source>
        <translation>添加的文件放入仓库中的哪个文件夹；文件在其下的相对路径保持不变</translation>
    </message>
    <message>
        <source>Publish on the &amp;New Head</source>
        <translation>在新的头提交上发布(&amp;N)</translation>
    </message>
</context>
<context>
    <name>CreateRefDialog</name>
    <message>
        <source>Create Branch</source>
        <translation>创建分支</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Message:</source>
        <translation>说明(&amp;M)：</translation>
    </message>
    <message>
        <source>Optional, kept in the tag&apos;s reflog entry</source>
        <translation>可选，保存在该标签的引用日志条目中</translation>
    </message>
</context>
<context>
    <name>DiffLoader</name>
    <message>
        <source>Text files larger than %1 are compared as binary.</source>
        <translation>大于 %1 的文本文件按二进制方式比较。</translation>
    </message>
    <message>
        <source>Images larger than %1 are not decoded.</source>
        <translation>大于 %1 的图像不会被解码。</translation>
    </message>
    <message>
        <source>The image could not be decoded.</source>
        <translation>无法解码该图像。</translation>
    </message>
    <message>
        <source>Not a readable .safetensors file: %1</source>
        <translation>不是可读取的 .safetensors 文件：%1</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>modified</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>HubVault</source>
        <translation>HubVault</translation>
    </message>
    <message>
        <source>Branches and tags; select one to show its commit and its files</source>
        <translation>分支和标签；选择其一可显示其提交和文件</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Hi&amp;story</source>
        <translation>历史(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main Toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;New Repository…</source>
        <translation>新建仓库(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty HubVault repository and open it</source>
        <translation>创建一个空的 HubVault 仓库并打开</translation>
    </message>
    <message>
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <source>&amp;Open Repository…</source>
        <translation>打开仓库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Open a HubVault repository directory</source>
        <translation>打开一个 HubVault 仓库目录</translation>
    </message>
    <message>
        <source>Ctrl+O</source>
        <translation>Ctrl+O</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>重新加载(&amp;L)</translation>
    </message>
    <message>
        <source>Read the repository again</source>
        <translation>重新读取仓库</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>&amp;Files</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Ctrl+3</source>
        <translation>Ctrl+3</translation>
    </message>
    <message>
        <source>&amp;Storage</source>
        <translation>存储(&amp;S)</translation>
    </message>
    <message>
        <source>Ctrl+4</source>
        <translation>Ctrl+4</translation>
    </message>
    <message>
        <source>Go to &amp;Branches and Tags</source>
        <translation>转到分支和标签(&amp;B)</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the branches and tags</source>
        <translation>将键盘焦点移到分支和标签列表</translation>
    </message>
    <message>
        <source>Ctrl+B</source>
        <translation>Ctrl+B</translation>
    </message>
    <message>
        <source>&amp;Reflog</source>
        <translation>引用日志(&amp;R)</translation>
    </message>
    <message>
        <source>Show how the selected branch or tag moved</source>
        <translation>显示所选分支或标签的移动记录</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>&amp;Toolbar</source>
        <translation>工具栏(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Filter Commits…</source>
        <translation>筛选提交(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>Filter the history by text or by path</source>
        <translation>按文本或路径筛选历史</translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <source>Go to Commit &amp;List</source>
        <translation>转到提交列表(&amp;L)</translation>
    </message>
    <message>
        <source>Move the keyboard focus to the commit graph</source>
        <translation>将键盘焦点移到提交图</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>&amp;About HubVault</source>
        <translation>关于 HubVault(&amp;A)</translation>
    </message>
</context>
<context>
    <name>PreviewBuilder</name>
    <message>
        <source>The .safetensors header takes %1, more than the %2 a preview reads.</source>
        <translation>该 .safetensors 文件头占用 %1，超过了预览读取的上限 %2。</translation>
    </message>
    <message>
        <source>The image takes %1, more than the %2 a preview decodes.</source>
        <translation>该图像占用 %1，超过了预览解码的上限 %2。</translation>
    </message>
    <message>
        <source>Showing the first %1 of %2.</source>
        <translation>显示前 %1（共 %2）。</translation>
    </message>
    <message>
        <source>Not a valid .safetensors file: %1</source>
        <translation>不是有效的 .safetensors 文件：%1</translation>
    </message>
    <message>
        <source>Only part of the image was read; it is not decoded.</source>
        <translation>只读取了图像的一部分，因此不进行解码。</translation>
    </message>
    <message>
        <source>The image could not be decoded: %1</source>
        <translation>无法解码该图像：%1</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>文件为空。</translation>
    </message>
    <message>
        <source>The file does not contain UTF-8 text.</source>
        <translation>该文件不包含 UTF-8 文本。</translation>
    </message>
    <message>
        <source>Only whole JSON files are pretty-printed.</source>
        <translation>只有完整读取的 JSON 文件才会格式化显示。</translation>
    </message>
    <message>
        <source>Not valid JSON (%1 at offset %2); shown as text.</source>
        <translation>不是有效的 JSON（偏移 %2 处：%1）；按文本显示。</translation>
    </message>
    <message>
        <source>Showing the first row.</source>
        <translation>显示第一行。</translation>
    </message>
    <message>
        <source>Showing the first %1 rows.</source>
        <translation>显示前 %1 行。</translation>
    </message>
</context>
<context>
    <name>ResetBranchDialog</name>
    <message>
        <source>Reset Branch</source>
        <translation>重置分支</translation>
    </message>
</context>
<context>
    <name>SafetensorsDiff</name>
    <message>
        <source>unchanged</source>
        <translation>未更改</translation>
    </message>
    <message>
        <source>added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>dtype changed</source>
        <translation>数据类型已更改</translation>
    </message>
    <message>
        <source>shape changed</source>
        <translation>形状已更改</translation>
    </message>
    <message>
        <source>bytes changed</source>
        <translation>字节已更改</translation>
    </message>
    <message>
        <source>same dtype and shape, different bytes</source>
        <translation>数据类型和形状相同，字节不同</translation>
    </message>
    <message>
        <source>new tensor</source>
        <translation>新张量</translation>
    </message>
    <message>
        <source>tensor removed</source>
        <translation>张量已移除</translation>
    </message>
</context>
<context>
    <name>SafetensorsHeader</name>
    <message>
        <source>The file is shorter than the 8-byte header length.</source>
        <translation>文件长度不足 8 字节的文件头长度字段。</translation>
    </message>
    <message>
        <source>The header length %1 exceeds the format&apos;s limit of %2 bytes.</source>
        <translation>文件头长度 %1 超出了格式限制的 %2 字节。</translation>
    </message>
    <message>
        <source>The header length %1 is larger than the file (%2 bytes).</source>
        <translation>文件头长度 %1 大于文件本身（%2 字节）。</translation>
    </message>
    <message>
        <source>The header is truncated: %1 of %2 bytes are present.</source>
        <translation>文件头被截断：仅有 %1 字节（应为 %2 字节）。</translation>
    </message>
    <message>
        <source>The header does not start with a JSON object.</source>
        <translation>文件头不是以 JSON 对象开头。</translation>
    </message>
    <message>
        <source>The header is not valid JSON: %1 at offset %2.</source>
        <translation>文件头不是有效的 JSON：偏移 %2 处：%1。</translation>
    </message>
    <message>
        <source>The header is not a JSON object.</source>
        <translation>文件头不是 JSON 对象。</translation>
    </message>
    <message>
        <source>&quot;__metadata__&quot; is not an object.</source>
        <translation>&quot;__metadata__&quot; 不是对象。</translation>
    </message>
    <message>
        <source>Metadata value &quot;%1&quot; is not a string.</source>
        <translation>元数据值 &quot;%1&quot; 不是字符串。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; is not an object.</source>
        <translation>张量 &quot;%1&quot; 不是对象。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has no dtype.</source>
        <translation>张量 &quot;%1&quot; 没有数据类型（dtype）。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has no shape.</source>
        <translation>张量 &quot;%1&quot; 没有形状（shape）。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has a shape that is not a list of non-negative integers.</source>
        <translation>张量 &quot;%1&quot; 的形状不是非负整数列表。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has no valid data_offsets (two non-negative integers).</source>
        <translation>张量 &quot;%1&quot; 没有有效的 data_offsets（两个非负整数）。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; ends (%2) before it begins (%3).</source>
        <translation>张量 &quot;%1&quot; 的结束位置（%2）早于起始位置（%3）。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has an unknown dtype %2; its size is not checked.</source>
        <translation>张量 &quot;%1&quot; 的数据类型 %2 未知；不检查其大小。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; has a shape whose element count overflows.</source>
        <translation>张量 &quot;%1&quot; 的形状对应的元素个数溢出。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; spans %2 bytes, but %3 × %4 needs %5.</source>
        <translation>张量 &quot;%1&quot; 占 %2 字节，但 %3 × %4 需要 %5 字节。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; overlaps the tensor before it.</source>
        <translation>张量 &quot;%1&quot; 与其前一个张量重叠。</translation>
    </message>
    <message>
        <source>There is a gap of %1 bytes before tensor &quot;%2&quot;.</source>
        <translation>张量 &quot;%2&quot; 之前有 %1 字节的空隙。</translation>
    </message>
    <message>
        <source>Tensor &quot;%1&quot; extends past the end of the file.</source>
        <translation>张量 &quot;%1&quot; 超出了文件末尾。</translation>
    </message>
    <message>
        <source>%1 bytes after the last tensor are not described by the header.</source>
        <translation>最后一个张量之后有 %1 字节未在文件头中描述。</translation>
    </message>
</context>
<context>
    <name>ScreenshotScenes</name>
    <message>
        <source>Add fine-tuned checkpoint</source>
        <translation>添加微调后的检查点</translation>
    </message>
    <message>
        <source>Run 2 of the LoRA sweep, learning rate 2e-4, 3 epochs.</source>
        <translation>LoRA 参数扫描第 2 轮，学习率 2e-4，3 个 epoch。</translation>
    </message>
</context>
<context>
    <name>hubvault::app</name>
    <message>
        <source>Absent on both the base and this side.</source>
        <translation>在合并基础和这一侧中都不存在。</translation>
    </message>
    <message>
        <source>Unchanged from the base.</source>
        <translation>与合并基础相比未更改。</translation>
    </message>
    <message>
        <source>Binary or too large to compare here (over 1 MiB).</source>
        <translation>二进制文件或过大（超过 1 MiB），无法在此比较。</translation>
    </message>
    <message>
        <source>Binary content: no line diff.</source>
        <translation>二进制内容：没有逐行差异。</translation>
    </message>
    <message>
        <source>%1 clashes with %2: %3</source>
        <translation>%1 与 %2 冲突：%3</translation>
    </message>
</context>
<context>
    <name>hubvault::app::AttachBucketDialog</name>
    <message>
        <source>Attach Bucket</source>
        <translation>连接存储桶</translation>
    </message>
    <message>
        <source>New packs will be written to the bucket, and packs that are not on this disk are read from it. The packs here stay where they are until you offload them. Use one prefix per repository: garbage collection deletes every pack object under the prefix that this repository does not use.</source>
        <translation>新的包文件将写入存储桶，不在本磁盘上的包文件从存储桶读取。本地的包文件在卸载之前保持原位。每个仓库请使用单独的前缀：垃圾回收会删除该前缀下所有本仓库未使用的包文件对象。</translation>
    </message>
    <message>
        <source>&amp;Bucket:</source>
        <translation>存储桶(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Endpoint:</source>
        <translation>端点(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Region:</source>
        <translation>区域(&amp;R)：</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>A profile of ~/.aws/credentials, used instead of the AWS_* variables</source>
        <translation>~/.aws/credentials 中的一个配置，代替 AWS_* 环境变量使用</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>配置(&amp;P)：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Disk space for chunks read from the bucket and kept here to be read again</source>
        <translation>从存储桶读取并保留在本地以便再次读取的分块所占的磁盘空间</translation>
    </message>
    <message>
        <source>&amp;Chunk cache:</source>
        <translation>分块缓存(&amp;C)：</translation>
    </message>
    <message>
        <source>Credentials are not entered here: they come from the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) that HubVault was started with, or from the profile in ~/.aws/credentials. They are never stored in the repository.</source>
        <translation>凭据不在此处输入：它们来自启动 HubVault 时的环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（以及 AWS_SESSION_TOKEN），或 ~/.aws/credentials 中的配置。凭据绝不会保存在仓库中。</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>连接(&amp;A)</translation>
    </message>
    <message>
        <source>Enter the bucket as s3://BUCKET/PREFIX.</source>
        <translation>请以 s3://BUCKET/PREFIX 的形式输入存储桶。</translation>
    </message>
    <message>
        <source>The bucket must be written s3://BUCKET/PREFIX (the prefix is optional).</source>
        <translation>存储桶必须写成 s3://BUCKET/PREFIX（前缀可省略）。</translation>
    </message>
    <message>
        <source>“%1” is not a valid bucket name: 3 to 63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.</source>
        <translation>“%1”不是有效的存储桶名称：应为 3 到 63 个小写字母、数字、点和连字符，并以字母或数字开头和结尾。</translation>
    </message>
    <message>
        <source>Enter the endpoint, the address of the S3 API: http(s)://HOST[:PORT].</source>
        <translation>请输入端点，即 S3 API 的地址：http(s)://HOST[:PORT]。</translation>
    </message>
    <message>
        <source>The endpoint must be an http:// or https:// URL with a host, such as https://s3.eu-west-1.amazonaws.com.</source>
        <translation>端点必须是带主机名的 http:// 或 https:// 地址，例如 https://s3.eu-west-1.amazonaws.com。</translation>
    </message>
    <message>
        <source>The region is one word, such as eu-west-1.</source>
        <translation>区域是一个单词，例如 eu-west-1。</translation>
    </message>
    <message>
        <source>Checking the credentials and the bucket…</source>
        <translation>正在检查凭据和存储桶…</translation>
    </message>
    <message>
        <source>Not attached: %1</source>
        <translation>未连接：%1</translation>
    </message>
</context>
<context>
    <name>hubvault::app::BinaryDiffStrip</name>
    <message>
        <source>New bytes %1–%2 (%3)</source>
        <translation>新字节 %1–%2（%3）</translation>
    </message>
    <message>
        <source>Shared bytes %1–%2 (%3)</source>
        <translation>共享字节 %1–%2（%3）</translation>
    </message>
</context>
<context>
    <name>hubvault::app::BinaryDiffView</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n 个分块</numerusform>
        </translation>
    </message>
    <message>
        <source>one blob</source>
        <translation>单个 blob</translation>
    </message>
    <message>
        <source>The strip is the new version from its first to its last byte; highlighted regions are stored pieces the old version does not have.</source>
        <translation>该条带表示新版本从第一个字节到最后一个字节的范围；高亮区域是旧版本中没有的已存储片段。</translation>
    </message>
    <message>
        <source>Before:</source>
        <translation>之前：</translation>
    </message>
    <message>
        <source>After:</source>
        <translation>之后：</translation>
    </message>
    <message>
        <source>Stored pieces: %1 shared (%2), %3 new (%4), %5 removed (%6).</source>
        <translation>已存储片段：%1 个共享（%2），%3 个新增（%4），%5 个移除（%6）。</translation>
    </message>
</context>
<context>
    <name>hubvault::app::BreadcrumbBar</name>
    <message>
        <source>Current folder</source>
        <translation>当前文件夹</translation>
    </message>
    <message>
        <source>Repository root</source>
        <translation>仓库根目录</translation>
    </message>
    <message>
        <source>Root</source>
        <translation>根目录</translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitChangesModel</name>
    <message>
        <source>Added</source>
        <translation>已添加</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>已修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
    <message>
        <source>Renamed</source>
        <translation>已重命名</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>−%1</source>
        <translation>−%1</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1（来自 %2）</translation>
    </message>
    <message>
        <source>Before: %1, sha256 %2</source>
        <translation>之前：%1，sha256 %2</translation>
    </message>
    <message>
        <source>After: %1, sha256 %2</source>
        <translation>之后：%1，sha256 %2</translation>
    </message>
    <message>
        <source>Stored after deduplication: %1</source>
        <translation>去重后存储：%1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Old Size</source>
        <translation>旧大小</translation>
    </message>
    <message>
        <source>New Size</source>
        <translation>新大小</translation>
    </message>
    <message>
        <source>Size Change</source>
        <translation>大小变化</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>实际存储</translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitDetailsView</name>
    <message>
        <source>Select a commit to see its details.</source>
        <translation>选择一个提交以查看其详细信息。</translation>
    </message>
    <message>
        <source>Changed files</source>
        <translation>更改的文件</translation>
    </message>
    <message>
        <source>Loading commit %1…</source>
        <translation>正在加载提交 %1…</translation>
    </message>
    <message>
        <source>Cannot read commit %1: %2</source>
        <translation>无法读取提交 %1：%2</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Internal id</source>
        <translation>内部 ID</translation>
    </message>
    <message>
        <source>Tree</source>
        <translation>树</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>tag %1</source>
        <translation>标签 %1</translation>
    </message>
    <message>
        <source>(default branch)</source>
        <translation>（默认分支）</translation>
    </message>
    <message>
        <source>Refs</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Parents</source>
        <translation>父提交</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>父提交</translation>
    </message>
    <message>
        <source>None (first commit)</source>
        <translation>无（第一个提交）</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>子提交</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>子提交</translation>
    </message>
    <message>
        <source>1 file</source>
        <translation>1 个文件</translation>
    </message>
    <message>
        <source>%1 files</source>
        <translation>%1 个文件</translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation>新增 %1 个</translation>
    </message>
    <message>
        <source>%1 modified</source>
        <translation>修改 %1 个</translation>
    </message>
    <message>
        <source>%1 deleted</source>
        <translation>删除 %1 个</translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation>复制 %1 个</translation>
    </message>
    <message>
        <source>%1 renamed</source>
        <translation>重命名 %1 个</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>%1 before, %2 after (%3)</source>
        <translation>之前 %1，之后 %2（%3）</translation>
    </message>
    <message>
        <source>Stored</source>
        <translation>实际存储</translation>
    </message>
    <message>
        <source>%1 of new data after deduplication, for %2 of changed content</source>
        <translation>变更内容 %2，去重后新增数据 %1</translation>
    </message>
    <message>
        <source>computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Changes are shown against the first parent, %1.</source>
        <translation>变更是相对于第一个父提交 %1 显示的。</translation>
    </message>
    <message>
        <source>No files changed</source>
        <translation>没有文件更改</translation>
    </message>
    <message>
        <source>Changed files (%1)</source>
        <translation>更改的文件（%1）</translation>
    </message>
    <message>
        <source>could not be computed: %1</source>
        <translation>无法计算：%1</translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitDialog</name>
    <message>
        <source>&amp;Publish</source>
        <translation>发布(&amp;P)</translation>
    </message>
    <message>
        <source>Several folders (as staged); type one to move all files there</source>
        <translation>多个文件夹（按暂存时的位置）；输入一个文件夹可将所有文件移到其中</translation>
    </message>
    <message>
        <source>Repository root</source>
        <translation>仓库根目录</translation>
    </message>
    <message>
        <source>destination folder</source>
        <translation>目标文件夹</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>1 file to add (%1)</source>
        <translation>1 个文件待添加（%1）</translation>
    </message>
    <message>
        <source>%1 files to add (%2)</source>
        <translation>%1 个文件待添加（%2）</translation>
    </message>
    <message>
        <source>1 path to delete</source>
        <translation>1 个路径待删除</translation>
    </message>
    <message>
        <source>%1 paths to delete</source>
        <translation>%1 个路径待删除</translation>
    </message>
    <message>
        <source>%1, %2.</source>
        <translation>%1，%2。</translation>
    </message>
    <message>
        <source>Nothing to publish: drop files on the window or mark files for deletion.</source>
        <translation>没有可发布的内容：请将文件拖放到窗口上，或将文件标记为删除。</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop publishing; nothing is committed</source>
        <translation>停止发布；不会提交任何内容</translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitGraphDelegate</name>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
</context>
<context>
    <name>hubvault::app::CommitGraphModel</name>
    <message>
        <source>Refs: %1</source>
        <translation>引用：%1</translation>
    </message>
    <message>
        <source>Commit %1: %2</source>
        <translation>提交 %1：%2</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>图形</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Refs</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
</context>
<context>
    <name>hubvault::app::CreateRefDialog</name>
    <message>
        <source>Create Tag</source>
        <translation>创建标签</translation>
    </message>
    <message>
        <source>Create Branch</source>
        <translation>创建分支</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1 “%2”</translation>
    </message>
    <message>
        <source>New tag at commit %1.</source>
        <translation>在提交 %1 上创建新标签。</translation>
    </message>
    <message>
        <source>New branch starting at commit %1.</source>
        <translation>从提交 %1 开始创建新分支。</translation>
    </message>
    <message>
        <source>e.g. v1.0 or release/2024-06</source>
        <translation>例如 v1.0 或 release/2024-06</translation>
    </message>
    <message>
        <source>e.g. experiment/lora-r16</source>
        <translation>例如 experiment/lora-r16</translation>
    </message>
    <message>
        <source>Create &amp;Tag</source>
        <translation>创建标签(&amp;T)</translation>
    </message>
    <message>
        <source>Create &amp;Branch</source>
        <translation>创建分支(&amp;B)</translation>
    </message>
    <message>
        <source>A tag named “%1” already exists.</source>
        <translation>名为“%1”的标签已存在。</translation>
    </message>
    <message>
        <source>A branch named “%1” already exists.</source>
        <translation>名为“%1”的分支已存在。</translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffDialog</name>
    <message>
        <source>(empty tree)</source>
        <translation>（空树）</translation>
    </message>
    <message>
        <source>%1 added (%2)</source>
        <translation>新增 %1 个（%2）</translation>
    </message>
    <message>
        <source>%1 deleted (%2)</source>
        <translation>删除 %1 个（%2）</translation>
    </message>
    <message>
        <source>%1 modified (%2 → %3)</source>
        <translation>修改 %1 个（%2 → %3）</translation>
    </message>
    <message>
        <source>Compare Revisions</source>
        <translation>比较修订版本</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Nothing compared yet.</source>
        <translation>尚未进行比较。</translation>
    </message>
    <message>
        <source>Comparing %1 → %2</source>
        <translation>正在比较 %1 → %2</translation>
    </message>
    <message>
        <source>Comparing %1 with its parent</source>
        <translation>正在比较 %1 与其父提交</translation>
    </message>
    <message>
        <source>Looking for differences…</source>
        <translation>正在查找差异…</translation>
    </message>
    <message>
        <source>The revisions could not be compared: %1</source>
        <translation>无法比较这些修订版本：%1</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %1 → %2: %n file(s) differ</source>
        <translation>
            <numerusform>比较 %1 → %2：%n 个文件有差异</numerusform>
        </translation>
    </message>
    <message>
        <source>The two revisions have the same files.</source>
        <translation>两个修订版本的文件完全相同。</translation>
    </message>
    <message>
        <source>Select a file to compare it.</source>
        <translation>选择一个文件进行比较。</translation>
    </message>
    <message>
        <source>Comparing %1…</source>
        <translation>正在比较 %1…</translation>
    </message>
    <message>
        <source>The file could not be compared: %1</source>
        <translation>无法比较该文件：%1</translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffImageView</name>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1 × %2 px, %3</source>
        <translation>%1 × %2 像素，%3</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Swipe</source>
        <translation>滑动对比</translation>
    </message>
    <message>
        <source>Onion skin</source>
        <translation>洋葱皮叠加</translation>
    </message>
    <message>
        <source>Before: %1    After: %2</source>
        <translation>之前：%1    之后：%2</translation>
    </message>
    <message>
        <source>Divider:</source>
        <translation>分隔线：</translation>
    </message>
    <message>
        <source>Opacity of the new image:</source>
        <translation>新图像的不透明度：</translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffSafetensorsView</name>
    <message>
        <source>Show unchanged tensors</source>
        <translation>显示未更改的张量</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详细信息</translation>
    </message>
    <message>
        <source>%1 tensors: %2 added, %3 removed, %4 with a new dtype or shape, %5 with new bytes, %6 unchanged.</source>
        <translation>共 %1 个张量：新增 %2 个，移除 %3 个，数据类型或形状改变 %4 个，字节改变 %5 个，未更改 %6 个。</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Metadata unchanged.</source>
        <translation>元数据未更改。</translation>
    </message>
    <message>
        <source>Metadata changes:&lt;br&gt;</source>
        <translation>元数据变更：&lt;br&gt;</translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffTextView</name>
    <message>
        <source>Side by side</source>
        <translation>并排</translation>
    </message>
    <message>
        <source>Unified</source>
        <translation>统一视图</translation>
    </message>
    <message>
        <source>The text is identical.</source>
        <translation>文本完全相同。</translation>
    </message>
    <message numerus="yes">
        <source>%n hunk(s): </source>
        <translation>
            <numerusform>%n 个差异块：</numerusform>
        </translation>
    </message>
    <message>
        <source>+%1 −%2 lines</source>
        <translation>+%1 −%2 行</translation>
    </message>
    <message>
        <source>\ No newline at end of file</source>
        <translation>\ 文件末尾没有换行符</translation>
    </message>
    <message>
        <source>(no newline at end of file)</source>
        <translation>（文件末尾没有换行符）</translation>
    </message>
    <message>
        <source>(showing the first %L1 lines)</source>
        <translation>（仅显示前 %L1 行）</translation>
    </message>
</context>
<context>
    <name>hubvault::app::DiffWorkflow</name>
    <message>
        <source>Compare with Parent</source>
        <translation>与父提交比较</translation>
    </message>
    <message>
        <source>Compare Selected</source>
        <translation>比较所选项</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ExportDialog</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>ZIP archive (.zip)</source>
        <translation>ZIP 归档（.zip）</translation>
    </message>
    <message>
        <source>Tar archive (.tar)</source>
        <translation>Tar 归档（.tar）</translation>
    </message>
    <message>
        <source>Gzip-compressed tar (.tar.gz)</source>
        <translation>Gzip 压缩的 tar（.tar.gz）</translation>
    </message>
    <message>
        <source>Zstandard-compressed tar (.tar.zst)</source>
        <translation>Zstandard 压缩的 tar（.tar.zst）</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>A branch, a tag or a commit id</source>
        <translation>分支、标签或提交 ID</translation>
    </message>
    <message>
        <source>&amp;Revision:</source>
        <translation>修订版本(&amp;R)：</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>A folder (its content is exported) or a file of the revision; empty for everything</source>
        <translation>该修订版本中的一个文件夹（导出其内容）或一个文件；留空则导出全部</translation>
    </message>
    <message>
        <source>&amp;Path in repository:</source>
        <translation>仓库中的路径(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <source>Replace an existing archive, or write into a folder that is not empty</source>
        <translation>替换已有的归档文件，或写入非空文件夹</translation>
    </message>
    <message>
        <source>The export is written aside and only put in place once complete: cancelling or a failure leaves the target as it was.</source>
        <translation>导出内容会先写到别处，完成后才移到目标位置：取消或失败都不会改变目标。</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export Into</source>
        <translation>导出到文件夹</translation>
    </message>
    <message>
        <source>Export To</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) (%1) of %2 (%3) to %4</source>
        <translation>
            <numerusform>已将 %2（%3）中的 %n 个文件（%1）导出到 %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled: the target was left as it was.</source>
        <translation>已取消：目标保持不变。</translation>
    </message>
    <message>
        <source>&lt;b&gt;The export failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;导出失败：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>tick “%1”</source>
        <translation>勾选“%1”</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ExportWorkflow</name>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Write the revision shown to a folder or an archive</source>
        <translation>将当前显示的修订版本写入文件夹或归档文件</translation>
    </message>
    <message>
        <source>E&amp;xport This Commit…</source>
        <translation>导出此提交(&amp;X)…</translation>
    </message>
    <message>
        <source>E&amp;xport Everything…</source>
        <translation>导出全部(&amp;X)…</translation>
    </message>
    <message>
        <source>E&amp;xport This Folder…</source>
        <translation>导出此文件夹(&amp;X)…</translation>
    </message>
    <message>
        <source>E&amp;xport This File…</source>
        <translation>导出此文件(&amp;X)…</translation>
    </message>
    <message>
        <source>E&amp;xport %1…</source>
        <translation>导出 %1(&amp;X)…</translation>
    </message>
</context>
<context>
    <name>hubvault::app::FileTreeModel</name>
    <message>
        <source>chunked</source>
        <translation>分块</translation>
    </message>
    <message>
        <source>whole</source>
        <translation>整体</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1
This folder could not be listed.</source>
        <translation>%1
无法列出此文件夹的内容。</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Stored as content-defined chunks in packs</source>
        <translation>以基于内容的分块形式存储在包文件中</translation>
    </message>
    <message>
        <source>Stored as one whole blob</source>
        <translation>作为单个完整 blob 存储</translation>
    </message>
    <message>
        <source>Tree id: %1</source>
        <translation>树 ID：%1</translation>
    </message>
    <message>
        <source>SHA-256: %1
Git blob id: %2</source>
        <translation>SHA-256：%1
Git blob ID：%2</translation>
    </message>
    <message>
        <source>%1
%2
Commit %3</source>
        <translation>%1
%2
提交 %3</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储方式</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Last commit</source>
        <translation>最后提交</translation>
    </message>
</context>
<context>
    <name>hubvault::app::FilesPanel</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>chunked</source>
        <translation>分块</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储方式</translation>
    </message>
    <message>
        <source>Copy &amp;Path</source>
        <translation>复制路径(&amp;P)</translation>
    </message>
    <message>
        <source>Copy &amp;Id</source>
        <translation>复制 ID(&amp;I)</translation>
    </message>
    <message>
        <source>Copy the git blob id of a file or the tree id of a folder</source>
        <translation>复制文件的 Git blob ID 或文件夹的树 ID</translation>
    </message>
    <message>
        <source>Copy &amp;SHA-256</source>
        <translation>复制 SHA-256(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Download…</source>
        <translation>下载(&amp;D)…</translation>
    </message>
    <message>
        <source>Save the selected file or folder to a directory of your choice</source>
        <translation>将所选文件或文件夹保存到您选择的目录</translation>
    </message>
    <message>
        <source>Go to Parent &amp;Folder</source>
        <translation>转到上级文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Cannot List Folder</source>
        <translation>无法列出文件夹</translation>
    </message>
    <message>
        <source>Could not list “%1”.</source>
        <translation>无法列出“%1”的内容。</translation>
    </message>
    <message>
        <source>Select a file to preview it.</source>
        <translation>选择一个文件进行预览。</translation>
    </message>
    <message>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>Folder “%1”</source>
        <translation>文件夹“%1”</translation>
    </message>
    <message>
        <source>&amp;Download All…</source>
        <translation>全部下载(&amp;D)…</translation>
    </message>
    <message>
        <source>Download “%1” To</source>
        <translation>将“%1”下载到</translation>
    </message>
    <message>
        <source>Download in Progress</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <source>Wait for the running download to finish or cancel it first.</source>
        <translation>请等待当前下载完成，或先取消它。</translation>
    </message>
    <message>
        <source>Downloading “%1”…</source>
        <translation>正在下载“%1”…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Downloading “%1”…
%2 of %3</source>
        <translation>正在下载“%1”…
%2 / %3</translation>
    </message>
    <message>
        <source>Downloaded to &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation>已下载到 &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Download cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <source>Download Failed</source>
        <translation>下载失败</translation>
    </message>
    <message>
        <source>Could not download “%1”.</source>
        <translation>无法下载“%1”。</translation>
    </message>
    <message>
        <source>Last commits of “%1” are unavailable: %2</source>
        <translation>无法获取“%1”的最后提交：%2</translation>
    </message>
</context>
<context>
    <name>hubvault::app::GcDialog</name>
    <message>
        <source>Garbage Collection</source>
        <translation>垃圾回收</translation>
    </message>
    <message>
        <source>Deletes stored objects and chunks that no branch or tag reaches any more (for example after a squash, a reset or a deleted branch), packs what remains, and removes temporary files. Reachable history is never touched.</source>
        <translation>删除任何分支或标签都已无法到达的已存储对象和分块（例如在压缩历史、重置或删除分支之后），将剩余数据打包，并移除临时文件。可达的历史永远不会受到影响。</translation>
    </message>
    <message>
        <source>Also empty the cache of downloaded file views</source>
        <translation>同时清空已下载文件视图的缓存</translation>
    </message>
    <message>
        <source>What</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Would free</source>
        <translation>可释放</translation>
    </message>
    <message>
        <source>&amp;Run GC</source>
        <translation>运行 GC(&amp;R)</translation>
    </message>
    <message>
        <source>Repacking %v of %m objects</source>
        <translation>正在重新打包对象 %v / %m</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Cancelled: the collection stopped at a safe point; what it had not removed yet is still there. Run it again to finish.</source>
        <translation>已取消：回收已在安全点停止，尚未移除的内容仍然保留。再次运行即可完成。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Garbage collection failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;垃圾回收失败：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Working out what can be freed…</source>
        <translation>正在计算可释放的空间…</translation>
    </message>
    <message>
        <source>Collecting garbage…</source>
        <translation>正在进行垃圾回收…</translation>
    </message>
    <message>
        <source>Freed</source>
        <translation>已释放</translation>
    </message>
    <message>
        <source>Unreachable objects</source>
        <translation>不可达对象</translation>
    </message>
    <message>
        <source>Unreachable chunks</source>
        <translation>不可达分块</translation>
    </message>
    <message>
        <source>Cache of file views</source>
        <translation>文件视图缓存</translation>
    </message>
    <message>
        <source>Temporary files</source>
        <translation>临时文件</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Files to remove</source>
        <translation>待移除文件</translation>
    </message>
    <message>
        <source>Files removed</source>
        <translation>已移除文件</translation>
    </message>
    <message numerus="yes">
        <source>Running garbage collection will free &lt;b&gt;%1&lt;/b&gt; (checked %n ref(s)).</source>
        <translation>
            <numerusform>运行垃圾回收将释放 &lt;b&gt;%1&lt;/b&gt;（已检查 %n 个引用）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to free: all stored data is still reachable.</source>
        <translation>没有可释放的空间：所有已存储的数据仍然可达。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Done:&lt;/b&gt; freed %1 and removed %n file(s).</source>
        <translation>
            <numerusform>&lt;b&gt;完成：&lt;/b&gt;释放了 %1，移除了 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>hubvault::app::HexPreview</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1（%2 字节）</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储方式</translation>
    </message>
    <message>
        <source>chunked (content-defined chunks in packs)</source>
        <translation>分块（包文件中基于内容的分块）</translation>
    </message>
    <message>
        <source>whole blob</source>
        <translation>完整 blob</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Git blob id</source>
        <translation>Git blob ID</translation>
    </message>
    <message>
        <source>Last commit</source>
        <translation>最后提交</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>hubvault::app::HistoryPanel</name>
    <message>
        <source>Filter by title, message or commit id</source>
        <translation>按标题、说明或提交 ID 筛选</translation>
    </message>
    <message>
        <source>Show only commits whose title, message or id contains this text (Ctrl+F)</source>
        <translation>仅显示标题、说明或 ID 包含此文本的提交 (Ctrl+F)</translation>
    </message>
    <message>
        <source>Path, folder or pattern (*.safetensors)</source>
        <translation>路径、文件夹或通配模式（*.safetensors）</translation>
    </message>
    <message>
        <source>Show only commits that changed this file, a file in this folder, or a file matching this pattern</source>
        <translation>仅显示更改了此文件、此文件夹中的文件或匹配此模式的文件的提交</translation>
    </message>
    <message>
        <source>&amp;Copy Commit Id</source>
        <translation>复制提交 ID(&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;Short Commit Id</source>
        <translation>复制短提交 ID(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Browse Files at This Commit</source>
        <translation>浏览此提交的文件(&amp;B)</translation>
    </message>
    <message>
        <source>Go to &amp;Parent</source>
        <translation>转到父提交(&amp;P)</translation>
    </message>
    <message>
        <source>Go to C&amp;hild</source>
        <translation>转到子提交(&amp;H)</translation>
    </message>
    <message>
        <source>Cannot Read History</source>
        <translation>无法读取历史</translation>
    </message>
    <message>
        <source>Could not read the commit history.</source>
        <translation>无法读取提交历史。</translation>
    </message>
    <message>
        <source>Commit %1 is hidden by the filter.</source>
        <translation>提交 %1 被筛选条件隐藏。</translation>
    </message>
    <message>
        <source>Commit %1 is not in the history of any branch or tag.</source>
        <translation>提交 %1 不在任何分支或标签的历史中。</translation>
    </message>
    <message>
        <source>Loading history…</source>
        <translation>正在加载历史…</translation>
    </message>
    <message>
        <source>%1 of %2 commits match</source>
        <translation>%2 个提交中有 %1 个匹配</translation>
    </message>
    <message>
        <source>%1 matches in %2 commits, searching…</source>
        <translation>已在 %2 个提交中找到 %1 个匹配，正在搜索…</translation>
    </message>
    <message>
        <source>1 commit</source>
        <translation>1 个提交</translation>
    </message>
    <message>
        <source>%1 commits</source>
        <translation>%1 个提交</translation>
    </message>
    <message>
        <source>%1+ commits</source>
        <translation>%1+ 个提交</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ImageCompareView</name>
    <message>
        <source>Before (missing)</source>
        <translation>之前（不存在）</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After (missing)</source>
        <translation>之后（不存在）</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>◀ Before</source>
        <translation>◀ 之前</translation>
    </message>
    <message>
        <source>After ▶</source>
        <translation>之后 ▶</translation>
    </message>
    <message>
        <source>After over before at %1 % opacity</source>
        <translation>之后叠加在之前之上，不透明度 %1%</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ImagePreview</name>
    <message>
        <source>%1 × %2 pixels, %3</source>
        <translation>%1 × %2 像素，%3</translation>
    </message>
    <message>
        <source>decoded at %1 × %2</source>
        <translation>按 %1 × %2 解码</translation>
    </message>
</context>
<context>
    <name>hubvault::app::MainWindow</name>
    <message>
        <source>&amp;Repository</source>
        <translation>仓库(&amp;R)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <source>Summary figures and the README (Ctrl+1)</source>
        <translation>汇总数据和 README (Ctrl+1)</translation>
    </message>
    <message>
        <source>Commit and merge graph of every branch and tag (Ctrl+2)</source>
        <translation>所有分支和标签的提交与合并图 (Ctrl+2)</translation>
    </message>
    <message>
        <source>Files of the selected revision (Ctrl+3)</source>
        <translation>所选修订版本的文件 (Ctrl+3)</translation>
    </message>
    <message>
        <source>Where the repository&apos;s bytes go (Ctrl+4)</source>
        <translation>仓库的存储空间用在了哪里 (Ctrl+4)</translation>
    </message>
    <message>
        <source>Reflog</source>
        <translation>引用日志</translation>
    </message>
    <message>
        <source>Open Repository</source>
        <translation>打开仓库</translation>
    </message>
    <message>
        <source>New Repository</source>
        <translation>新建仓库</translation>
    </message>
    <message>
        <source>An empty or new folder</source>
        <translation>空文件夹或新文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>&amp;Location:</source>
        <translation>位置(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Default branch:</source>
        <translation>默认分支(&amp;D)：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Choose a Folder for the New Repository</source>
        <translation>为新仓库选择文件夹</translation>
    </message>
    <message>
        <source>About HubVault</source>
        <translation>关于 HubVault</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>%1 — HubVault</source>
        <translation>%1 — HubVault</translation>
    </message>
    <message>
        <source>Show in &amp;History</source>
        <translation>在历史中显示(&amp;H)</translation>
    </message>
    <message>
        <source>Browse &amp;Files</source>
        <translation>浏览文件(&amp;F)</translation>
    </message>
    <message>
        <source>Show &amp;Reflog</source>
        <translation>显示引用日志(&amp;R)</translation>
    </message>
    <message>
        <source>Cannot Create Repository</source>
        <translation>无法创建仓库</translation>
    </message>
    <message>
        <source>Could not create a repository in “%1”.</source>
        <translation>无法在“%1”中创建仓库。</translation>
    </message>
    <message>
        <source>Cannot Open Repository</source>
        <translation>无法打开仓库</translation>
    </message>
    <message>
        <source>Could not open “%1”.</source>
        <translation>无法打开“%1”。</translation>
    </message>
    <message>
        <source>No repository open — open one with Ctrl+O or drop its folder here</source>
        <translation>未打开仓库 — 按 Ctrl+O 打开，或将仓库文件夹拖放到此处</translation>
    </message>
    <message>
        <source>Branch: %1</source>
        <translation>分支：%1</translation>
    </message>
    <message>
        <source>Tag: %1</source>
        <translation>标签：%1</translation>
    </message>
    <message>
        <source>Detached at %1</source>
        <translation>分离于 %1</translation>
    </message>
    <message>
        <source>No branch</source>
        <translation>无分支</translation>
    </message>
    <message>
        <source>No commits</source>
        <translation>无提交</translation>
    </message>
    <message>
        <source>Commit: %1</source>
        <translation>提交：%1</translation>
    </message>
    <message>
        <source>1 file, %1</source>
        <translation>1 个文件，%1</translation>
    </message>
    <message>
        <source>%1 files, %2</source>
        <translation>%1 个文件，%2</translation>
    </message>
    <message>
        <source>%1 on disk</source>
        <translation>磁盘占用 %1</translation>
    </message>
    <message>
        <source>The repository takes %1 on disk; %2 of it is reachable from branches and tags.</source>
        <translation>仓库在磁盘上占用 %1；其中 %2 可从分支和标签到达。</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>打开 %1</translation>
    </message>
    <message>
        <source>Open Re&amp;mote Repository…</source>
        <translation>打开远程仓库(&amp;M)…</translation>
    </message>
    <message>
        <source>Open a repository served by hubvault serve on another machine</source>
        <translation>打开另一台机器上由 hubvault serve 提供的仓库</translation>
    </message>
    <message>
        <source>&lt;h3&gt;HubVault %1&lt;/h3&gt;&lt;p&gt;A local, git-like versioned store for machine-learning artifacts.&lt;/p&gt;&lt;p&gt;Developed by %2.&lt;/p&gt;&lt;p&gt;Compatible with hubvault %3 (repository format version %4).&lt;/p&gt;&lt;p&gt;Running with %5.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;HubVault %1&lt;/h3&gt;&lt;p&gt;一个本地的、类似 Git 的机器学习制品版本化存储。&lt;/p&gt;&lt;p&gt;开发者：%2。&lt;/p&gt;&lt;p&gt;兼容 hubvault %3（仓库格式版本 %4）。&lt;/p&gt;&lt;p&gt;运行于 %5。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>The token is kept until HubVault quits: the desktop&apos;s keyring did not take it (%1).</source>
        <translation>令牌仅保留到 HubVault 退出：桌面密钥环未能保存它（%1）。</translation>
    </message>
</context>
<context>
    <name>hubvault::app::MaintenanceWorkflow</name>
    <message>
        <source>Quick &amp;Verify</source>
        <translation>快速校验(&amp;V)</translation>
    </message>
    <message>
        <source>Check that refs, commits, trees and file records are consistent</source>
        <translation>检查引用、提交、树和文件记录是否一致</translation>
    </message>
    <message>
        <source>&amp;Full Verify</source>
        <translation>完整校验(&amp;F)</translation>
    </message>
    <message>
        <source>Also re-read every stored byte and compare it with its hash</source>
        <translation>同时重新读取每个已存储的字节并与其哈希值比对</translation>
    </message>
    <message>
        <source>&amp;Garbage Collection…</source>
        <translation>垃圾回收(&amp;G)…</translation>
    </message>
    <message>
        <source>See what unreachable data can be deleted, then delete it</source>
        <translation>查看哪些不可达数据可以删除，然后删除它们</translation>
    </message>
    <message>
        <source>Squas&amp;h History…</source>
        <translation>压缩历史(&amp;H)…</translation>
    </message>
    <message>
        <source>Drop the old history of a branch</source>
        <translation>丢弃分支的旧历史</translation>
    </message>
</context>
<context>
    <name>hubvault::app::MergeDialog</name>
    <message>
        <source>absent</source>
        <translation>不存在</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>The file does not exist on this side.</source>
        <translation>该文件在这一侧不存在。</translation>
    </message>
    <message>
        <source>Size: %1 bytes
sha256: %2
Git blob: %3</source>
        <translation>大小：%1 字节
sha256：%2
Git blob：%3</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>合并(&amp;M)</translation>
    </message>
    <message>
        <source>A branch, a tag or a commit id</source>
        <translation>分支、标签或提交 ID</translation>
    </message>
    <message>
        <source>Merge &amp;from:</source>
        <translation>合并来源(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Into branch:</source>
        <translation>合并到分支(&amp;I)：</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>合并基础</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Target against base</source>
        <translation>目标相对于合并基础</translation>
    </message>
    <message>
        <source>Source against base</source>
        <translation>来源相对于合并基础</translation>
    </message>
    <message>
        <source>Optional description of the merge commit</source>
        <translation>合并提交的可选描述</translation>
    </message>
    <message>
        <source>Commit &amp;message:</source>
        <translation>提交说明(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Choose what to merge and the branch to merge it into.</source>
        <translation>选择要合并的内容以及要合并到的分支。</translation>
    </message>
    <message>
        <source>Computing what the merge would do…</source>
        <translation>正在计算合并的结果…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot merge:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法合并：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Fast-forward:&lt;/b&gt; %1 only adds commits on top of %2, so %2 moves to %3; no merge commit is created.</source>
        <translation>&lt;b&gt;快进：&lt;/b&gt;%1 只是在 %2 之上增加了提交，因此 %2 将移动到 %3；不会创建合并提交。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Merge commit:&lt;/b&gt; both branches have new commits; a commit with two parents joins %1 into %2 (base %3).</source>
        <translation>&lt;b&gt;合并提交：&lt;/b&gt;两个分支都有新提交；将创建一个有两个父提交的提交，把 %1 合并到 %2（合并基础 %3）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Already up to date:&lt;/b&gt; %2 already contains %1; there is nothing to merge.</source>
        <translation>&lt;b&gt;已是最新：&lt;/b&gt;%2 已包含 %1；没有需要合并的内容。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Conflicts:&lt;/b&gt; %n path(s) changed differently on both sides.</source>
        <translation>
            <numerusform>&lt;b&gt;冲突：&lt;/b&gt;有 %n 个路径在两侧的修改不同。</numerusform>
        </translation>
    </message>
    <message>
        <source>HubVault merges whole files and cannot combine two different versions of one, so this merge cannot be done. Make both sides agree on the paths listed (for example commit the version you want on %1), then merge again.</source>
        <translation>HubVault 以整个文件为单位合并，无法将同一文件的两个不同版本组合在一起，因此无法完成此次合并。请让两侧在列出的路径上保持一致（例如在 %1 上提交您想要的版本），然后再次合并。</translation>
    </message>
    <message>
        <source>The merge has conflicts; resolve them first (see above).</source>
        <translation>合并存在冲突；请先解决冲突（见上文）。</translation>
    </message>
    <message>
        <source>Nothing to merge.</source>
        <translation>没有需要合并的内容。</translation>
    </message>
    <message>
        <source>Merging…</source>
        <translation>正在合并…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The merge failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;合并失败：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Merge Failed</source>
        <translation>合并失败</translation>
    </message>
</context>
<context>
    <name>hubvault::app::MergeWorkflow</name>
    <message>
        <source>&amp;Merge…</source>
        <translation>合并(&amp;M)…</translation>
    </message>
    <message>
        <source>Merge a branch, tag or commit into a branch</source>
        <translation>将分支、标签或提交合并到某个分支</translation>
    </message>
    <message>
        <source>&amp;Merge %1 into…</source>
        <translation>将 %1 合并到(&amp;M)…</translation>
    </message>
    <message>
        <source>Merge &amp;into %1…</source>
        <translation>合并到 %1(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Merge This Commit into…</source>
        <translation>将此提交合并到(&amp;M)…</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ObjectStorageSection</name>
    <message>
        <source>Object storage</source>
        <translation>对象存储</translation>
    </message>
    <message>
        <source>&amp;Attach Bucket…</source>
        <translation>连接存储桶(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Offload</source>
        <translation>卸载(&amp;O)</translation>
    </message>
    <message>
        <source>F&amp;etch</source>
        <translation>取回(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Detach…</source>
        <translation>分离(&amp;D)…</translation>
    </message>
    <message>
        <source>Refre&amp;sh</source>
        <translation>刷新(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>Bucket:</source>
        <translation>存储桶：</translation>
    </message>
    <message>
        <source>Endpoint:</source>
        <translation>端点：</translation>
    </message>
    <message>
        <source>The address of the bucket&apos;s S3 API</source>
        <translation>存储桶的 S3 API 地址</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>区域：</translation>
    </message>
    <message>
        <source>The region requests are signed for</source>
        <translation>请求签名所用的区域</translation>
    </message>
    <message>
        <source>Credentials:</source>
        <translation>凭据：</translation>
    </message>
    <message>
        <source>Where the keys come from; they are never stored in the repository</source>
        <translation>密钥的来源；密钥绝不会保存在仓库中</translation>
    </message>
    <message>
        <source>Only on this disk:</source>
        <translation>仅在本磁盘：</translation>
    </message>
    <message>
        <source>Packs in chunks/packs/ that the bucket does not hold</source>
        <translation>chunks/packs/ 中存储桶没有的包文件</translation>
    </message>
    <message>
        <source>Only in the bucket:</source>
        <translation>仅在存储桶：</translation>
    </message>
    <message>
        <source>Packs read from the bucket when needed</source>
        <translation>需要时从存储桶读取的包文件</translation>
    </message>
    <message>
        <source>In both:</source>
        <translation>两处都有：</translation>
    </message>
    <message>
        <source>Packs on this disk and in the bucket; Offload removes the local copies</source>
        <translation>同时在本磁盘和存储桶中的包文件；卸载会删除本地副本</translation>
    </message>
    <message>
        <source>Missing:</source>
        <translation>缺失：</translation>
    </message>
    <message>
        <source>Packs the repository names that are neither here nor in the bucket: reading their files fails</source>
        <translation>仓库引用但既不在本地也不在存储桶中的包文件：读取其中的文件会失败</translation>
    </message>
    <message>
        <source>Chunk cache:</source>
        <translation>分块缓存：</translation>
    </message>
    <message>
        <source>Chunks read from the bucket and kept in cache/chunks/ to be read again, of its limit</source>
        <translation>从存储桶读取并保存在 cache/chunks/ 中以便再次读取的分块，及其上限</translation>
    </message>
    <message>
        <source>Unreferenced in the bucket:</source>
        <translation>存储桶中未被引用：</translation>
    </message>
    <message>
        <source>Pack objects under the prefix that no file uses, and multipart uploads that never finished</source>
        <translation>前缀下没有任何文件使用的包文件对象，以及从未完成的分段上传</translation>
    </message>
    <message>
        <source>Keep new packs in an S3-compatible bucket (AWS S3, Ceph RGW, OpenStack Swift, MinIO)</source>
        <translation>将新的包文件保存在兼容 S3 的存储桶中（AWS S3、Ceph RGW、OpenStack Swift、MinIO）</translation>
    </message>
    <message>
        <source>Upload the packs on this disk, check each copy in the bucket, then delete the local one</source>
        <translation>上传本磁盘上的包文件，逐个检查存储桶中的副本，然后删除本地副本</translation>
    </message>
    <message>
        <source>Download every pack that is only in the bucket, so the repository is whole on this disk</source>
        <translation>下载所有仅在存储桶中的包文件，使仓库在本磁盘上完整</translation>
    </message>
    <message>
        <source>Fetch every pack, then stop using the bucket (its objects are kept)</source>
        <translation>取回所有包文件，然后停止使用存储桶（其中的对象会保留）</translation>
    </message>
    <message>
        <source>Read the status again, including the bucket&apos;s listing</source>
        <translation>重新读取状态，包括存储桶的列表</translation>
    </message>
    <message>
        <source>Uploading %1 of %2…</source>
        <translation>正在上传 %1 / %2…</translation>
    </message>
    <message>
        <source>Downloading %1 of %2…</source>
        <translation>正在下载 %1 / %2…</translation>
    </message>
    <message>
        <source>Pack storage is managed where the repository lives; use “hubvault storage” on the server&apos;s machine.</source>
        <translation>包文件存储由仓库所在的机器管理；请在服务器所在的机器上使用“hubvault storage”。</translation>
    </message>
    <message>
        <source>No repository open.</source>
        <translation>没有打开的仓库。</translation>
    </message>
    <message>
        <source>This repository is served from %1. Its pack storage is managed on the server&apos;s machine, where “hubvault storage” attaches a bucket, offloads and fetches packs.</source>
        <translation>此仓库由 %1 提供。其包文件存储由服务器所在的机器管理，在那里用“hubvault storage”连接存储桶、卸载和取回包文件。</translation>
    </message>
    <message>
        <source>Cannot read where the packs are: %1</source>
        <translation>无法读取包文件所在位置：%1</translation>
    </message>
    <message>
        <source>No bucket attached: every pack is on this disk, in chunks/packs/. Attach an S3-compatible bucket to keep packs there instead.</source>
        <translation>未连接存储桶：所有包文件都在本磁盘的 chunks/packs/ 中。连接一个兼容 S3 的存储桶即可改为将包文件保存在那里。</translation>
    </message>
    <message>
        <source>Packs are kept in a bucket: new packs are written there, and packs not on this disk are read from it.</source>
        <translation>包文件保存在存储桶中：新的包文件写入存储桶，不在本磁盘上的包文件从存储桶读取。</translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s), %1</source>
        <translation>
            <numerusform>%n 个包文件，%1</numerusform>
        </translation>
    </message>
    <message>
        <source>profile “%1” of ~/.aws/credentials</source>
        <translation>~/.aws/credentials 中的配置“%1”</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>%n object(s), %1</source>
        <translation>
            <numerusform>%n 个对象，%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished upload(s)</source>
        <translation>
            <numerusform>%n 个未完成的上传</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pack(s) are neither on this disk nor in the bucket: files stored in them cannot be read. Run Repository › Full Verify to see which.</source>
        <translation>
            <numerusform>%n 个包文件既不在本磁盘也不在存储桶中：存储在其中的文件无法读取。运行 仓库 › 完整校验 查看是哪些文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Garbage collection (Repository › Garbage Collection…) removes the unreferenced objects and aborts the unfinished uploads.</source>
        <translation>垃圾回收（仓库 › 垃圾回收…）会删除未被引用的对象并中止未完成的上传。</translation>
    </message>
    <message>
        <source>Attached %1: new packs go there; Offload moves the packs on this disk.</source>
        <translation>已连接 %1：新的包文件将写入其中；卸载会移走本磁盘上的包文件。</translation>
    </message>
    <message>
        <source>Detach Bucket</source>
        <translation>分离存储桶</translation>
    </message>
    <message>
        <source>Detach %1?

Every pack that is only in the bucket is downloaded first (%2), so the repository is whole on this disk again; new packs are then written here. The bucket&apos;s objects are not deleted.</source>
        <translation>要分离 %1 吗？

会先下载所有仅在存储桶中的包文件（%2），使仓库在本磁盘上重新完整；之后新的包文件写入本地。存储桶中的对象不会被删除。</translation>
    </message>
    <message>
        <source>&amp;Detach</source>
        <translation>分离(&amp;D)</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>正在上传…</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>正在下载…</translation>
    </message>
    <message>
        <source>Offloading packs to %1…</source>
        <translation>正在将包文件卸载到 %1…</translation>
    </message>
    <message>
        <source>Fetching packs from %1…</source>
        <translation>正在从 %1 取回包文件…</translation>
    </message>
    <message>
        <source>Detaching %1…</source>
        <translation>正在分离 %1…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message numerus="yes">
        <source>Uploaded %n pack(s) (%1), %2 already in the bucket; freed %3 on this disk.</source>
        <translation>
            <numerusform>已上传 %n 个包文件（%1），%2 个已在存储桶中；本磁盘释放了 %3。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Downloaded %n pack(s) (%1), %2 already on this disk: the repository is whole here again.</source>
        <translation>
            <numerusform>已下载 %n 个包文件（%1），%2 个已在本磁盘上：仓库在本地重新完整。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Detached after downloading %n pack(s) (%1): new packs are written to this disk again. The bucket&apos;s objects are kept; delete them with the store&apos;s own tools when you no longer need them.</source>
        <translation>
            <numerusform>下载 %n 个包文件（%1）后已分离：新的包文件重新写入本磁盘。存储桶中的对象会保留；不再需要时请用存储服务自己的工具删除。</numerusform>
        </translation>
    </message>
    <message>
        <source>Offload cancelled: the packs already offloaded are in the bucket, the others are still on this disk. An unfinished upload may remain until garbage collection.</source>
        <translation>卸载已取消：已卸载的包文件在存储桶中，其余仍在本磁盘上。未完成的上传可能会保留到下一次垃圾回收。</translation>
    </message>
    <message>
        <source>Fetch cancelled: the packs already downloaded are on this disk, the others are still read from the bucket.</source>
        <translation>取回已取消：已下载的包文件在本磁盘上，其余仍从存储桶读取。</translation>
    </message>
    <message>
        <source>Detach cancelled: the bucket is still attached; the packs already downloaded are on this disk.</source>
        <translation>分离已取消：存储桶仍处于连接状态；已下载的包文件在本磁盘上。</translation>
    </message>
    <message>
        <source>Cannot Offload Packs</source>
        <translation>无法卸载包文件</translation>
    </message>
    <message>
        <source>Cannot Fetch Packs</source>
        <translation>无法取回包文件</translation>
    </message>
    <message>
        <source>Cannot Detach Bucket</source>
        <translation>无法分离存储桶</translation>
    </message>
    <message>
        <source>The object store refused the credentials. HubVault reads them from the variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY it was started with, or from ~/.aws/credentials.</source>
        <translation>对象存储拒绝了凭据。HubVault 从其启动时的环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY 或 ~/.aws/credentials 中读取凭据。</translation>
    </message>
    <message>
        <source>The object store could not be reached: check the endpoint and the network. No pack was deleted from this disk without a checked copy in the bucket.</source>
        <translation>无法连接对象存储：请检查端点和网络。在存储桶中的副本通过检查之前，不会从本磁盘删除任何包文件。</translation>
    </message>
    <message>
        <source>The object store answered something HubVault does not understand: is the endpoint an S3 API?</source>
        <translation>对象存储返回了 HubVault 无法理解的内容：该端点是 S3 API 吗？</translation>
    </message>
    <message>
        <source>A pack is damaged or missing. Repository › Full Verify lists the files it affects.</source>
        <translation>有包文件损坏或缺失。仓库 › 完整校验 会列出受影响的文件。</translation>
    </message>
    <message>
        <source>AWS_* variables, else ~/.aws/credentials</source>
        <translation>AWS_* 环境变量，否则 ~/.aws/credentials</translation>
    </message>
</context>
<context>
    <name>hubvault::app::OpenRemoteDialog</name>
    <message>
        <source>Open Remote Repository</source>
        <translation>打开远程仓库</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>令牌(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Remember the token in the desktop&apos;s keyring</source>
        <translation>在桌面密钥环中记住令牌(&amp;R)</translation>
    </message>
    <message>
        <source>The server&apos;s read-only or read-write token. Remembered, it is kept in the desktop&apos;s secret store (GNOME Keyring, KWallet), never in HubVault&apos;s settings; otherwise only until HubVault quits.</source>
        <translation>服务器的只读或读写令牌。记住时保存在桌面的密钥存储（GNOME 密钥环、KWallet）中，从不写入 HubVault 的设置；否则仅保留到 HubVault 退出。</translation>
    </message>
</context>
<context>
    <name>hubvault::app::OverviewPage</name>
    <message>
        <source>Commits</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>分支</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Logical size</source>
        <translation>逻辑大小</translation>
    </message>
    <message>
        <source>Sum of the sizes of the files at this revision</source>
        <translation>此修订版本中所有文件大小的总和</translation>
    </message>
    <message>
        <source>Stored size</source>
        <translation>存储大小</translation>
    </message>
    <message>
        <source>Bytes the whole repository takes on disk (all history, metadata and caches); the second figure is what refs can still reach</source>
        <translation>整个仓库在磁盘上占用的字节数（包括全部历史、元数据和缓存）；第二个数字是引用仍可到达的部分</translation>
    </message>
    <message>
        <source>This revision has no README at its root.</source>
        <translation>此修订版本的根目录中没有 README。</translation>
    </message>
    <message>
        <source>Cannot Show Overview</source>
        <translation>无法显示概览</translation>
    </message>
    <message>
        <source>No repository open</source>
        <translation>未打开仓库</translation>
    </message>
    <message>
        <source>%1 · %2 · no commits</source>
        <translation>%1 · %2 · 无提交</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>%1 · %2 reachable</source>
        <translation>%1 · 可达 %2</translation>
    </message>
</context>
<context>
    <name>hubvault::app::PreviewPane</name>
    <message>
        <source>Select a file to preview it.</source>
        <translation>选择一个文件进行预览。</translation>
    </message>
    <message>
        <source>Loading preview…</source>
        <translation>正在加载预览…</translation>
    </message>
    <message>
        <source>No preview: %1</source>
        <translation>无预览：%1</translation>
    </message>
    <message>
        <source>Nothing to preview.</source>
        <translation>没有可预览的内容。</translation>
    </message>
    <message>
        <source>chunked</source>
        <translation>分块</translation>
    </message>
    <message>
        <source>whole</source>
        <translation>整体</translation>
    </message>
</context>
<context>
    <name>hubvault::app::RefWorkflow</name>
    <message>
        <source>New &amp;Branch…</source>
        <translation>新建分支(&amp;B)…</translation>
    </message>
    <message>
        <source>Create a branch at the selected commit</source>
        <translation>在所选提交处创建分支</translation>
    </message>
    <message>
        <source>New &amp;Tag…</source>
        <translation>新建标签(&amp;T)…</translation>
    </message>
    <message>
        <source>Tag the selected commit</source>
        <translation>为所选提交打标签</translation>
    </message>
    <message>
        <source>&amp;Reset Current Branch to Selected Commit…</source>
        <translation>将当前分支重置到所选提交(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete Branch or Tag…</source>
        <translation>删除分支或标签(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the branch or tag selected in the refs panel</source>
        <translation>删除在引用面板中选中的分支或标签</translation>
    </message>
    <message>
        <source>Create Bra&amp;nch Here…</source>
        <translation>在此处创建分支(&amp;N)…</translation>
    </message>
    <message>
        <source>Create &amp;Tag Here…</source>
        <translation>在此处创建标签(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Reset Branch “%1” to This Commit…</source>
        <translation>将分支“%1”重置到此提交(&amp;R)…</translation>
    </message>
    <message>
        <source>Create Branch from “%1”…</source>
        <translation>从“%1”创建分支…</translation>
    </message>
    <message>
        <source>Create Tag at “%1”…</source>
        <translation>在“%1”处创建标签…</translation>
    </message>
    <message>
        <source>Reset “%1” to Selected Commit %2…</source>
        <translation>将“%1”重置到所选提交 %2…</translation>
    </message>
    <message>
        <source>&amp;Delete Branch “%1”…</source>
        <translation>删除分支“%1”(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Delete Tag “%1”…</source>
        <translation>删除标签“%1”(&amp;D)…</translation>
    </message>
    <message>
        <source>The default branch cannot be deleted.</source>
        <translation>不能删除默认分支。</translation>
    </message>
    <message>
        <source>Cannot Create Tag</source>
        <translation>无法创建标签</translation>
    </message>
    <message>
        <source>Cannot Create Branch</source>
        <translation>无法创建分支</translation>
    </message>
    <message>
        <source>Created tag %1.</source>
        <translation>已创建标签 %1。</translation>
    </message>
    <message>
        <source>Created branch %1.</source>
        <translation>已创建分支 %1。</translation>
    </message>
    <message>
        <source>Cannot Reset Branch</source>
        <translation>无法重置分支</translation>
    </message>
    <message>
        <source>Branch %1 now points at %2.</source>
        <translation>分支 %1 现在指向 %2。</translation>
    </message>
    <message>
        <source>Delete Branch</source>
        <translation>删除分支</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>Delete branch “%1”?</source>
        <translation>删除分支“%1”？</translation>
    </message>
    <message>
        <source>Delete tag “%1”?</source>
        <translation>删除标签“%1”？</translation>
    </message>
    <message>
        <source>It has no commits.</source>
        <translation>它没有任何提交。</translation>
    </message>
    <message>
        <source>It points at %1. Commits that no other branch or tag reaches become unreachable and are removed by the next garbage collection; the reflog keeps a record.</source>
        <translation>它指向 %1。其他分支或标签都无法到达的提交将变为不可达，并在下次垃圾回收时被移除；引用日志会保留记录。</translation>
    </message>
    <message>
        <source>Cannot Delete Branch</source>
        <translation>无法删除分支</translation>
    </message>
    <message>
        <source>Cannot Delete Tag</source>
        <translation>无法删除标签</translation>
    </message>
    <message>
        <source>Deleted branch %1.</source>
        <translation>已删除分支 %1。</translation>
    </message>
    <message>
        <source>Deleted tag %1.</source>
        <translation>已删除标签 %1。</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ReflogModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No commit before this entry</source>
        <translation>此条目之前没有提交</translation>
    </message>
    <message>
        <source>No commit after this entry</source>
        <translation>此条目之后没有提交</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原提交</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新提交</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ReflogView</name>
    <message>
        <source>Double-click an entry to show the commit the ref moved to</source>
        <translation>双击条目可显示该引用移动到的提交</translation>
    </message>
    <message>
        <source>Reflog</source>
        <translation>引用日志</translation>
    </message>
    <message>
        <source>Select a branch or tag to see how it moved.</source>
        <translation>选择一个分支或标签以查看其移动记录。</translation>
    </message>
    <message>
        <source>Reflog of &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 的引用日志</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>This ref has no reflog entries.</source>
        <translation>此引用没有引用日志条目。</translation>
    </message>
    <message>
        <source>Cannot read the reflog: %1</source>
        <translation>无法读取引用日志：%1</translation>
    </message>
    <message>
        <source>Showing the newest %1 entries.</source>
        <translation>显示最新的 %1 个条目。</translation>
    </message>
</context>
<context>
    <name>hubvault::app::RefsModel</name>
    <message>
        <source>Branches (%1)</source>
        <translation>分支（%1）</translation>
    </message>
    <message>
        <source>Tags (%1)</source>
        <translation>标签（%1）</translation>
    </message>
    <message>
        <source>Branches: select one to show its commit and files</source>
        <translation>分支：选择其一可显示其提交和文件</translation>
    </message>
    <message>
        <source>Tags: select one to show its commit and files</source>
        <translation>标签：选择其一可显示其提交和文件</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>No commits yet</source>
        <translation>尚无提交</translation>
    </message>
    <message>
        <source>Commit %1</source>
        <translation>提交 %1</translation>
    </message>
    <message>
        <source>Default branch</source>
        <translation>默认分支</translation>
    </message>
    <message>
        <source>Ref</source>
        <translation>引用</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ResetBranchDialog</name>
    <message>
        <source>Reset Branch “%1”</source>
        <translation>重置分支“%1”</translation>
    </message>
    <message>
        <source> “%1”</source>
        <translation> “%1”</translation>
    </message>
    <message>
        <source>Move branch &lt;b&gt;%1&lt;/b&gt; to commit %2: the branch then shows that commit&apos;s files and history. Nothing is deleted now, and the reflog records the old head.</source>
        <translation>将分支 &lt;b&gt;%1&lt;/b&gt; 移动到提交 %2：之后该分支将显示该提交的文件和历史。现在不会删除任何内容，引用日志会记录旧的头提交。</translation>
    </message>
    <message>
        <source>Finding the commits that would become unreachable…</source>
        <translation>正在查找将变为不可达的提交…</translation>
    </message>
    <message>
        <source>&amp;Reset Branch</source>
        <translation>重置分支(&amp;R)</translation>
    </message>
    <message>
        <source>Branch &lt;b&gt;%1&lt;/b&gt; is already at this commit; there is nothing to reset.</source>
        <translation>分支 &lt;b&gt;%1&lt;/b&gt; 已经位于此提交；无需重置。</translation>
    </message>
    <message>
        <source>No commit becomes unreachable: every commit of the old head (%1) stays reachable from the target or from another branch or tag.</source>
        <translation>没有提交会变为不可达：旧头提交（%1）的所有提交仍可从目标或其他分支、标签到达。</translation>
    </message>
    <message>
        <source>&lt;b&gt;1 commit will become unreachable&lt;/b&gt;: no branch or tag will lead to it any more, and the next garbage collection deletes it and the files only it holds.</source>
        <translation>&lt;b&gt;1 个提交将变为不可达&lt;/b&gt;：不再有任何分支或标签指向它，下次垃圾回收将删除它以及仅由它持有的文件。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 commits will become unreachable&lt;/b&gt;: no branch or tag will lead to them any more, and the next garbage collection deletes them and the files only they hold.</source>
        <translation>&lt;b&gt;%1 个提交将变为不可达&lt;/b&gt;：不再有任何分支或标签指向它们，下次垃圾回收将删除它们以及仅由它们持有的文件。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… 以及另外 %n 个</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hubvault::app::SafetensorsPreview</name>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Dtype</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>元素数</translation>
    </message>
    <message>
        <source>Bytes</source>
        <translation>字节数</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>Metadata key</source>
        <translation>元数据键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>overflow</source>
        <translation>溢出</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;1 tensor&lt;/b&gt;</source>
        <translation>&lt;b&gt;1 个张量&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 tensors&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 个张量&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 个参数</translation>
    </message>
    <message>
        <source>too many</source>
        <translation>过多</translation>
    </message>
    <message>
        <source>%1 of tensor data</source>
        <translation>张量数据 %1</translation>
    </message>
    <message>
        <source>header %1</source>
        <translation>文件头 %1</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ShareDialog</name>
    <message>
        <source>Share on Network</source>
        <translation>在网络上共享</translation>
    </message>
    <message>
        <source>This computer only</source>
        <translation>仅本机</translation>
    </message>
    <message>
        <source>Other computers on the network</source>
        <translation>网络上的其他计算机</translation>
    </message>
    <message>
        <source>&amp;Reachable from:</source>
        <translation>可访问范围(&amp;R)：</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>任意空闲端口</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Allow &amp;uploads, branches, merges and maintenance (a read-write token)</source>
        <translation>允许上传、分支、合并和维护(&amp;U)（读写令牌）</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>复制到剪贴板</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL：</translation>
    </message>
    <message>
        <source>Read-only token:</source>
        <translation>只读令牌：</translation>
    </message>
    <message>
        <source>Read-write token:</source>
        <translation>读写令牌：</translation>
    </message>
    <message>
        <source>&amp;Start Sharing</source>
        <translation>开始共享(&amp;S)</translation>
    </message>
    <message>
        <source>Cannot share: %1</source>
        <translation>无法共享：%1</translation>
    </message>
    <message>
        <source>&amp;Stop Sharing</source>
        <translation>停止共享(&amp;S)</translation>
    </message>
    <message>
        <source>Sharing. Anyone with the URL and a token can reach this repository until you stop sharing or close the window.</source>
        <translation>正在共享。在您停止共享或关闭窗口之前，任何拥有该 URL 和令牌的人都可以访问此仓库。</translation>
    </message>
    <message>
        <source>Not shared. Starting generates new tokens.</source>
        <translation>未共享。开始共享时会生成新的令牌。</translation>
    </message>
    <message>
        <source>From another machine: hubvault -C %1 --token %2 log</source>
        <translation>在另一台机器上：hubvault -C %1 --token %2 log</translation>
    </message>
</context>
<context>
    <name>hubvault::app::ShareWorkflow</name>
    <message>
        <source>Share on &amp;Network…</source>
        <translation>在网络上共享(&amp;N)…</translation>
    </message>
    <message>
        <source>Serve this repository over HTTP to other machines, with tokens</source>
        <translation>通过 HTTP 将此仓库提供给其他机器，需令牌访问</translation>
    </message>
</context>
<context>
    <name>hubvault::app::SquashDialog</name>
    <message>
        <source>Squash History</source>
        <translation>压缩历史</translation>
    </message>
    <message>
        <source>&amp;Branch:</source>
        <translation>分支(&amp;B)：</translation>
    </message>
    <message>
        <source>Keep history from this commit (it becomes the branch&apos;s first commit):</source>
        <translation>从此提交开始保留历史（它将成为该分支的第一个提交）：</translation>
    </message>
    <message>
        <source>Commit</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>New root &amp;message:</source>
        <translation>新根提交的说明(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Run garbage collection afterwards (deletes the data only the dropped history used)</source>
        <translation>完成后运行垃圾回收（删除仅被丢弃的历史使用的数据）</translation>
    </message>
    <message>
        <source>Commits older than the chosen one drop out of this branch&apos;s history. They become unreachable unless another branch or tag still leads to them, and garbage collection then deletes their data for good. This cannot be undone.</source>
        <translation>早于所选提交的提交将从该分支的历史中移除。除非仍有其他分支或标签指向它们，否则它们将变为不可达，之后垃圾回收会永久删除其数据。此操作无法撤消。</translation>
    </message>
    <message>
        <source>&amp;Squash</source>
        <translation>压缩(&amp;S)</translation>
    </message>
    <message>
        <source>Garbage collection: repacking %v of %m objects</source>
        <translation>垃圾回收：正在重新打包对象 %v / %m</translation>
    </message>
    <message>
        <source>Cancelled. If the history was already rewritten, the branch shows it; garbage collection can be run again from the Repository menu.</source>
        <translation>已取消。如果历史已被重写，分支会显示重写后的历史；可以从“仓库”菜单再次运行垃圾回收。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Squash failed:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;压缩历史失败：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Reading the history of %1…</source>
        <translation>正在读取 %1 的历史…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Cannot read the history:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法读取历史：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>This is already the first commit of %1: squashing from it only rewrites the message.</source>
        <translation>这已经是 %1 的第一个提交：从它开始压缩只会重写提交说明。</translation>
    </message>
    <message numerus="yes">
        <source>%n commit(s) of the branch will be kept and rewritten; %1 older first-parent commit(s) (and what was merged into them) drop out of its history.</source>
        <translation>
            <numerusform>该分支将保留并重写 %n 个提交；%1 个更早的第一父提交（以及合并到其中的内容）将从其历史中移除。</numerusform>
        </translation>
    </message>
    <message>
        <source>at least %1</source>
        <translation>至少 %1</translation>
    </message>
    <message>
        <source>Rewriting history…</source>
        <translation>正在重写历史…</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Done:&lt;/b&gt; rewrote %n commit(s)</source>
        <translation>
            <numerusform>&lt;b&gt;完成：&lt;/b&gt;重写了 %n 个提交</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n older commit(s) dropped from the branch</source>
        <translation>
            <numerusform>；%n 个较早的提交已从该分支移除</numerusform>
        </translation>
    </message>
    <message>
        <source>; new head %1.</source>
        <translation>；新的头提交为 %1。</translation>
    </message>
    <message>
        <source>Garbage collection freed %1.</source>
        <translation>垃圾回收释放了 %1。</translation>
    </message>
    <message>
        <source>Still reachable through: %1 (their history keeps the old commits alive).</source>
        <translation>仍可通过以下引用到达：%1（它们的历史使旧提交继续保留）。</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>hubvault::app::StorageChart</name>
    <message>
        <source>Storage by section</source>
        <translation>按区域划分的存储</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>已存储</translation>
    </message>
    <message>
        <source>reclaimable</source>
        <translation>可回收</translation>
    </message>
    <message>
        <source>%1 (%2)
%3 · files: %4 · reclaimable: %5
%6</source>
        <translation>%1（%2）
%3 · 文件：%4 · 可回收：%5
%6</translation>
    </message>
</context>
<context>
    <name>hubvault::app::StoragePage</name>
    <message>
        <source>On disk:</source>
        <translation>磁盘占用：</translation>
    </message>
    <message>
        <source>Bytes the repository directory takes on disk</source>
        <translation>仓库目录在磁盘上占用的字节数</translation>
    </message>
    <message>
        <source>Reachable:</source>
        <translation>可达：</translation>
    </message>
    <message>
        <source>Metadata plus the objects and chunks that branches and tags can still reach</source>
        <translation>元数据，加上分支和标签仍可到达的对象和分块</translation>
    </message>
    <message>
        <source>Kept for history:</source>
        <translation>为历史保留：</translation>
    </message>
    <message>
        <source>Reachable only through older commits; squashing history and then gc frees it</source>
        <translation>仅能通过较早的提交到达；压缩历史后再运行 GC 即可释放</translation>
    </message>
    <message>
        <source>Dedup ratio:</source>
        <translation>去重比：</translation>
    </message>
    <message>
        <source>Reclaimable by gc:</source>
        <translation>GC 可回收：</translation>
    </message>
    <message>
        <source>Unreachable objects and stale chunk storage</source>
        <translation>不可达对象和陈旧的分块存储</translation>
    </message>
    <message>
        <source>Reclaimable cache:</source>
        <translation>可回收缓存：</translation>
    </message>
    <message>
        <source>Managed detached views under cache/, rebuilt on demand</source>
        <translation>cache/ 下受管理的独立文件视图，可按需重建</translation>
    </message>
    <message>
        <source>Reclaimable temporary:</source>
        <translation>可回收临时文件：</translation>
    </message>
    <message>
        <source>Quarantined files awaiting deletion</source>
        <translation>等待删除的隔离文件</translation>
    </message>
    <message>
        <source>Reclaimable in total:</source>
        <translation>可回收总计：</translation>
    </message>
    <message>
        <source>gc + cache + temporary</source>
        <translation>GC + 缓存 + 临时文件</translation>
    </message>
    <message>
        <source>Storage sections</source>
        <translation>存储区域</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Cannot Show Storage</source>
        <translation>无法显示存储</translation>
    </message>
    <message>
        <source>The default branch “%1” has no commits, so there is no dedup ratio.</source>
        <translation>默认分支“%1”没有提交，因此没有去重比。</translation>
    </message>
    <message>
        <source>Dedup ratio = logical size of the files at the head of “%1” (%2 files, %3) ÷ file content stored on disk (%4: whole-file blobs %5 + chunk packs %6), which holds every version still kept, not only the head. Above 1× means identical files and chunks are stored once; below 1× means older versions or data awaiting gc take more room than the head. Metadata is not counted.</source>
        <translation>去重比 =“%1”头提交中文件的逻辑大小（%2 个文件，%3）÷ 磁盘上存储的文件内容（%4：整文件 blob %5 + 分块包文件 %6），后者包含仍保留的所有版本，而不仅是头提交。高于 1× 表示相同的文件和分块只存储了一次；低于 1× 表示旧版本或等待 GC 的数据占用的空间比头提交更多。元数据不计入其中。</translation>
    </message>
    <message>
        <source>No recommendations: nothing to reclaim.</source>
        <translation>无建议：没有可回收的空间。</translation>
    </message>
    <message>
        <source>Recommendations</source>
        <translation>建议</translation>
    </message>
</context>
<context>
    <name>hubvault::app::StorageSectionsModel</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>Needed by the repository; never reclaimed.</source>
        <translation>仓库所需；永不回收。</translation>
    </message>
    <message>
        <source>Reclaimed by garbage collection (gc).</source>
        <translation>由垃圾回收 (GC) 回收。</translation>
    </message>
    <message>
        <source>Reclaimed by gc with cache pruning; views are rebuilt on demand.</source>
        <translation>由启用缓存清理的 GC 回收；视图会按需重建。</translation>
    </message>
    <message>
        <source>Inspect before removing anything by hand.</source>
        <translation>手动删除任何内容前请先检查。</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>Reclaimable</source>
        <translation>可回收</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>hubvault::app::UploadQueue</name>
    <message>
        <source>Queued</source>
        <translation>已排队</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>正在上传</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1
from %2</source>
        <translation>%1
来自 %2</translation>
    </message>
    <message>
        <source>Repository Path</source>
        <translation>仓库路径</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>hubvault::app::UploadQueueDock</name>
    <message>
        <source>Upload Queue</source>
        <translation>上传队列</translation>
    </message>
    <message>
        <source>&amp;Commit…</source>
        <translation>提交(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Clear &amp;Finished</source>
        <translation>清除已完成项(&amp;F)</translation>
    </message>
    <message>
        <source>Publish the queued changes as one commit</source>
        <translation>将队列中的更改作为一个提交发布</translation>
    </message>
    <message>
        <source>Take the selected entries out of the queue</source>
        <translation>将所选条目从队列中移除</translation>
    </message>
</context>
<context>
    <name>hubvault::app::UploadWorkflow</name>
    <message>
        <source>(no commit)</source>
        <translation>（无提交）</translation>
    </message>
    <message>
        <source>&amp;Upload Files…</source>
        <translation>上传文件(&amp;U)…</translation>
    </message>
    <message>
        <source>Queue local files for upload into the current folder</source>
        <translation>将本地文件加入队列，上传到当前文件夹</translation>
    </message>
    <message>
        <source>Upload F&amp;older…</source>
        <translation>上传文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Queue a local folder and everything in it for upload</source>
        <translation>将本地文件夹及其全部内容加入上传队列</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Queue the selected file or folder for deletion in the next commit</source>
        <translation>将所选文件或文件夹加入队列，在下次提交中删除</translation>
    </message>
    <message>
        <source>&amp;Commit Queued Changes…</source>
        <translation>提交队列中的更改(&amp;C)…</translation>
    </message>
    <message>
        <source>Upload &amp;Queue</source>
        <translation>上传队列(&amp;Q)</translation>
    </message>
    <message>
        <source>Cannot Queue Files</source>
        <translation>无法将文件加入队列</translation>
    </message>
    <message>
        <source>Nothing to upload: %1 holds no files.</source>
        <translation>没有可上传的内容：%1 中没有文件。</translation>
    </message>
    <message>
        <source>1 change queued</source>
        <translation>已将 1 项更改加入队列</translation>
    </message>
    <message>
        <source>%1 changes queued</source>
        <translation>已将 %1 项更改加入队列</translation>
    </message>
    <message>
        <source>; publish with Repository ▸ Commit Queued Changes (Ctrl+K).</source>
        <translation>；可通过“仓库 ▸ 提交队列中的更改”(Ctrl+K) 发布。</translation>
    </message>
    <message>
        <source>&amp;Upload Files Here…</source>
        <translation>上传文件到此处(&amp;U)…</translation>
    </message>
    <message>
        <source>Upload Files</source>
        <translation>上传文件</translation>
    </message>
    <message>
        <source>De&amp;lete Folder</source>
        <translation>删除文件夹(&amp;L)</translation>
    </message>
    <message>
        <source>De&amp;lete File</source>
        <translation>删除文件(&amp;L)</translation>
    </message>
    <message>
        <source>Upload Folder</source>
        <translation>上传文件夹</translation>
    </message>
    <message>
        <source>1 new commit arrived: %1%2.</source>
        <translation>有 1 个新提交：%1%2。</translation>
    </message>
    <message>
        <source>%1 new commits arrived: %2%3.</source>
        <translation>有 %1 个新提交：%2%3。</translation>
    </message>
    <message>
        <source> and more</source>
        <translation> 等</translation>
    </message>
    <message>
        <source>The new head does not contain the old one: the branch was reset or rewritten.</source>
        <translation>新的头提交不包含旧的头提交：该分支已被重置或重写。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Branch “%1” moved since the queue was built.&lt;/b&gt; It was at %2 and is now at %3. %4&lt;br&gt;Publishing is held back so that your changes do not silently land on top of commits you have not seen. Look at the branch in History, then choose &lt;i&gt;Publish on the New Head&lt;/i&gt;, or pick another branch.</source>
        <translation>&lt;b&gt;自建立队列以来，分支“%1”已经移动。&lt;/b&gt;它原先位于 %2，现在位于 %3。%4&lt;br&gt;发布已暂缓，以免您的更改在不知情的情况下落在您尚未看过的提交之上。请在“历史”中查看该分支，然后选择&lt;i&gt;在新的头提交上发布&lt;/i&gt;，或选择其他分支。</translation>
    </message>
    <message>
        <source>Published commit %1 on %2.</source>
        <translation>已在 %2 上发布提交 %1。</translation>
    </message>
    <message>
        <source>Stopped. Nothing was committed: the repository is exactly as it was.</source>
        <translation>已停止。未提交任何内容：仓库保持原样。</translation>
    </message>
    <message>
        <source>Nothing was committed.</source>
        <translation>未提交任何内容。</translation>
    </message>
    <message>
        <source>Cannot Publish Changes</source>
        <translation>无法发布更改</translation>
    </message>
</context>
<context>
    <name>hubvault::app::VerifyDialog</name>
    <message>
        <source>Full Verify</source>
        <translation>完整校验</translation>
    </message>
    <message>
        <source>Quick Verify</source>
        <translation>快速校验</translation>
    </message>
    <message>
        <source>Checks every ref, commit, tree and file record, and re-reads every stored object and chunk to compare it with its hash. This reads the whole repository.</source>
        <translation>检查每个引用、提交、树和文件记录，并重新读取每个已存储的对象和分块，与其哈希值比对。这会读取整个仓库。</translation>
    </message>
    <message>
        <source>Checks that every ref, commit, tree and file record is present and consistent, without re-reading stored contents. Use Full Verify to check the bytes too.</source>
        <translation>检查每个引用、提交、树和文件记录是否存在且一致，但不重新读取已存储的内容。如需同时检查字节内容，请使用“完整校验”。</translation>
    </message>
    <message>
        <source>Verify &amp;Again</source>
        <translation>重新校验(&amp;A)</translation>
    </message>
    <message>
        <source>%1 checked</source>
        <translation>已检查 %1</translation>
    </message>
    <message>
        <source>Cancelled before the end: nothing can be said about the repository yet.</source>
        <translation>在完成前已取消：目前还无法判断仓库的状态。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Could not verify:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;无法校验：&lt;/b&gt;%1</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;OK:&lt;/b&gt; no problems found in %n ref(s).</source>
        <translation>
            <numerusform>&lt;b&gt;正常：&lt;/b&gt;在 %n 个引用中未发现问题。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;OK with %n warning(s)&lt;/b&gt; (see below).</source>
        <translation>
            <numerusform>&lt;b&gt;正常，但有 %n 个警告&lt;/b&gt;（见下文）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Problems found:&lt;/b&gt; %n error(s); see below. Errors mean stored data is missing or damaged; restore the repository from a backup copy.</source>
        <translation>
            <numerusform>&lt;b&gt;发现问题：&lt;/b&gt;%n 个错误，见下文。错误表示已存储的数据缺失或损坏；请从备份副本恢复仓库。</numerusform>
        </translation>
    </message>
    <message>
        <source>Errors (%1)</source>
        <translation>错误（%1）</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>警告（%1）</translation>
    </message>
    <message>
        <source>Checked refs (%1)</source>
        <translation>已检查的引用（%1）</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
</context>
<context>
    <name>hubvault::app::background</name>
    <message>
        <source>An unknown error occurred.</source>
        <translation>发生未知错误。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>hubvault-gui: cannot write %1</source>
        <translation>hubvault-gui：无法写入 %1</translation>
    </message>
    <message>
        <source>Browse HubVault repositories: history, branches, tags, files and storage.</source>
        <translation>浏览 HubVault 仓库：历史、分支、标签、文件和存储。</translation>
    </message>
    <message>
        <source>Repository directory to open.</source>
        <translation>要打开的仓库目录。</translation>
    </message>
    <message>
        <source>Save a PNG of the window once loaded to &lt;file&gt;, then exit.</source>
        <translation>加载完成后将窗口截图以 PNG 格式保存到 &lt;file&gt;，然后退出。</translation>
    </message>
    <message>
        <source>Start on tab &lt;name&gt;: overview, history, files or storage.</source>
        <translation>启动时显示标签页 &lt;name&gt;：overview、history、files 或 storage。</translation>
    </message>
    <message>
        <source>With --screenshot: open dialog &lt;name&gt; once loaded and save it instead of the window (&quot;list&quot; prints the names).</source>
        <translation>与 --screenshot 一起使用：加载完成后打开对话框 &lt;name&gt; 并保存其截图，而不是窗口截图（&quot;list&quot; 会列出可用名称）。</translation>
    </message>
    <message>
        <source>hubvault-gui: unknown tab “%1”; use overview, history, files or storage</source>
        <translation>hubvault-gui：未知标签页“%1”；请使用 overview、history、files 或 storage</translation>
    </message>
    <message>
        <source>hubvault-gui: unknown dialog “%1”; --dialog list prints the names</source>
        <translation>hubvault-gui：未知对话框“%1”；--dialog list 会列出可用名称</translation>
    </message>
    <message>
        <source>hubvault-gui: timed out loading</source>
        <translation>hubvault-gui：加载超时</translation>
    </message>
    <message>
        <source>Displays version information.</source>
        <translation>显示版本信息。</translation>
    </message>
</context>
</TS>
