<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AblationHeatMap</name>
    <message>
        <source>collapsed (%1 of %2)</source>
        <translation>坍缩（%2 个中 %1 个）</translation>
    </message>
    <message>
        <source>Recall@1 on the held-out classes, mean ± sd over the seeds</source>
        <translation>留出类别上的 Recall@1，各种子的均值 ± 标准差</translation>
    </message>
    <message>
        <source>Recall@1</source>
        <translation>Recall@1</translation>
    </message>
    <message>
        <source>hatched: some seeds ended collapsed</source>
        <translation>斜线：部分种子最终坍缩</translation>
    </message>
</context>
<context>
    <name>AblationWindow</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export table…</source>
        <translation>导出表格…</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>导出图形…</translation>
    </message>
    <message>
        <source>Ablation grid — Sampling Matters Explorer</source>
        <translation>消融网格 — Sampling Matters Explorer</translation>
    </message>
    <message>
        <source>Training steps of every run</source>
        <translation>每次运行的训练步数</translation>
    </message>
    <message>
        <source>Runs per cell, each with its own seed; a cell shows their mean ± sd</source>
        <translation>每个单元格的运行次数，各用自己的随机种子；单元格显示其均值 ± 标准差</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数：</translation>
    </message>
    <message>
        <source>Seeds:</source>
        <translation>种子数：</translation>
    </message>
    <message>
        <source>%1 runs to go</source>
        <translation>共 %1 次运行待完成</translation>
    </message>
    <message>
        <source>%1 of %2 runs done</source>
        <translation>已完成 %1/%2 次运行</translation>
    </message>
    <message>
        <source>Cancelled: %1 of %2 cells finished</source>
        <translation>已取消：%2 个单元格中完成了 %1 个</translation>
    </message>
    <message>
        <source>Done: every cell finished</source>
        <translation>完成：所有单元格均已完成</translation>
    </message>
    <message>
        <source>Some runs diverged; their cells hold the restored weights&apos; metrics.</source>
        <translation>部分运行发散；其单元格显示恢复后权重的指标。</translation>
    </message>
    <message>
        <source>The grid stopped: %1</source>
        <translation>网格已停止：%1</translation>
    </message>
    <message>
        <source>Cannot load the data: %1</source>
        <translation>无法加载数据：%1</translation>
    </message>
    <message>
        <source>%1: choose a file ending in .csv, .md or .tex</source>
        <translation>%1：请选择以 .csv、.md 或 .tex 结尾的文件</translation>
    </message>
    <message>
        <source>Export the table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Markdown (*.md);;LaTeX, booktabs (*.tex)</source>
        <translation>CSV (*.csv);;Markdown (*.md);;LaTeX，booktabs (*.tex)</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Export the heat map</source>
        <translation>导出热图</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <source>Every sampler × loss on %1 (%2 training and %3 held-out examples), the model and batch as in the main window, each loss at its default margin α.</source>
        <translation>在 %1 上的每种采样器 × 损失（%2 个训练样本和 %3 个保留样本），模型和批次与主窗口相同，每种损失使用其默认间隔 α。</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>Geometry</source>
        <translation>几何</translation>
    </message>
    <message>
        <source>Embedding dimension n on a logarithmic scale, 2 to 4096.</source>
        <translation>嵌入维数 n，对数刻度，从 2 到 4096。</translation>
    </message>
    <message>
        <source>Dimension n</source>
        <translation>维数 n</translation>
    </message>
    <message>
        <source>Noise level σ of the embeddings: the gradient direction of a negative at distance d is (h + z)/||h + z||, z ~ N(0, σ² I).</source>
        <translation>嵌入的噪声水平 σ：距离为 d 的负样本的梯度方向为 (h + z)/||h + z||，z ~ N(0, σ² I)。</translation>
    </message>
    <message>
        <source>Noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <source>Uniform random points whose pairwise distances make the density histogram (0 hides it).</source>
        <translation>均匀分布的随机点数，由它们两两之间的距离构成密度直方图（0 则隐藏直方图）。</translation>
    </message>
    <message>
        <source>Monte Carlo points</source>
        <translation>蒙特卡洛点数</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>采样</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>Hard negative</source>
        <translation>困难负样本</translation>
    </message>
    <message>
        <source>Semi-hard</source>
        <translation>半困难</translation>
    </message>
    <message>
        <source>Distance weighted</source>
        <translation>距离加权</translation>
    </message>
    <message>
        <source>How each anchor&apos;s negative is chosen from the batch.</source>
        <translation>如何从批次中为每个锚点选取负样本。</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>采样器</translation>
    </message>
    <message>
        <source>λ: distance weighted sampling clips distances below this, capping the weight of very close, noisy pairs.</source>
        <translation>λ：距离加权采样把小于此值的距离截断为此值，从而限制距离很近、噪声大的样本对的权重。</translation>
    </message>
    <message>
        <source>Cutoff λ</source>
        <translation>截断 λ</translation>
    </message>
    <message>
        <source>Negatives at this distance or farther carry no loss and are never drawn (β + α of the margin loss).</source>
        <translation>距离达到或超过此值的负样本没有损失，永远不会被抽中（即间隔损失的 β + α）。</translation>
    </message>
    <message>
        <source>Non-zero-loss cutoff</source>
        <translation>非零损失截断</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>The loss the model trains with.</source>
        <translation>模型训练所用的损失。</translation>
    </message>
    <message>
        <source>α: the margin of separation.</source>
        <translation>α：正负样本之间的分离间隔。</translation>
    </message>
    <message>
        <source>Margin α</source>
        <translation>间隔 α</translation>
    </message>
    <message>
        <source>β₀: the initial boundary between positive and negative pairs of the margin loss.</source>
        <translation>β₀：间隔损失中正样本对与负样本对之间的初始边界。</translation>
    </message>
    <message>
        <source>Boundary β₀</source>
        <translation>边界 β₀</translation>
    </message>
    <message>
        <source>per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Learn a β offset for every class (resets the model).</source>
        <translation>为每个类别学习一个 β 偏移量（会重置模型）。</translation>
    </message>
    <message>
        <source>per image</source>
        <translation>按图像</translation>
    </message>
    <message>
        <source>Learn a β offset for every training image (resets the model).</source>
        <translation>为每张训练图像学习一个 β 偏移量（会重置模型）。</translation>
    </message>
    <message>
        <source>Learn β</source>
        <translation>学习 β</translation>
    </message>
    <message>
        <source>ν: weight of the β regulariser ν β in the objective.</source>
        <translation>ν：目标函数中 β 正则项 ν β 的权重。</translation>
    </message>
    <message>
        <source>Regulariser ν</source>
        <translation>正则项 ν</translation>
    </message>
    <message>
        <source>Data and model</source>
        <translation>数据与模型</translation>
    </message>
    <message>
        <source>Synthetic clusters</source>
        <translation>合成聚类</translation>
    </message>
    <message>
        <source>Handwritten digits</source>
        <translation>手写数字</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>打开文件…</translation>
    </message>
    <message>
        <source>What the model trains on; half the classes are held out for retrieval.</source>
        <translation>模型的训练数据；一半的类别被留出，用于检索。</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Synthetic data: how strongly nuisance variation shared by all classes hides them (0 = clean).</source>
        <translation>合成数据：所有类别共有的干扰变化在多大程度上掩盖类别（0 = 无干扰）。</translation>
    </message>
    <message>
        <source>Nuisance level</source>
        <translation>干扰强度</translation>
    </message>
    <message>
        <source>P: classes per batch.</source>
        <translation>P：每个批次的类别数。</translation>
    </message>
    <message>
        <source>K: examples per class in a batch.</source>
        <translation>K：批次中每个类别的样本数。</translation>
    </message>
    <message>
        <source>Batch P × K</source>
        <translation>批次 P × K</translation>
    </message>
    <message>
        <source>Hidden layer widths, comma separated (e.g. 256,256), or none.</source>
        <translation>各隐藏层的宽度，以逗号分隔（例如 256,256），或填 none 表示没有隐藏层。</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Adam&apos;s learning rate (applied at the next step).</source>
        <translation>Adam 的学习率（从下一步起生效）。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Seed of the weights, batches and sampling.</source>
        <translation>权重、批次和采样所用的随机种子。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Start or pause training (Space).</source>
        <translation>开始或暂停训练（空格键）。</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>One training step (N or Right).</source>
        <translation>训练一步（N 或右方向键）。</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back to step 0 with the seed&apos;s initial weights (R).</source>
        <translation>回到第 0 步，恢复该随机种子的初始权重（R）。</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>尽可能快</translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>1 步/秒</translation>
    </message>
    <message>
        <source>5 steps/s</source>
        <translation>5 步/秒</translation>
    </message>
    <message>
        <source>20 steps/s</source>
        <translation>20 步/秒</translation>
    </message>
    <message>
        <source>100 steps/s</source>
        <translation>100 步/秒</translation>
    </message>
    <message>
        <source>Training speed.</source>
        <translation>训练速度。</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Pause by itself after this many steps (0 = never).</source>
        <translation>训练到此步数后自动暂停（0 = 不暂停）。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>不暂停</translation>
    </message>
    <message>
        <source>Stop after</source>
        <translation>自动暂停步数</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Embedding dimension n: the embeddings live on the unit sphere S^(n-1). Distances concentrate near √2 as n grows.</source>
        <translation>嵌入维数 n：嵌入位于单位球面 S^(n-1) 上。随着 n 增大，距离集中在 √2 附近。</translation>
    </message>
    <message>
        <source>Share of training labels replaced by another class (0 = clean). Hard negative mining picks the mislabeled points first.</source>
        <translation>被替换为其他类别的训练标签所占比例（0 = 干净）。困难负样本挖掘会优先选中标错的点。</translation>
    </message>
    <message>
        <source>Label noise</source>
        <translation>标签噪声</translation>
    </message>
    <message>
        <source>Only the synthetic clusters have nuisance variation: it has no effect on this data set.</source>
        <translation>只有合成聚类数据有干扰变化：它对这个数据集没有作用。</translation>
    </message>
    <message>
        <source>Fashion-MNIST (60,000 images)</source>
        <translation>Fashion-MNIST（60,000 张图像）</translation>
    </message>
    <message>
        <source>Zalando&apos;s Fashion-MNIST: 60,000 clothing images of 28×28 pixels in 10 classes; T-shirt/top to Coat train, Sandal to Ankle boot are held out. Scores are taken on a sample of the held-out images.</source>
        <translation>Zalando 的 Fashion-MNIST：60,000 张 28×28 像素的服装图像，共 10 类；T 恤/上衣到外套用于训练，凉鞋到短靴留出用于检索。得分取自留出图像的一个样本。</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>不可用：%1</translation>
    </message>
</context>
<context>
    <name>DensityChartView</name>
    <message>
        <source>Pair distances on the sphere</source>
        <translation>球面上的点对距离</translation>
    </message>
    <message>
        <source>distance d</source>
        <translation>距离 d</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>density (log scale)</source>
        <translation>密度（对数刻度）</translation>
    </message>
    <message>
        <source>Monte Carlo histogram</source>
        <translation>蒙特卡洛直方图</translation>
    </message>
    <message>
        <source>exact q(d)</source>
        <translation>精确 q(d)</translation>
    </message>
    <message>
        <source>λ (cutoff)</source>
        <translation>λ（截断）</translation>
    </message>
    <message>
        <source>non-zero-loss cutoff</source>
        <translation>非零损失截断</translation>
    </message>
    <message>
        <source>Pair distances on the sphere, n = %1 (total variation to the Gaussian limit: %2)</source>
        <translation>球面上的点对距离，n = %1（与高斯极限的总变差距离：%2）</translation>
    </message>
    <message>
        <source>Gaussian limit N(√2, 1/(2n))</source>
        <translation>高斯极限 N(√2, 1/(2n))</translation>
    </message>
</context>
<context>
    <name>DistanceAxisZoom</name>
    <message>
        <source>Fit to data</source>
        <translation>适配数据</translation>
    </message>
    <message>
        <source>Full range 0–2</source>
        <translation>完整范围 0–2</translation>
    </message>
</context>
<context>
    <name>EmbeddingDistancesView</name>
    <message>
        <source>Pair distances of the embeddings</source>
        <translation>嵌入的点对距离</translation>
    </message>
    <message>
        <source>distance d (of the L2-normalised points)</source>
        <translation>距离 d（L2 归一化后的点）</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>q(d) of points uniform on the sphere</source>
        <translation>球面上均匀分布点的 q(d)</translation>
    </message>
    <message>
        <source>Gaussian limit N(√2, 1/(2n))</source>
        <translation>高斯极限 N(√2, 1/(2n))</translation>
    </message>
    <message>
        <source>all pairs</source>
        <translation>所有点对</translation>
    </message>
    <message>
        <source>same class</source>
        <translation>同类</translation>
    </message>
    <message>
        <source>different classes</source>
        <translation>不同类</translation>
    </message>
    <message>
        <source>, sampled</source>
        <translation>，抽样</translation>
    </message>
    <message>
        <source>all pairs (%L1%2)</source>
        <translation>所有点对（%L1%2）</translation>
    </message>
    <message>
        <source>same class (%L1 pairs%2; total variation to q(d): %3)</source>
        <translation>同类（%L1 对%2；与 q(d) 的总变差距离：%3）</translation>
    </message>
    <message>
        <source>different classes (%L1 pairs%2; total variation to q(d): %3)</source>
        <translation>不同类（%L1 对%2；与 q(d) 的总变差距离：%3）</translation>
    </message>
    <message>
        <source> (L2-normalised)</source>
        <translation>（L2 归一化）</translation>
    </message>
    <message>
        <source>Same-class and different-class pair distances of %L1 embeddings%2, n = %3, against q(d) of points uniform on the sphere</source>
        <translation>%L1 个嵌入%2的同类与不同类点对距离，n = %3，对照球面上均匀分布点的 q(d)</translation>
    </message>
    <message>
        <source>Pair distances of %L1 embeddings%2, n = %3, against q(d) of points uniform on the sphere (total variation: %4)</source>
        <translation>%L1 个嵌入%2的点对距离，n = %3，对照球面上均匀分布点的 q(d)（总变差距离：%4）</translation>
    </message>
</context>
<context>
    <name>EmbeddingMapView</name>
    <message>
        <source>Held-out embeddings</source>
        <translation>留出数据的嵌入</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>Held-out embeddings: %1</source>
        <translation>留出数据的嵌入：%1</translation>
    </message>
    <message>
        <source>Held-out embeddings: %1, %2 classes</source>
        <translation>留出数据的嵌入：%1，%2 个类别</translation>
    </message>
    <message>
        <source>the anchor&apos;s batch</source>
        <translation>锚点所在的批次</translation>
    </message>
    <message>
        <source>positives</source>
        <translation>正样本</translation>
    </message>
    <message>
        <source>%1 negative</source>
        <translation>%1采样的负样本</translation>
    </message>
    <message>
        <source>anchor</source>
        <translation>锚点</translation>
    </message>
    <message>
        <source>points on the circle (n = %1)</source>
        <translation>圆上的点（n = %1）</translation>
    </message>
    <message>
        <source>sphere seen along (1,1,1) (n = %1)</source>
        <translation>沿 (1,1,1) 方向看到的球面（n = %1）</translation>
    </message>
    <message>
        <source>PCA, %1% of variance (n = %2)</source>
        <translation>PCA，保留 %1% 的方差（n = %2）</translation>
    </message>
    <message>
        <source>no class highlighted</source>
        <translation>不突出显示任何类别</translation>
    </message>
    <message>
        <source>Highlight a class</source>
        <translation>突出显示一个类别</translation>
    </message>
    <message>
        <source>Show only the highlighted class</source>
        <translation>只显示突出显示的类别</translation>
    </message>
    <message>
        <source>principal component 1</source>
        <translation>第一主成分</translation>
    </message>
    <message>
        <source>principal component 2</source>
        <translation>第二主成分</translation>
    </message>
    <message>
        <source>; a sample of %L1 of the %L2</source>
        <translation>；%L2 个中的 %L1 个样本</translation>
    </message>
    <message>
        <source>; %1 highlighted</source>
        <translation>；突出显示 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2, %3 classes</source>
        <translation>%1：%2，%3 个类别</translation>
    </message>
</context>
<context>
    <name>EmbeddingsController</name>
    <message>
        <source>%1 with the new batches</source>
        <translation>%1（新的批次）</translation>
    </message>
</context>
<context>
    <name>EmbeddingsWindow</name>
    <message>
        <source>Analysing %1…</source>
        <translation>正在分析 %1…</translation>
    </message>
    <message>
        <source>Cannot analyse the embeddings with these batches: %1</source>
        <translation>无法用这些批次分析嵌入：%1</translation>
    </message>
    <message>
        <source>P: classes in each batch the samplers pick from</source>
        <translation>P：采样器从中挑选的每个批次所含的类别数</translation>
    </message>
    <message>
        <source>K: points of each class in a batch</source>
        <translation>K：批次中每个类别的点数</translation>
    </message>
    <message>
        <source>α: the margin loss&apos;s margin; a pick counts when its loss is not zero</source>
        <translation>α：margin 损失的间隔；损失不为零的挑选才计入</translation>
    </message>
    <message>
        <source>β: the margin loss&apos;s boundary between positives and negatives</source>
        <translation>β：margin 损失中正例与负例之间的边界</translation>
    </message>
    <message>
        <source>Batch: P</source>
        <translation>批次：P</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>β</source>
        <translation>β</translation>
    </message>
    <message>
        <source>%1 — your embeddings — Sampling Matters Explorer</source>
        <translation>%1 — 你的嵌入 — Sampling Matters Explorer</translation>
    </message>
    <message>
        <source>Your vectors are on the unit sphere already (mean norm %1).</source>
        <translation>你的向量已在单位球面上（平均范数 %1）。</translation>
    </message>
    <message>
        <source>Analysed on the unit sphere: your vectors were L2-normalised; mean norm %1.</source>
        <translation>在单位球面上分析：你的向量已做 L2 归一化；平均范数 %1。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %L2 points, dimension %3, %4 classes. %5&lt;br&gt;Recall@1 %6, Recall@2 %7, Recall@4 %8, Recall@8 %9, NMI %10, MAP@R %11 (every point a query; ties counted by their expectation).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%L2 个点，维数 %3，%4 个类别。%5&lt;br&gt;Recall@1 %6，Recall@2 %7，Recall@4 %8，Recall@8 %9，NMI %10，MAP@R %11（每个点都作为查询；并列按其期望计算）。</translation>
    </message>
    <message>
        <source>Cannot draw the map: %1</source>
        <translation>无法绘制嵌入图：%1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open embeddings…</source>
        <translation>打开嵌入(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Export view</source>
        <translation>导出视图(&amp;E)</translation>
    </message>
    <message>
        <source>Export view &amp;data (CSV)</source>
        <translation>导出视图数据（CSV）(&amp;D)</translation>
    </message>
    <message>
        <source>Export &amp;all views…</source>
        <translation>导出全部视图(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>no such view</source>
        <translation>没有这个视图</translation>
    </message>
    <message>
        <source>cannot create the folder &apos;%1&apos;</source>
        <translation>无法创建文件夹“%1”</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>导出“%1”</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export the data of “%1”</source>
        <translation>导出“%1”的数据</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export all views into</source>
        <translation>将全部视图导出到</translation>
    </message>
    <message>
        <source>Exported every view into %1</source>
        <translation>已将全部视图导出到 %1</translation>
    </message>
    <message>
        <source>Embeddings of %1</source>
        <translation>%1 的嵌入</translation>
    </message>
</context>
<context>
    <name>ExplanationPanel</name>
    <message>
        <source>Close the explanation</source>
        <translation>关闭说明</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Transparent background (PNG)</source>
        <translation>透明背景（PNG）</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>SVG (vector)</source>
        <translation>SVG（矢量）</translation>
    </message>
    <message>
        <source>PDF (vector)</source>
        <translation>PDF（矢量）</translation>
    </message>
    <message>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <source>PNG resolution; the physical size stays the same.</source>
        <translation>PNG 分辨率；物理尺寸保持不变。</translation>
    </message>
    <message>
        <source>centimetres</source>
        <translation>厘米</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Size in</source>
        <translation>尺寸单位</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Show the title</source>
        <translation>显示标题</translation>
    </message>
    <message>
        <source>Export every view</source>
        <translation>导出所有视图</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>导出“%1”</translation>
    </message>
    <message>
        <source>pixels at 96 dpi</source>
        <translation>像素（96 dpi）</translation>
    </message>
    <message>
        <source>Publication (white, no card)</source>
        <translation>出版（白底，无卡片）</translation>
    </message>
    <message>
        <source>As on screen</source>
        <translation>与屏幕相同</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Above the plot</source>
        <translation>图上方</translation>
    </message>
    <message>
        <source>Below the plot</source>
        <translation>图下方</translation>
    </message>
    <message>
        <source>None</source>
        <translation>不显示</translation>
    </message>
    <message>
        <source>Each view keeps its own shape.</source>
        <translation>每个视图保持各自的形状。</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Look</source>
        <translation>样式</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>%1 pixels wide at %2 dpi</source>
        <translation>宽 %1 像素（%2 dpi）</translation>
    </message>
    <message>
        <source>%1 cm wide, vector</source>
        <translation>宽 %1 厘米，矢量</translation>
    </message>
    <message>
        <source>%1 × %2 cm, vector</source>
        <translation>%1 × %2 厘米，矢量</translation>
    </message>
    <message>
        <source>%1 × %2 pixels at %3 dpi</source>
        <translation>%1 × %2 像素（%3 dpi）</translation>
    </message>
</context>
<context>
    <name>GradientVarianceView</name>
    <message>
        <source>Variance of the gradient direction of a negative pair</source>
        <translation>负样本对梯度方向的方差</translation>
    </message>
    <message>
        <source>distance d of the pair</source>
        <translation>样本对的距离 d</translation>
    </message>
    <message>
        <source>variance of the direction</source>
        <translation>方向的方差</translation>
    </message>
    <message>
        <source>σ = %1</source>
        <translation>σ = %1</translation>
    </message>
    <message>
        <source>σ = %1 (current)</source>
        <translation>σ = %1（当前）</translation>
    </message>
    <message>
        <source>Variance of the gradient direction of a negative pair, n = %1, σ = %2</source>
        <translation>负样本对梯度方向的方差，n = %1，σ = %2</translation>
    </message>
</context>
<context>
    <name>LossFunctionsView</name>
    <message>
        <source>Loss of one pair against its distance</source>
        <translation>单个样本对的损失随距离的变化</translation>
    </message>
    <message>
        <source>distance d of the pair</source>
        <translation>样本对的距离 d</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>%1, positive pair</source>
        <translation>%1，正样本对</translation>
    </message>
    <message>
        <source>%1, negative pair</source>
        <translation>%1，负样本对</translation>
    </message>
    <message>
        <source>margin β ± α</source>
        <translation>间隔 β ± α</translation>
    </message>
    <message>
        <source>β = %1</source>
        <translation>β = %1</translation>
    </message>
    <message>
        <source>β − α = %1</source>
        <translation>β − α = %1</translation>
    </message>
    <message>
        <source>β + α = %1</source>
        <translation>β + α = %1</translation>
    </message>
    <message>
        <source>distance d of the pair (the triplet losses hold the other distance at %1)</source>
        <translation>样本对的距离 d（三元组损失将另一个距离固定为 %1）</translation>
    </message>
    <message>
        <source>Loss of one pair against its distance (solid: positive pair, dashed: negative pair; the margin loss dash-dot and dotted)</source>
        <translation>单个样本对的损失随距离的变化（实线：正样本对，虚线：负样本对；间隔损失为点划线和点线）</translation>
    </message>
</context>
<context>
    <name>LossLabel</name>
    <message>
        <source>contrastive</source>
        <translation>对比损失</translation>
    </message>
    <message>
        <source>triplet, squared</source>
        <translation>三元组损失（平方）</translation>
    </message>
    <message>
        <source>triplet</source>
        <translation>三元组损失</translation>
    </message>
    <message>
        <source>margin</source>
        <translation>间隔损失</translation>
    </message>
    <message>
        <source>Contrastive</source>
        <translation>对比损失</translation>
    </message>
    <message>
        <source>Triplet (squared)</source>
        <translation>三元组损失（平方）</translation>
    </message>
    <message>
        <source>Triplet</source>
        <translation>三元组损失</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>间隔损失</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Parameters refused: %1</source>
        <translation>参数被拒绝：%1</translation>
    </message>
    <message>
        <source>Sampling Matters Explorer</source>
        <translation>Sampling Matters Explorer</translation>
    </message>
    <message>
        <source>Controls</source>
        <translation>控制面板</translation>
    </message>
    <message>
        <source>Some presets could not be read: %1</source>
        <translation>部分预设无法读取：%1</translation>
    </message>
    <message>
        <source>Training diverged and was paused</source>
        <translation>训练发散，已暂停</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Sessions (*.smx.json *.json);;All files (*)</source>
        <translation>会话 (*.smx.json *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Save session…</source>
        <translation>保存会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Sessions (*.smx.json *.json)</source>
        <translation>会话 (*.smx.json *.json)</translation>
    </message>
    <message>
        <source>&amp;Keep the trained model in sessions</source>
        <translation>在会话中保留已训练的模型(&amp;K)</translation>
    </message>
    <message>
        <source>Save the trained weights and the run&apos;s curves beside the session (NAME.run), so that opening it continues the run where it stopped.</source>
        <translation>将训练好的权重和本次运行的曲线保存在会话文件旁（NAME.run），这样打开会话时会从停下的地方继续运行。</translation>
    </message>
    <message>
        <source>&amp;Recent sessions</source>
        <translation>最近的会话(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;data file…</source>
        <translation>打开数据文件(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Export view…</source>
        <translation>导出视图(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;all views…</source>
        <translation>导出全部视图(&amp;A)…</translation>
    </message>
    <message>
        <source>Export view &amp;data (CSV)…</source>
        <translation>导出视图数据（CSV）(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Copy view to clipboard</source>
        <translation>复制视图到剪贴板(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Play / pause</source>
        <translation>播放 / 暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Single &amp;step</source>
        <translation>单步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重置(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Logarithmic density axis</source>
        <translation>对数密度轴(&amp;L)</translation>
    </message>
    <message>
        <source>Sampled distances from the &amp;live model</source>
        <translation>采样距离取自实时模型(&amp;L)</translation>
    </message>
    <message>
        <source>Sampled distances &amp;overlaid</source>
        <translation>叠加显示采样距离(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Focus view</source>
        <translation>聚焦视图(&amp;F)</translation>
    </message>
    <message>
        <source>Show &amp;all views</source>
        <translation>显示全部视图(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Leave (Esc)</source>
        <translation>退出（Esc）</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Start page…</source>
        <translation>起始页(&amp;S)…</translation>
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
        <source>Step 0</source>
        <translation>第 0 步</translation>
    </message>
    <message>
        <source>Cannot set up the model: %1</source>
        <translation>无法建立模型：%1</translation>
    </message>
    <message>
        <source>The model was reset to step 0: %1.</source>
        <translation>模型已重置到第 0 步：%1。</translation>
    </message>
    <message>
        <source>The views show n = %1; the model trains at most n = %2, so it trains at n = %2.</source>
        <translation>视图显示的是 n = %1；模型最多只能在 n = %2 下训练，因此以 n = %2 训练。</translation>
    </message>
    <message>
        <source>Computing figures…</source>
        <translation>正在计算图表…</translation>
    </message>
    <message>
        <source>Cannot compute the figures: %1</source>
        <translation>无法计算图表：%1</translation>
    </message>
    <message>
        <source>live model&apos;s batch, step %1</source>
        <translation>实时模型的批次，第 %1 步</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Open a data set</source>
        <translation>打开数据集</translation>
    </message>
    <message>
        <source>Data sets (%1);;All files (*)</source>
        <translation>数据集 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>no such view</source>
        <translation>没有这个视图</translation>
    </message>
    <message>
        <source>cannot create the folder &apos;%1&apos;</source>
        <translation>无法创建文件夹“%1”</translation>
    </message>
    <message>
        <source>%1 files (*.%2)</source>
        <translation>%1 文件 (*.%2)</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export all views into</source>
        <translation>将全部视图导出到</translation>
    </message>
    <message>
        <source>Exported every view into %1</source>
        <translation>已将全部视图导出到 %1</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Copied the view to the clipboard</source>
        <translation>已将视图复制到剪贴板</translation>
    </message>
    <message>
        <source>Saved the session to %1</source>
        <translation>已将会话保存到 %1</translation>
    </message>
    <message>
        <source>%1: its trained model cannot be restored: %2</source>
        <translation>%1：无法恢复其中已训练的模型：%2</translation>
    </message>
    <message>
        <source>Opened the session %1</source>
        <translation>已打开会话 %1</translation>
    </message>
    <message>
        <source>About Sampling Matters Explorer</source>
        <translation>关于 Sampling Matters Explorer</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Sampling Matters Explorer&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Shows how sampling and losses shape deep embedding learning, after C.-Y. Wu, R. Manmatha, A. J. Smola and P. Krähenbühl, &lt;i&gt;Sampling Matters in Deep Embedding Learning&lt;/i&gt;, ICCV 2017.&lt;/p&gt;&lt;p&gt;Handwritten digits: UCI &quot;Optical Recognition of Handwritten Digits&quot; (E. Alpaydin, C. Kaynak, 1998), UCI Machine Learning Repository, CC BY 4.0.&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Sampling Matters Explorer&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;展示采样和损失如何影响深度嵌入学习，依据 C.-Y. Wu、R. Manmatha、A. J. Smola 和 P. Krähenbühl 的论文 &lt;i&gt;Sampling Matters in Deep Embedding Learning&lt;/i&gt;（ICCV 2017）。&lt;/p&gt;&lt;p&gt;手写数字：UCI &quot;Optical Recognition of Handwritten Digits&quot;（E. Alpaydin、C. Kaynak，1998），UCI 机器学习库，CC BY 4.0。&lt;/p&gt;&lt;p&gt;自由软件，依据 GNU 通用公共许可证第 3 版或更高版本发布。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sampler &amp;race…</source>
        <translation>采样器竞赛(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;What am I seeing?</source>
        <translation>我看到的是什么？(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Ablation grid…</source>
        <translation>消融网格(&amp;A)…</translation>
    </message>
    <message>
        <source>The model has collapsed (since step %1): every held-out point maps to nearly one place (spread below %2), so no margin holds and its scores rest on chance. Hard negatives with a triplet loss do this (the paper, section 4): choose another sampler, the margin loss or a lower learning rate, and reset.</source>
        <translation>模型已坍缩（自第 %1 步起）：每个留出点都被映射到几乎同一个位置（分散度低于 %2），任何间隔都不再成立，其得分只取决于运气。困难负样本配合三元组损失就会这样（论文第 4 节）：请换一个采样器、改用间隔损失或降低学习率，然后重置。</translation>
    </message>
    <message>
        <source>Training has stalled (since step %1): for %2 steps no sampled pair or triplet had a non-zero loss. Every pick already satisfies its margin, so the loss is zero, there is no gradient, and the model stops learning. To go on: a larger margin α or the contrastive loss (its positive pairs keep a gradient until they meet). Another sampler helps only while some pair is still inside the margin.</source>
        <translation>训练已停滞（自第 %1 步起）：连续 %2 步没有任何采样到的样本对或三元组具有非零损失。每个选中的样本都已满足其间隔，因此损失为零、没有梯度，模型不再学习。若要继续：增大间隔 α，或改用对比损失（其正样本对在重合之前一直有梯度）。只有当仍有样本对位于间隔之内时，换用其他采样器才有帮助。</translation>
    </message>
    <message>
        <source>Handwritten digits: raw 8×8 pixels already retrieve the held-out digits 5-9 almost perfectly (Recall@1 0.96 at step 0; a nearest neighbour on pixels, 0.99). A model trained on digits 0-4 can only bend that geometry: expect the held-out scores to fall, not rise, and the run to stall near step 3400 once the five training digits are apart by the margin. The samplers&apos; effects show on the synthetic data.</source>
        <translation>手写数字：原始 8×8 像素已经几乎完美地检索出保留的数字 5-9（第 0 步 Recall@1 为 0.96；像素上的最近邻为 0.99）。在数字 0-4 上训练的模型只能扭曲这种几何结构：预计保留类别的分数会下降而不是上升，并且当五个训练数字按间隔分开后，训练会在第 3400 步附近停滞。采样器的效果要在合成数据上才能看到。</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>播放(&amp;P)</translation>
    </message>
    <message>
        <source>Reset all &amp;parameters to defaults</source>
        <translation>将所有参数重置为默认值(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large fonts, thick lines, high contrast; 1-7 focus a view, Esc leaves</source>
        <translation>全屏、大字体、粗线条、高对比度；按 1-7 聚焦某个视图，按 Esc 退出</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>导出“%1”</translation>
    </message>
    <message>
        <source>“%1” has no data yet.</source>
        <translation>“%1”还没有数据。</translation>
    </message>
    <message>
        <source>Export the data of “%1”</source>
        <translation>导出“%1”的数据</translation>
    </message>
    <message>
        <source>Every parameter is back to its default.</source>
        <translation>所有参数已恢复为默认值。</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Show the lesson&apos;s next value now</source>
        <translation>立即显示本课的下一个取值</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Go on stepping through the lesson&apos;s values</source>
        <translation>继续依次显示本课的各个取值</translation>
    </message>
    <message>
        <source>Stay at this value</source>
        <translation>停在这个取值</translation>
    </message>
    <message>
        <source>&amp;Evaluate on all held-out points</source>
        <translation>在全部留出点上评估(&amp;E)</translation>
    </message>
    <message>
        <source>The live scores are taken on a sample of the held-out points; this scores every one of them, once, at the current step.</source>
        <translation>实时得分取自留出点的一个样本；此操作在当前步对全部留出点评分一次。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Evaluating every held-out point…</source>
        <translation>正在评估全部留出点…</translation>
    </message>
    <message>
        <source>Step %1, all %L2 held-out images: Recall@1 %3, MAP@R %4, NMI %5</source>
        <translation>第 %1 步，全部 %L2 张留出图像：Recall@1 %3，MAP@R %4，NMI %5</translation>
    </message>
    <message>
        <source>%1 for the session %2</source>
        <translation>会话 %2 的 %1</translation>
    </message>
    <message>
        <source>The session %1 cannot be opened, so nothing changed: %2</source>
        <translation>无法打开会话 %1，未作任何更改：%2</translation>
    </message>
    <message>
        <source>Opening the session %1 was cancelled; nothing changed.</source>
        <translation>打开会话 %1 已取消，未作任何更改。</translation>
    </message>
    <message>
        <source>Opening the session %1 gave way to a later change.</source>
        <translation>打开会话 %1 已让位于之后的更改。</translation>
    </message>
    <message>
        <source>Open &amp;embeddings…</source>
        <translation>打开嵌入(&amp;E)…</translation>
    </message>
    <message>
        <source>Your own model&apos;s embeddings (the Embedding Projector&apos;s TSV, CSV or .npy): their distances, the samplers&apos; picks, their map and their scores</source>
        <translation>你自己模型的嵌入（Embedding Projector 的 TSV、CSV 或 .npy）：它们的距离、采样器的挑选、嵌入图和评分</translation>
    </message>
    <message>
        <source>Reading and analysing %1…</source>
        <translation>正在读取并分析 %1…</translation>
    </message>
    <message>
        <source>Cannot open the embeddings, so nothing changed: %1</source>
        <translation>无法打开嵌入，因此没有任何改动：%1</translation>
    </message>
    <message>
        <source>The session&apos;s embeddings window was not reopened: %1. The rest of the session is open.</source>
        <translation>会话中的嵌入窗口未能重新打开：%1。会话的其余部分已打开。</translation>
    </message>
    <message>
        <source>Open embeddings</source>
        <translation>打开嵌入</translation>
    </message>
    <message>
        <source>Embeddings (*.tsv *.tsv.gz *.csv *.csv.gz *.npy *.npy.gz);;All files (*)</source>
        <translation>嵌入 (*.tsv *.tsv.gz *.csv *.csv.gz *.npy *.npy.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The labels of %1 (none found beside it as %2)</source>
        <translation>%1 的标签（在其旁边没有找到 %2）</translation>
    </message>
    <message>
        <source>Labels (*.tsv *.tsv.gz *.txt *.csv);;All files (*)</source>
        <translation>标签 (*.tsv *.tsv.gz *.txt *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Label column</source>
        <translation>标签列</translation>
    </message>
    <message>
        <source>Which column of %1 holds the class?</source>
        <translation>%1 的哪一列是类别？</translation>
    </message>
    <message>
        <source>Opened the embeddings %1</source>
        <translation>已打开嵌入 %1</translation>
    </message>
    <message>
        <source>Training diverged and paused at step %1: %2. The run goes on from step %1 with the restored weights; the curves&apos; last point scores them.</source>
        <translation>训练在第 %1 步发散并暂停：%2。运行将以恢复的权重从第 %1 步继续；曲线的最后一个点是这些权重的得分。</translation>
    </message>
    <message>
        <source>Cannot open the data set, so nothing changed: %1</source>
        <translation>无法打开数据集，因此没有任何改动：%1</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss this message</source>
        <translation>关闭此消息</translation>
    </message>
</context>
<context>
    <name>NormsView</name>
    <message>
        <source>Norms of the embeddings</source>
        <translation>嵌入的范数</translation>
    </message>
    <message>
        <source>norm ‖x‖ (as read)</source>
        <translation>范数 ‖x‖（读入时）</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>norms</source>
        <translation>范数</translation>
    </message>
    <message>
        <source>unit sphere</source>
        <translation>单位球面</translation>
    </message>
    <message>
        <source>norms (%L1 points)</source>
        <translation>范数（%L1 个点）</translation>
    </message>
    <message>
        <source>Norms of the embeddings (mean %1): on the unit sphere already, analysed as they are</source>
        <translation>嵌入的范数（均值 %1）：已在单位球面上，按原样分析</translation>
    </message>
    <message>
        <source>Norms of the embeddings (mean %1): the analysis uses the L2-normalised points, on the unit sphere, as the paper&apos;s geometry does</source>
        <translation>嵌入的范数（均值 %1）：分析使用 L2 归一化到单位球面上的点，与论文的几何一致</translation>
    </message>
</context>
<context>
    <name>OutputFileText</name>
    <message>
        <source>not all of it could be written</source>
        <translation>未能全部写入</translation>
    </message>
    <message>
        <source>cannot write to standard output: %1</source>
        <translation>无法写入标准输出：%1</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: %2; nothing was changed</source>
        <translation>无法写入“%1”：%2；未作任何更改</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: it is a directory</source>
        <translation>无法写入“%1”：它是一个文件夹</translation>
    </message>
    <message>
        <source>no output file given</source>
        <translation>未指定输出文件</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: the folder %2 does not exist</source>
        <translation>无法写入“%1”：文件夹 %2 不存在</translation>
    </message>
    <message>
        <source>cannot write &apos;%1&apos;: the folder %2 is not writable</source>
        <translation>无法写入“%1”：文件夹 %2 不可写</translation>
    </message>
</context>
<context>
    <name>ParameterJsonText</name>
    <message>
        <source>%1 must be true or false</source>
        <translation>%1 必须为 true 或 false</translation>
    </message>
    <message>
        <source>%1: unknown name</source>
        <translation>%1：未知的名称</translation>
    </message>
    <message>
        <source>%1 must be synthetic, digits or a file path</source>
        <translation>%1 必须为 synthetic、digits 或文件路径</translation>
    </message>
    <message>
        <source>%1 must be a list of up to %2 whole widths from %3 to %4</source>
        <translation>%1 必须是至多 %2 个宽度的列表，每个宽度为 %3 到 %4 之间的整数</translation>
    </message>
    <message>
        <source>%1 must be a whole number from %2 to %3, as text</source>
        <translation>%1 必须是 %2 到 %3 之间的整数，以文本形式给出</translation>
    </message>
    <message>
        <source>%1 must be a number from %2 to %3</source>
        <translation>%1 必须是 %2 到 %3 之间的数</translation>
    </message>
</context>
<context>
    <name>PresentationMode</name>
    <message>
        <source>Presentation bar</source>
        <translation>演示栏</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>The session could not be carried over to the new language: %1</source>
        <translation>会话未能带到新的语言中：%1</translation>
    </message>
    <message>
        <source>idealised batches, n = %1, %2 × %3</source>
        <translation>理想化批次，n = %1，%2 × %3</translation>
    </message>
    <message>
        <source>There is no preset &apos;%1&apos; (the presets are %2).</source>
        <translation>没有名为“%1”的预设（预设有：%2）。</translation>
    </message>
    <message>
        <source>the embedding dimension changed</source>
        <translation>嵌入维数已改变</translation>
    </message>
    <message>
        <source>the data set changed</source>
        <translation>数据集已改变</translation>
    </message>
    <message>
        <source>the hidden layers changed</source>
        <translation>隐藏层已改变</translation>
    </message>
    <message>
        <source>the seed changed</source>
        <translation>随机种子已改变</translation>
    </message>
    <message>
        <source>the batch shape changed</source>
        <translation>批次形状已改变</translation>
    </message>
    <message>
        <source>the learned parts of β changed</source>
        <translation>β 的可学习部分已改变</translation>
    </message>
    <message>
        <source>the sampling cutoffs changed</source>
        <translation>采样截断已改变</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>%1 is missing (looked for at %2)</source>
        <translation>%1 不存在（在 %2 查找过）</translation>
    </message>
    <message>
        <source>%1 cannot be read</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>%1 has changed since the session was saved (its SHA-256 differs)</source>
        <translation>%1 在会话保存之后已被改动（其 SHA-256 不同）</translation>
    </message>
    <message>
        <source>%1 × %2 (P = %3 asked for, but only %1 classes have K = %2 points or more)</source>
        <translation>%1 × %2（要求 P = %3，但只有 %1 个类别至少有 K = %2 个点）</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>%L1 batches of %2 of the embeddings, n = %3; non-zero margin loss at α = %4, β = %5: %6</source>
        <translation>从嵌入中抽取的 %L1 个 %2 批次，n = %3；α = %4、β = %5 时间隔损失非零的比例：%6</translation>
    </message>
</context>
<context>
    <name>RaceCurvesView</name>
    <message>
        <source>Recall@1</source>
        <translation>Recall@1</translation>
    </message>
    <message>
        <source>NMI</source>
        <translation>NMI</translation>
    </message>
    <message>
        <source>MAP@R</source>
        <translation>MAP@R</translation>
    </message>
    <message>
        <source>loss (mean since the previous evaluation)</source>
        <translation>损失（自上次评估以来的平均值）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>The race: training loss of each sampler</source>
        <translation>竞赛：各采样器的训练损失</translation>
    </message>
    <message>
        <source>The race: %1 on the held-out classes</source>
        <translation>竞赛：留出类别上的 %1</translation>
    </message>
    <message>
        <source>spread of the held-out embeddings</source>
        <translation>留出嵌入的分散度</translation>
    </message>
    <message>
        <source>collapsed (spread %1)</source>
        <translation>已坍缩（分散度 %1）</translation>
    </message>
    <message>
        <source>stalled since step %1</source>
        <translation>自第 %1 步起停滞</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>The race: spread of the held-out embeddings (below %1 a run has collapsed)</source>
        <translation>竞赛：留出嵌入的分散度（低于 %1 即已坍缩）</translation>
    </message>
</context>
<context>
    <name>RaceWindow</name>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Step 0</source>
        <translation>第 0 步</translation>
    </message>
    <message>
        <source>Sampler race — Sampling Matters Explorer</source>
        <translation>采样器竞赛 — Sampling Matters Explorer</translation>
    </message>
    <message>
        <source>Train all four runs, or pause them together (Space)</source>
        <translation>同时训练全部四组，或同时暂停（空格键）</translation>
    </message>
    <message>
        <source>One training step of every run (N)</source>
        <translation>每组各训练一步（N）</translation>
    </message>
    <message>
        <source>All four runs back to their common initial weights (R)</source>
        <translation>四组全部回到共同的初始权重（R）</translation>
    </message>
    <message>
        <source>The loss of all four runs; a change applies to all at the same step</source>
        <translation>全部四组所用的损失；更改会在同一步应用到所有组</translation>
    </message>
    <message>
        <source>Loss:</source>
        <translation>损失：</translation>
    </message>
    <message>
        <source>Curves:</source>
        <translation>曲线：</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>The %1 run diverged and left the race until a reset: %2.</source>
        <translation>%1采样的那一组训练发散，在重置之前退出竞赛：%2。</translation>
    </message>
    <message>
        <source>Cannot set up the race: %1</source>
        <translation>无法建立竞赛：%1</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Steps %1–%2</source>
        <translation>第 %1–%2 步</translation>
    </message>
    <message>
        <source>What am I seeing?</source>
        <translation>我看到的是什么？</translation>
    </message>
</context>
<context>
    <name>SampledDistancesView</name>
    <message>
        <source>distance d of the negative</source>
        <translation>负样本的距离 d</translation>
    </message>
    <message>
        <source>λ (cutoff)</source>
        <translation>λ（截断）</translation>
    </message>
    <message>
        <source>non-zero-loss cutoff</source>
        <translation>非零损失截断</translation>
    </message>
    <message>
        <source>Distances of the negatives each sampler picks</source>
        <translation>各采样器所选负样本的距离</translation>
    </message>
    <message>
        <source>density</source>
        <translation>密度</translation>
    </message>
    <message>
        <source>d</source>
        <translation>d</translation>
    </message>
    <message>
        <source>%1 (none)</source>
        <translation>%1（无）</translation>
    </message>
    <message>
        <source>%1 (%2 picks)</source>
        <translation>%1（选中 %2 个）</translation>
    </message>
    <message>
        <source>Distances of the negatives each sampler picks (%1)</source>
        <translation>各采样器所选负样本的距离（%1）</translation>
    </message>
    <message>
        <source>dashed line: λ (cutoff), dotted line: non-zero-loss cutoff</source>
        <translation>虚线：λ（截断），点线：非零损失截断</translation>
    </message>
</context>
<context>
    <name>SamplerLabel</name>
    <message>
        <source>uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>hard negative</source>
        <translation>困难负样本</translation>
    </message>
    <message>
        <source>semi-hard</source>
        <translation>半困难</translation>
    </message>
    <message>
        <source>distance weighted</source>
        <translation>距离加权</translation>
    </message>
</context>
<context>
    <name>SessionFileText</name>
    <message>
        <source>names no valid run file</source>
        <translation>没有指明有效的运行文件</translation>
    </message>
    <message>
        <source>names the run file %1 but has no folder to find it in</source>
        <translation>指明了运行文件 %1，但没有可以查找它的文件夹</translation>
    </message>
    <message>
        <source>its run file %1 cannot be opened: %2</source>
        <translation>无法打开其运行文件 %1：%2</translation>
    </message>
    <message>
        <source>its run file %1 is too large (%2 bytes)</source>
        <translation>其运行文件 %1 过大（%2 字节）</translation>
    </message>
    <message>
        <source>its run file %1 is not the one saved with it (changed, truncated or replaced since)</source>
        <translation>其运行文件 %1 不是与它一起保存的那个（此后被改动、截断或替换过）</translation>
    </message>
    <message>
        <source>its run file %1 is %2</source>
        <translation>其运行文件 %1 有问题：%2</translation>
    </message>
    <message>
        <source>its embeddings entry&apos;s %1 is not text</source>
        <translation>其嵌入条目的 %1 不是文本</translation>
    </message>
    <message>
        <source>its embeddings entry names no file</source>
        <translation>其嵌入条目没有指明文件</translation>
    </message>
    <message>
        <source>its embeddings entry&apos;s %1 is not a number</source>
        <translation>其嵌入条目的 %1 不是数字</translation>
    </message>
    <message>
        <source>its embeddings entry&apos;s %1 is not a whole number of at least 2</source>
        <translation>其嵌入条目的 %1 不是不小于 2 的整数</translation>
    </message>
    <message>
        <source>its view entry names no view of the window (&apos;%1&apos;)</source>
        <translation>其视图条目没有指明窗口中的视图（“%1”）</translation>
    </message>
    <message>
        <source>its view entry&apos;s %1 is not true or false</source>
        <translation>其视图条目的 %1 不是 true 或 false</translation>
    </message>
    <message>
        <source>has a damaged embeddings entry</source>
        <translation>其嵌入条目已损坏</translation>
    </message>
    <message>
        <source>cannot save the session &apos;%1&apos; with its trained model: %2</source>
        <translation>无法连同已训练的模型一起保存会话“%1”：%2</translation>
    </message>
    <message>
        <source>cannot open it: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>too large for a session file (%1 bytes)</source>
        <translation>作为会话文件过大（%1 字节）</translation>
    </message>
    <message>
        <source>too large for a session file (over %1 bytes)</source>
        <translation>作为会话文件过大（超过 %1 字节）</translation>
    </message>
    <message>
        <source>not a readable session (damaged or truncated: %1 at byte %2)</source>
        <translation>不是可读的会话（已损坏或被截断：第 %2 字节处，%1）</translation>
    </message>
    <message>
        <source>not a Sampling Matters Explorer session</source>
        <translation>不是 Sampling Matters Explorer 的会话</translation>
    </message>
    <message>
        <source>made by a newer version (session format %1; this version reads up to %2)</source>
        <translation>由更新的版本创建（会话格式 %1；本版本最多能读取格式 %2）</translation>
    </message>
    <message>
        <source>has no valid format version</source>
        <translation>没有有效的格式版本</translation>
    </message>
    <message>
        <source>has no parameters</source>
        <translation>没有参数</translation>
    </message>
    <message>
        <source>damaged parameters: %1</source>
        <translation>参数已损坏：%1</translation>
    </message>
    <message>
        <source>has a damaged view entry</source>
        <translation>其视图条目已损坏</translation>
    </message>
    <message>
        <source>has a damaged run entry</source>
        <translation>其运行条目已损坏</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>Show this page at start</source>
        <translation>启动时显示此页</translation>
    </message>
    <message>
        <source>Start: what would you like to see?</source>
        <translation>开始：您想看什么？</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Sampling Matters Explorer&lt;/h2&gt;&lt;p&gt;Each lesson below sets every parameter to show one idea of the paper &lt;i&gt;Sampling Matters in Deep Embedding Learning&lt;/i&gt; (Wu et al., 2017), and says what to look for. They are also in the Presets menu.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Sampling Matters Explorer&lt;/h2&gt;&lt;p&gt;下面的每一课都会设置全部参数，以展示论文 &lt;i&gt;Sampling Matters in Deep Embedding Learning&lt;/i&gt;（Wu 等，2017）中的一个观点，并说明应该观察什么。这些课程也可以在“预设”菜单中找到。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>TrainingController</name>
    <message>
        <source>the embeddings became NaN or infinite (lower the learning rate)</source>
        <translation>嵌入变成了 NaN 或无穷大（请降低学习率）</translation>
    </message>
    <message>
        <source>the loss became NaN or infinite</source>
        <translation>损失变成了 NaN 或无穷大</translation>
    </message>
    <message>
        <source>the weights became NaN or infinite (lower the learning rate)</source>
        <translation>权重变成了 NaN 或无穷大（请降低学习率）</translation>
    </message>
    <message>
        <source>the weights ran away (largest |w| = %1, above %2; lower the learning rate)</source>
        <translation>权重失控（最大的 |w| = %1，超过了 %2；请降低学习率）</translation>
    </message>
    <message>
        <source>%1; restored the weights of step %2</source>
        <translation>%1；已恢复第 %2 步的权重</translation>
    </message>
</context>
<context>
    <name>TrainingCurvesView</name>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>loss, active share</source>
        <translation>损失、活跃占比</translation>
    </message>
    <message>
        <source>mean β</source>
        <translation>平均 β</translation>
    </message>
    <message>
        <source>%1 (previous run)</source>
        <translation>%1（上一次运行）</translation>
    </message>
    <message>
        <source> (faded: the previous run)</source>
        <translation>（浅色：上一次运行）</translation>
    </message>
    <message>
        <source>Training: loss, active share and β</source>
        <translation>训练：损失、活跃占比和 β</translation>
    </message>
    <message>
        <source>Retrieval on the held-out classes</source>
        <translation>留出类别上的检索</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss (smoothed)</source>
        <translation>损失（平滑）</translation>
    </message>
    <message>
        <source>active share</source>
        <translation>活跃占比</translation>
    </message>
    <message>
        <source>beta</source>
        <translation>β</translation>
    </message>
    <message>
        <source>spread</source>
        <translation>分散度</translation>
    </message>
    <message>
        <source>score, spread</source>
        <translation>得分，分散度</translation>
    </message>
    <message>
        <source>collapsed below %1</source>
        <translation>低于 %1 即坍缩</translation>
    </message>
    <message>
        <source>; spread %1 (dashed): collapsed</source>
        <translation>；分散度 %1（虚线）：已坍缩</translation>
    </message>
    <message>
        <source>; spread %1 (dashed)</source>
        <translation>；分散度 %1（虚线）</translation>
    </message>
    <message>
        <source>beta (smoothed)</source>
        <translation>β（平滑）</translation>
    </message>
    <message>
        <source>Scores from 0 to 1</source>
        <translation>得分轴从 0 到 1</translation>
    </message>
    <message>
        <source>%1 (all held-out)</source>
        <translation>%1（全部留出点）</translation>
    </message>
    <message>
        <source>all %L1 held-out</source>
        <translation>全部 %L1 个留出点</translation>
    </message>
    <message>
        <source>Scores on a class-stratified sample of %L1 of the %L2 held-out images</source>
        <translation>得分基于 %L2 张留出图像中按类别分层抽取的 %L1 张样本</translation>
    </message>
</context>
<context>
    <name>TripletInspector</name>
    <message>
        <source>Cannot inspect the point: %1</source>
        <translation>无法检视该点：%1</translation>
    </message>
</context>
<context>
    <name>TripletInspectorPanel</name>
    <message>
        <source>none (no positive or no other class in the batch)</source>
        <translation>无（批次中没有正样本，或没有其他类别）</translation>
    </message>
    <message>
        <source>The batch: the anchor, K − 1 others of its class and K points of each of P − 1 other classes of the held-out points, drawn from the seed and the anchor. Distances are in the n-dimensional embedding, not on the map.</source>
        <translation>批次：锚点、与它同类的另外 K − 1 个点，以及另外 P − 1 个类别中每类 K 个点，均取自留出数据，由随机种子和锚点决定抽取。距离是在 n 维嵌入空间中测得的，而不是在图上。</translation>
    </message>
    <message>
        <source>Stop inspecting (Esc)</source>
        <translation>停止检视（Esc）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1：%2，%3</translation>
    </message>
    <message>
        <source>Anchor: %1, no positive in its batch of %2</source>
        <translation>锚点：%1，其批次（共 %2 个点）中没有正样本</translation>
    </message>
    <message>
        <source>Anchor: %1, batch of %2; positives at %3</source>
        <translation>锚点：%1，批次共 %2 个点；正样本的距离：%3</translation>
    </message>
</context>
<context>
    <name>ViewExplanations</name>
    <message>
        <source>Distances between random points on the sphere</source>
        <translation>球面上随机点之间的距离</translation>
    </message>
    <message>
        <source>The solid curve is the exact density q(d) of the distance between two points drawn uniformly on the unit sphere of the n-dimensional embedding space; the dashed curve is its Gaussian limit and the grey steps a histogram of the distances between random points. In high dimension almost every pair lies near √2, so negatives picked uniformly are almost never close to the anchor.</source>
        <translation>实线是在 n 维嵌入空间的单位球面上均匀抽取的两点之间距离的精确密度 q(d)；虚线是它的高斯极限，灰色阶梯是随机点之间距离的直方图。在高维空间中，几乎每一对点的距离都在 √2 附近，因此均匀选取的负样本几乎从不靠近锚点。</translation>
    </message>
    <message>
        <source>&lt;i&gt;q&lt;/i&gt;(&lt;i&gt;d&lt;/i&gt;) = &lt;i&gt;C&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt; &lt;i&gt;d&lt;/i&gt;&lt;sup&gt;&lt;i&gt;n&lt;/i&gt;−2&lt;/sup&gt; (1 − &lt;i&gt;d&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt;/4)&lt;sup&gt;(&lt;i&gt;n&lt;/i&gt;−3)/2&lt;/sup&gt;, &amp;nbsp;0 &amp;lt; &lt;i&gt;d&lt;/i&gt; &amp;lt; 2&lt;br&gt;&lt;i&gt;C&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt; = Γ(&lt;i&gt;n&lt;/i&gt;/2) / (√π Γ((&lt;i&gt;n&lt;/i&gt;−1)/2))&lt;br&gt;Gaussian limit: &lt;i&gt;N&lt;/i&gt;(√2, 1/(2&lt;i&gt;n&lt;/i&gt;)); &amp;nbsp;E[&lt;i&gt;d&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt;] = 2</source>
        <translation>&lt;i&gt;q&lt;/i&gt;(&lt;i&gt;d&lt;/i&gt;) = &lt;i&gt;C&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt; &lt;i&gt;d&lt;/i&gt;&lt;sup&gt;&lt;i&gt;n&lt;/i&gt;−2&lt;/sup&gt; (1 − &lt;i&gt;d&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt;/4)&lt;sup&gt;(&lt;i&gt;n&lt;/i&gt;−3)/2&lt;/sup&gt;, &amp;nbsp;0 &amp;lt; &lt;i&gt;d&lt;/i&gt; &amp;lt; 2&lt;br&gt;&lt;i&gt;C&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt; = Γ(&lt;i&gt;n&lt;/i&gt;/2) / (√π Γ((&lt;i&gt;n&lt;/i&gt;−1)/2))&lt;br&gt;高斯极限：&lt;i&gt;N&lt;/i&gt;(√2, 1/(2&lt;i&gt;n&lt;/i&gt;)); &amp;nbsp;E[&lt;i&gt;d&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt;] = 2</translation>
    </message>
    <message>
        <source>A larger dimension n narrows the peak around √2 (its variance is about 1/(2n)); at n = 3 the density is the straight line d/2. More Monte Carlo points make the histogram follow q more closely. The vertical lines are λ and the non-zero-loss cutoff of distance weighted sampling; View › Logarithmic density axis shows the tails.</source>
        <translation>维数 n 越大，√2 附近的峰越窄（其方差约为 1/(2n)）；n = 3 时密度是直线 d/2。蒙特卡洛点数越多，直方图越贴近 q。竖线是距离加权采样的 λ 和非零损失截断；“视图 › 对数密度轴”可显示分布的尾部。</translation>
    </message>
    <message>
        <source>How noisy a negative&apos;s gradient is</source>
        <translation>负样本的梯度有多大噪声</translation>
    </message>
    <message>
        <source>The gradient of a negative pair points along h, the difference between the anchor&apos;s and the negative&apos;s embeddings. Real embeddings are noisy: with noise z added, the curve is the total variance of the unit direction (h + z)/‖h + z‖ at each distance d, estimated by Monte Carlo. Close pairs, the hard negatives, get almost random directions: the variance approaches 1.</source>
        <translation>负样本对的梯度沿 h 的方向，h 是锚点的嵌入与负样本的嵌入之差。真实的嵌入带有噪声：加入噪声 z 后，曲线表示在每个距离 d 处单位方向 (h + z)/‖h + z‖ 的总方差，由蒙特卡洛方法估计。距离近的样本对，也就是困难负样本，得到的方向几乎是随机的：方差趋近于 1。</translation>
    </message>
    <message>
        <source>Var(&lt;i&gt;d&lt;/i&gt;) = tr Cov[ (&lt;b&gt;h&lt;/b&gt; + &lt;b&gt;z&lt;/b&gt;) / ‖&lt;b&gt;h&lt;/b&gt; + &lt;b&gt;z&lt;/b&gt;‖ ], &amp;nbsp;‖&lt;b&gt;h&lt;/b&gt;‖ = &lt;i&gt;d&lt;/i&gt;, &amp;nbsp;&lt;b&gt;z&lt;/b&gt; ~ &lt;i&gt;N&lt;/i&gt;(0, σ&lt;sup&gt;2&lt;/sup&gt; &lt;i&gt;I&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt;)&lt;br&gt;Var(&lt;i&gt;d&lt;/i&gt;) → 1 as &lt;i&gt;d&lt;/i&gt; → 0; &amp;nbsp;Var(&lt;i&gt;d&lt;/i&gt;) ≈ (&lt;i&gt;n&lt;/i&gt;−1) σ&lt;sup&gt;2&lt;/sup&gt; / &lt;i&gt;d&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt; for &lt;i&gt;d&lt;/i&gt; ≫ σ√&lt;i&gt;n&lt;/i&gt;</source>
        <translation>Var(&lt;i&gt;d&lt;/i&gt;) = tr Cov[ (&lt;b&gt;h&lt;/b&gt; + &lt;b&gt;z&lt;/b&gt;) / ‖&lt;b&gt;h&lt;/b&gt; + &lt;b&gt;z&lt;/b&gt;‖ ], &amp;nbsp;‖&lt;b&gt;h&lt;/b&gt;‖ = &lt;i&gt;d&lt;/i&gt;, &amp;nbsp;&lt;b&gt;z&lt;/b&gt; ~ &lt;i&gt;N&lt;/i&gt;(0, σ&lt;sup&gt;2&lt;/sup&gt; &lt;i&gt;I&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt;)&lt;br&gt;当 &lt;i&gt;d&lt;/i&gt; → 0 时 Var(&lt;i&gt;d&lt;/i&gt;) → 1; &amp;nbsp;当 &lt;i&gt;d&lt;/i&gt; ≫ σ√&lt;i&gt;n&lt;/i&gt; 时 Var(&lt;i&gt;d&lt;/i&gt;) ≈ (&lt;i&gt;n&lt;/i&gt;−1) σ&lt;sup&gt;2&lt;/sup&gt; / &lt;i&gt;d&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt;</translation>
    </message>
    <message>
        <source>The gradient noise σ sets the bold curve (the faded ones are other σ for comparison): more noise, or a larger dimension n, moves the noisy region to larger distances.</source>
        <translation>梯度噪声 σ 决定粗线所示的曲线（浅色曲线对应其他 σ 值，供比较）：噪声越大，或维数 n 越大，噪声主导的区域就移向越大的距离。</translation>
    </message>
    <message>
        <source>Where each sampler&apos;s negatives lie</source>
        <translation>各采样器的负样本落在何处</translation>
    </message>
    <message>
        <source>&lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;: the negatives of anchor &lt;i&gt;a&lt;/i&gt; in the batch (other classes); &lt;i&gt;p&lt;/i&gt; a positive&lt;br&gt;uniform: Pr(&lt;i&gt;n&lt;/i&gt; | &lt;i&gt;a&lt;/i&gt;) = 1 / |&lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;|&lt;br&gt;hard negative: &lt;i&gt;n&lt;/i&gt;* = argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; over &lt;i&gt;n&lt;/i&gt; ∈ &lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;&lt;br&gt;semi-hard: &lt;i&gt;n&lt;/i&gt;* = argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; over &lt;i&gt;n&lt;/i&gt; ∈ &lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt; with &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; &amp;gt; &lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt;&lt;br&gt;distance weighted: Pr(&lt;i&gt;n&lt;/i&gt; | &lt;i&gt;a&lt;/i&gt;) ∝ &lt;i&gt;q&lt;/i&gt;(max(&lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;, λ))&lt;sup&gt;−1&lt;/sup&gt; if &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; &amp;lt; cutoff, else 0</source>
        <translation>&lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;：批次中锚点 &lt;i&gt;a&lt;/i&gt; 的负样本（其他类别）；&lt;i&gt;p&lt;/i&gt; 为一个正样本&lt;br&gt;均匀：Pr(&lt;i&gt;n&lt;/i&gt; | &lt;i&gt;a&lt;/i&gt;) = 1 / |&lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;|&lt;br&gt;困难负样本：&lt;i&gt;n&lt;/i&gt;* = argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;，其中 &lt;i&gt;n&lt;/i&gt; ∈ &lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;&lt;br&gt;半困难：&lt;i&gt;n&lt;/i&gt;* = argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;，其中 &lt;i&gt;n&lt;/i&gt; ∈ &lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt; 且 &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; &amp;gt; &lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt;&lt;br&gt;距离加权：若 &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; &amp;lt; 截断，Pr(&lt;i&gt;n&lt;/i&gt; | &lt;i&gt;a&lt;/i&gt;) ∝ &lt;i&gt;q&lt;/i&gt;(max(&lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;, λ))&lt;sup&gt;−1&lt;/sup&gt;，否则为 0</translation>
    </message>
    <message>
        <source>λ caps the weight of pairs closer than λ at q(λ)⁻¹, so the noisy closest pairs are not over-sampled; the non-zero-loss cutoff drops pairs too far to carry any loss. The dimension n changes q, the batch shape P × K the pool of negatives. The View menu shows the samplers overlaid or side by side, on idealised batches or on the live model.</source>
        <translation>λ 把距离小于 λ 的样本对的权重限制为 q(λ)⁻¹，使噪声大的最近样本对不会被过度采样；非零损失截断则舍弃距离过远、不会产生任何损失的样本对。维数 n 改变 q，批次形状 P × K 改变负样本池。在“视图”菜单中可以将各采样器叠加显示或并排显示，并选择使用理想化批次或实时模型。</translation>
    </message>
    <message>
        <source>The losses against the pair distance</source>
        <translation>各损失随样本对距离的变化</translation>
    </message>
    <message>
        <source>Each loss of one pair as its distance D runs from 0 to 2: solid for a positive pair, dashed for a negative one; the triplet losses hold the other distance at β. Contrastive pulls every positive pair to distance 0, while the margin loss only asks positives to come within β − α and negatives to stay beyond β + α.</source>
        <translation>单个样本对的各种损失随其距离 D 从 0 变化到 2：实线为正样本对，虚线为负样本对；三元组损失将另一个距离固定为 β。对比损失把每个正样本对都拉到距离 0，而间隔损失只要求正样本进入 β − α 以内、负样本保持在 β + α 以外。</translation>
    </message>
    <message>
        <source>contrastive: &lt;i&gt;y&lt;/i&gt; &lt;i&gt;D&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt; + (1 − &lt;i&gt;y&lt;/i&gt;) [α − &lt;i&gt;D&lt;/i&gt;]&lt;sub&gt;+&lt;/sub&gt;&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;triplet, squared: [&lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt; − &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt; + α]&lt;sub&gt;+&lt;/sub&gt;&lt;br&gt;triplet: [&lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt; − &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; + α]&lt;sub&gt;+&lt;/sub&gt;&lt;br&gt;margin: [α + &lt;i&gt;y&lt;/i&gt;′ (&lt;i&gt;D&lt;/i&gt; − β)]&lt;sub&gt;+&lt;/sub&gt;, &amp;nbsp;&lt;i&gt;y&lt;/i&gt;′ = +1 positive, −1 negative&lt;br&gt;β = β&lt;sub&gt;0&lt;/sub&gt; + β&lt;sub&gt;class&lt;/sub&gt; + β&lt;sub&gt;image&lt;/sub&gt;; &amp;nbsp;[&lt;i&gt;x&lt;/i&gt;]&lt;sub&gt;+&lt;/sub&gt; = max(0, &lt;i&gt;x&lt;/i&gt;); &lt;i&gt;y&lt;/i&gt; = 1 for a positive pair, 0 for a negative</source>
        <translation>对比：&lt;i&gt;y&lt;/i&gt; &lt;i&gt;D&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt; + (1 − &lt;i&gt;y&lt;/i&gt;) [α − &lt;i&gt;D&lt;/i&gt;]&lt;sub&gt;+&lt;/sub&gt;&lt;sup&gt;2&lt;/sup&gt;&lt;br&gt;三元组（平方）：[&lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt; − &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;&lt;sup&gt;2&lt;/sup&gt; + α]&lt;sub&gt;+&lt;/sub&gt;&lt;br&gt;三元组：[&lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt; − &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; + α]&lt;sub&gt;+&lt;/sub&gt;&lt;br&gt;间隔：[α + &lt;i&gt;y&lt;/i&gt;′ (&lt;i&gt;D&lt;/i&gt; − β)]&lt;sub&gt;+&lt;/sub&gt;, &amp;nbsp;&lt;i&gt;y&lt;/i&gt;′ = +1 表示正样本，−1 表示负样本&lt;br&gt;β = β&lt;sub&gt;0&lt;/sub&gt; + β&lt;sub&gt;class&lt;/sub&gt; + β&lt;sub&gt;image&lt;/sub&gt;; &amp;nbsp;[&lt;i&gt;x&lt;/i&gt;]&lt;sub&gt;+&lt;/sub&gt; = max(0, &lt;i&gt;x&lt;/i&gt;); &lt;i&gt;y&lt;/i&gt; = 1 表示正样本对，0 表示负样本对</translation>
    </message>
    <message>
        <source>Drag the β line or a margin line (β ± α) in the chart, or set α and β₀ in the controls: the curves follow. The loss chosen in the controls is the one the model trains with; β₀ is only where the margin loss&apos;s boundary starts, it is learned from there.</source>
        <translation>拖动图中的 β 线或间隔线（β ± α），或在控制面板中设置 α 和 β₀，曲线会随之变化。控制面板中选择的损失就是模型训练所用的损失；β₀ 只是间隔损失边界的起始位置，边界会从那里开始学习。</translation>
    </message>
    <message>
        <source>Play, step and reset drive the run. Sampler, loss, α, β₀ and the learning rate change it as it runs; the data, dimension, hidden layers, batch shape, cutoffs and seed start a new run, and the old one stays faded behind.</source>
        <translation>“播放”“单步”和“重置”控制运行。采样器、损失、α、β₀ 和学习率会在运行过程中直接生效；而更改数据、维数、隐藏层、批次形状、截断或随机种子会开始一次新的运行，旧的运行以浅色保留在后面。</translation>
    </message>
    <message>
        <source>The held-out embeddings, in two dimensions</source>
        <translation>留出数据的嵌入（二维）</translation>
    </message>
    <message>
        <source>Each point is an example of a held-out class, embedded by the current network and coloured by class; from n = 4 on it is projected on the first two principal components, so distances on the map only approximate the n-dimensional ones. Click a point to see its batch, its positives and the negative each sampler would pick for it, with the true distances.</source>
        <translation>每个点是留出类别中的一个样本，由当前网络嵌入并按类别着色；从 n = 4 起，点被投影到前两个主成分上，因此图上的距离只是 n 维距离的近似。单击一个点，可查看它的批次、它的正样本以及每个采样器会为它选取的负样本，并显示真实距离。</translation>
    </message>
    <message>
        <source>PCA: &lt;b&gt;x&lt;/b&gt; ↦ (&lt;b&gt;v&lt;/b&gt;&lt;sub&gt;1&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;(&lt;b&gt;x&lt;/b&gt; − &lt;b&gt;m&lt;/b&gt;), &lt;b&gt;v&lt;/b&gt;&lt;sub&gt;2&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;(&lt;b&gt;x&lt;/b&gt; − &lt;b&gt;m&lt;/b&gt;)), &amp;nbsp;&lt;b&gt;m&lt;/b&gt; the mean, &lt;b&gt;v&lt;/b&gt;&lt;sub&gt;1&lt;/sub&gt;, &lt;b&gt;v&lt;/b&gt;&lt;sub&gt;2&lt;/sub&gt; the leading eigenvectors of &lt;i&gt;S&lt;/i&gt; = (1/&lt;i&gt;N&lt;/i&gt;) Σ&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; (&lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; − &lt;b&gt;m&lt;/b&gt;)(&lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; − &lt;b&gt;m&lt;/b&gt;)&lt;sup&gt;T&lt;/sup&gt;&lt;br&gt;variance kept: (μ&lt;sub&gt;1&lt;/sub&gt; + μ&lt;sub&gt;2&lt;/sub&gt;) / tr &lt;i&gt;S&lt;/i&gt;, &amp;nbsp;μ&lt;sub&gt;1&lt;/sub&gt; ≥ μ&lt;sub&gt;2&lt;/sub&gt; the largest eigenvalues of &lt;i&gt;S&lt;/i&gt;&lt;br&gt;inspector: &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; = ‖&lt;i&gt;f&lt;/i&gt;(&lt;i&gt;x&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;) − &lt;i&gt;f&lt;/i&gt;(&lt;i&gt;x&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt;)‖ in all &lt;i&gt;n&lt;/i&gt; dimensions</source>
        <translation>PCA：&lt;b&gt;x&lt;/b&gt; ↦ (&lt;b&gt;v&lt;/b&gt;&lt;sub&gt;1&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;(&lt;b&gt;x&lt;/b&gt; − &lt;b&gt;m&lt;/b&gt;), &lt;b&gt;v&lt;/b&gt;&lt;sub&gt;2&lt;/sub&gt;&lt;sup&gt;T&lt;/sup&gt;(&lt;b&gt;x&lt;/b&gt; − &lt;b&gt;m&lt;/b&gt;)), &amp;nbsp;&lt;b&gt;m&lt;/b&gt; 为均值，&lt;b&gt;v&lt;/b&gt;&lt;sub&gt;1&lt;/sub&gt;、&lt;b&gt;v&lt;/b&gt;&lt;sub&gt;2&lt;/sub&gt; 为 &lt;i&gt;S&lt;/i&gt; = (1/&lt;i&gt;N&lt;/i&gt;) Σ&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; (&lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; − &lt;b&gt;m&lt;/b&gt;)(&lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; − &lt;b&gt;m&lt;/b&gt;)&lt;sup&gt;T&lt;/sup&gt; 的主特征向量&lt;br&gt;保留的方差：(μ&lt;sub&gt;1&lt;/sub&gt; + μ&lt;sub&gt;2&lt;/sub&gt;) / tr &lt;i&gt;S&lt;/i&gt;, &amp;nbsp;μ&lt;sub&gt;1&lt;/sub&gt; ≥ μ&lt;sub&gt;2&lt;/sub&gt; 为 &lt;i&gt;S&lt;/i&gt; 的最大两个特征值&lt;br&gt;检视器：&lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; = ‖&lt;i&gt;f&lt;/i&gt;(&lt;i&gt;x&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;) − &lt;i&gt;f&lt;/i&gt;(&lt;i&gt;x&lt;sub&gt;n&lt;/sub&gt;&lt;/i&gt;)‖，在全部 &lt;i&gt;n&lt;/i&gt; 个维度上计算</translation>
    </message>
    <message>
        <source>The map is redrawn at every evaluation while training, so the classes can be seen pulling apart. At n = 2 the points are shown as they are, at n = 3 the sphere is seen along (1, 1, 1). The inspector&apos;s batch follows P, K and the seed; Esc or a click on empty space ends it.</source>
        <translation>训练时每次评估都会重绘此图，因此可以看到各类别逐渐分开。n = 2 时按原样显示各点，n = 3 时沿 (1, 1, 1) 方向观察球面。检视器中的批次取决于 P、K 和随机种子；按 Esc 或单击空白处即可结束检视。</translation>
    </message>
    <message>
        <source>The sampler race</source>
        <translation>采样器竞赛</translation>
    </message>
    <message>
        <source>The same network, loss and data, trained once with each of the four samplers from the same starting weights, side by side. The curves show how fast each one learns to retrieve the held-out classes, so the effect of the sampler alone can be seen.</source>
        <translation>同一个网络、同一种损失和同一份数据，从相同的初始权重出发，用四种采样器各训练一次，并排比较。曲线显示每种采样器学会检索留出类别的快慢，因此可以单独看出采样器本身的作用。</translation>
    </message>
    <message>
        <source>Recall@1 = share of queries whose nearest neighbour is of their class&lt;br&gt;distance weighted: Pr(&lt;i&gt;n&lt;/i&gt; | &lt;i&gt;a&lt;/i&gt;) ∝ &lt;i&gt;q&lt;/i&gt;(max(&lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;, λ))&lt;sup&gt;−1&lt;/sup&gt;; hard: argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;; semi-hard: argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; with &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; &amp;gt; &lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt;; uniform: 1/|&lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;|</source>
        <translation>Recall@1 = 最近邻与自身同类的查询所占的比例&lt;br&gt;距离加权：Pr(&lt;i&gt;n&lt;/i&gt; | &lt;i&gt;a&lt;/i&gt;) ∝ &lt;i&gt;q&lt;/i&gt;(max(&lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;, λ))&lt;sup&gt;−1&lt;/sup&gt;；困难负样本：argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;；半困难：argmin &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt;，其中 &lt;i&gt;D&lt;sub&gt;an&lt;/sub&gt;&lt;/i&gt; &amp;gt; &lt;i&gt;D&lt;sub&gt;ap&lt;/sub&gt;&lt;/i&gt;；均匀：1/|&lt;i&gt;N&lt;sub&gt;a&lt;/sub&gt;&lt;/i&gt;|</translation>
    </message>
    <message>
        <source>The loss, its α and β₀, the learning rate, the batch shape and the seed apply to every racer alike; only the sampler differs. With the triplet loss, hard negatives can collapse their model while the others keep learning.</source>
        <translation>损失及其 α 和 β₀、学习率、批次形状和随机种子对每个参赛者都相同；只有采样器不同。使用三元组损失时，困难负样本采样可能使其模型坍缩，而其他采样器仍在继续学习。</translation>
    </message>
    <message>
        <source>Histograms of the anchor–negative distance of the negatives each sampler picks on the same batches: idealised classes on the sphere, or the live model&apos;s last batch. Uniform piles up near √2, hard negative takes the closest ones, and distance weighted spreads its picks evenly over the distances the batch offers, up to the non-zero-loss cutoff.</source>
        <translation>各采样器在相同批次上所选负样本的锚点–负样本距离直方图：批次取自球面上的理想化类别，或实时模型的最近一个批次。均匀采样的结果堆积在 √2 附近，困难负样本采样选取最近的那些，而距离加权采样把所选负样本均匀地分布在批次所能提供的距离上，直至非零损失截断。</translation>
    </message>
    <message>
        <source>Recall@&lt;i&gt;K&lt;/i&gt; = share of queries with a point of their class among their &lt;i&gt;K&lt;/i&gt; nearest neighbours&lt;br&gt;NMI = 2 &lt;i&gt;I&lt;/i&gt;(&lt;i&gt;Y&lt;/i&gt;; &lt;i&gt;C&lt;/i&gt;) / (&lt;i&gt;H&lt;/i&gt;(&lt;i&gt;Y&lt;/i&gt;) + &lt;i&gt;H&lt;/i&gt;(&lt;i&gt;C&lt;/i&gt;)), &lt;i&gt;Y&lt;/i&gt; the classes, &lt;i&gt;C&lt;/i&gt; the &lt;i&gt;k&lt;/i&gt;-means clusters&lt;br&gt;MAP@&lt;i&gt;R&lt;/i&gt; = mean over queries of (1/&lt;i&gt;R&lt;/i&gt;) Σ&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;=1…&lt;i&gt;R&lt;/i&gt;&lt;/sub&gt; &lt;i&gt;P&lt;/i&gt;(&lt;i&gt;i&lt;/i&gt;) rel(&lt;i&gt;i&lt;/i&gt;), &lt;i&gt;R&lt;/i&gt; = other members of the query&apos;s class&lt;br&gt;points at equal distances count in a random order (their expected score), so a model that maps everything to one point scores chance&lt;br&gt;spread (dashed) = √(mean ‖&lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; − &lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;j&lt;/i&gt;&lt;/sub&gt;‖²) / √2: 1 for points spread like uniform ones on the sphere; below 0.1 the model has collapsed</source>
        <translation>Recall@&lt;i&gt;K&lt;/i&gt; = 在其 &lt;i&gt;K&lt;/i&gt; 个最近邻中有同类点的查询所占的比例&lt;br&gt;NMI = 2 &lt;i&gt;I&lt;/i&gt;(&lt;i&gt;Y&lt;/i&gt;; &lt;i&gt;C&lt;/i&gt;) / (&lt;i&gt;H&lt;/i&gt;(&lt;i&gt;Y&lt;/i&gt;) + &lt;i&gt;H&lt;/i&gt;(&lt;i&gt;C&lt;/i&gt;))，&lt;i&gt;Y&lt;/i&gt; 为类别，&lt;i&gt;C&lt;/i&gt; 为 &lt;i&gt;k&lt;/i&gt; 均值聚类得到的簇&lt;br&gt;MAP@&lt;i&gt;R&lt;/i&gt; = 对所有查询取 (1/&lt;i&gt;R&lt;/i&gt;) Σ&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;=1…&lt;i&gt;R&lt;/i&gt;&lt;/sub&gt; &lt;i&gt;P&lt;/i&gt;(&lt;i&gt;i&lt;/i&gt;) rel(&lt;i&gt;i&lt;/i&gt;) 的平均，&lt;i&gt;R&lt;/i&gt; = 查询所属类别中其他成员的数目&lt;br&gt;距离相等的点按随机顺序计（取其期望得分），因此把所有点映射到同一处的模型只得到随机水平的分数&lt;br&gt;分散度（虚线）= √(‖&lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;i&lt;/i&gt;&lt;/sub&gt; − &lt;b&gt;x&lt;/b&gt;&lt;sub&gt;&lt;i&gt;j&lt;/i&gt;&lt;/sub&gt;‖² 的均值) / √2：点像球面上均匀分布的点那样分散时为 1；低于 0.1 时模型已坍缩</translation>
    </message>
    <message>
        <source>Training: loss, active share and β</source>
        <translation>训练：损失、活跃占比和 β</translation>
    </message>
    <message>
        <source>The batch loss at every step, raw (faint) and smoothed; the share of loss terms that are non-zero, the ones that still teach the model something; and the mean β of the margin loss, raw (faint) and smoothed, read on the right-hand axis. The faded curves are the previous run.</source>
        <translation>每一步的批次损失，原始值（浅色）和平滑值；非零损失项所占的比例，即仍在教给模型东西的那些项；以及间隔损失的平均 β，原始值（浅色）和平滑值，读右侧的坐标轴。浅色曲线是上一次运行。</translation>
    </message>
    <message>
        <source>smoothed &lt;i&gt;y&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt; = &lt;i&gt;s&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt; / (1 − 0.98&lt;sup&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sup&gt;), &amp;nbsp;&lt;i&gt;s&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt; = 0.98 &lt;i&gt;s&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;−1&lt;/sub&gt; + 0.02 &lt;i&gt;x&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt; (a time constant of 50 steps)&lt;br&gt;active share = share of the batch&apos;s loss terms &amp;gt; 0&lt;br&gt;mean β = mean over the batch&apos;s pairs of β&lt;sub&gt;0&lt;/sub&gt; + β&lt;sub&gt;class&lt;/sub&gt;(&lt;i&gt;c&lt;/i&gt;(&lt;i&gt;i&lt;/i&gt;)), the margin loss&apos;s learned boundary</source>
        <translation>平滑值 &lt;i&gt;y&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt; = &lt;i&gt;s&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt; / (1 − 0.98&lt;sup&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sup&gt;)，&amp;nbsp;&lt;i&gt;s&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt; = 0.98 &lt;i&gt;s&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;−1&lt;/sub&gt; + 0.02 &lt;i&gt;x&lt;/i&gt;&lt;sub&gt;&lt;i&gt;t&lt;/i&gt;&lt;/sub&gt;（时间常数为 50 步）&lt;br&gt;活跃占比 = 批次中 &amp;gt; 0 的损失项所占的比例&lt;br&gt;平均 β = 批次中各样本对的 β&lt;sub&gt;0&lt;/sub&gt; + β&lt;sub&gt;class&lt;/sub&gt;(&lt;i&gt;c&lt;/i&gt;(&lt;i&gt;i&lt;/i&gt;)) 的平均，即间隔损失学到的边界</translation>
    </message>
    <message>
        <source>Retrieval on unseen classes</source>
        <translation>未见类别上的检索</translation>
    </message>
    <message>
        <source>How well the embedding retrieves classes held out from training, which the model never sees: Recall@1, 2, 4 and 8, NMI and MAP@R, each with its colour, dashes and marker, and the spread of the embeddings. The faded curves are the previous run.</source>
        <translation>嵌入对训练时留出的类别的检索效果，模型从未见过这些类别：Recall@1、2、4、8，NMI 和 MAP@R，各有自己的颜色、虚线样式和标记，以及嵌入的分散度。浅色曲线是上一次运行。</translation>
    </message>
    <message>
        <source>The scores are measured every E steps on the held-out classes while the run goes on. The axis fits the curves; right-click the chart for scores from 0 to 1.</source>
        <translation>得分在运行过程中每 E 步在留出类别上测量一次。坐标轴适配曲线；右键单击图表可让得分轴从 0 到 1。</translation>
    </message>
    <message>
        <source>When you move the controls:</source>
        <translation>当你移动控件时：</translation>
    </message>
</context>
<context>
    <name>ViewGrid</name>
    <message>
        <source>What am I seeing? (F1)</source>
        <translation>我看到的是什么？（F1）</translation>
    </message>
</context>
<context>
    <name>WorkProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>sme::Message</name>
    <message>
        <source>%1: </source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>data set: </source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>%1: cannot open: %2</source>
        <translation>%1：无法打开：%2</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: larger than 2 GiB: too large to load</source>
        <translation>%1：大于 2 GiB，无法载入</translation>
    </message>
    <message>
        <source>%1gzip-compressed data where text was expected (compressed twice?)</source>
        <translation>%1应为文本，却是 gzip 压缩的数据（是否压缩了两次？）</translation>
    </message>
    <message>
        <source>%1empty file</source>
        <translation>%1空文件</translation>
    </message>
    <message>
        <source>%1no column &apos;%2&apos;; its columns: %3</source>
        <translation>%1没有名为“%2”的列；现有的列：%3</translation>
    </message>
    <message>
        <source>%1no header row (its first line is numbers), so no column &apos;%2&apos; to take the labels from</source>
        <translation>%1没有表头行（第一行是数字），因此没有可取标签的“%2”列</translation>
    </message>
    <message>
        <source>%1no data rows after the header</source>
        <translation>%1表头之后没有数据行</translation>
    </message>
    <message>
        <source>%1%2 rows of %3 values: more than %4, too large to load</source>
        <translation>%1%2 行、每行 %3 个值：多于 %4 个，无法载入</translation>
    </message>
    <message>
        <source>%1line %2 is empty (one point per line; only blank lines at the end are skipped)</source>
        <translation>%1第 %2 行为空（每行一个点；只跳过文件末尾的空行）</translation>
    </message>
    <message>
        <source>%1line %2 has %3 values, line 1 has %4</source>
        <translation>%1第 %2 行有 %3 个值，第 1 行有 %4 个</translation>
    </message>
    <message>
        <source>%1line %2 has %3 columns, line 1 has %4</source>
        <translation>%1第 %2 行有 %3 列，第 1 行有 %4 列</translation>
    </message>
    <message>
        <source>%1line %2, value %3</source>
        <translation>%1第 %2 行第 %3 个值</translation>
    </message>
    <message>
        <source>%1line %2, column %3</source>
        <translation>%1第 %2 行第 %3 列</translation>
    </message>
    <message>
        <source>%1: empty label</source>
        <translation>%1：标签为空</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1为空</translation>
    </message>
    <message>
        <source>%1 %2 is not a number</source>
        <translation>%1 %2 不是数字</translation>
    </message>
    <message>
        <source>%1 is NaN</source>
        <translation>%1是 NaN</translation>
    </message>
    <message>
        <source>%1 is infinite (%2)</source>
        <translation>%1为无穷大（%2）</translation>
    </message>
    <message>
        <source>%1 %2 is too large for a float</source>
        <translation>%1 %2 超出了 float 的范围</translation>
    </message>
    <message>
        <source>%1 (the Projector&apos;s vectors file has no header row: labels go in its metadata file)</source>
        <translation>%1（Projector 的向量文件没有表头行：标签应放在它的元数据文件中）</translation>
    </message>
    <message>
        <source>%1%2 columns (%3) and none named &apos;label&apos;: name the column of the labels (--label-column NAME)</source>
        <translation>%1有 %2 列（%3），但没有名为“label”的列：请指明标签所在的列（--label-column 列名）</translation>
    </message>
    <message>
        <source>%1one column, so no header row (the Projector&apos;s rule) and no column &apos;%2&apos;: leave the label column out</source>
        <translation>%1只有一列，因此没有表头行（Projector 的规则），也没有“%2”列：请不要指定标签列</translation>
    </message>
    <message>
        <source>%1line %2 has %3 field, the header has %4</source>
        <translation>%1第 %2 行有 %3 个字段，表头有 %4 个</translation>
    </message>
    <message>
        <source>%1line %2 has %3 fields, the header has %4</source>
        <translation>%1第 %2 行有 %3 个字段，表头有 %4 个</translation>
    </message>
    <message>
        <source>%1line %2: empty label</source>
        <translation>%1第 %2 行：标签为空</translation>
    </message>
    <message>
        <source>%1no labels: looked for %2 (or .gz) beside it; give the labels file with --labels FILE (the Projector&apos;s metadata TSV, one label per line)</source>
        <translation>%1没有标签：在它旁边找过 %2（或 .gz）；请用 --labels 文件 给出标签文件（Projector 的元数据 TSV，每行一个标签）</translation>
    </message>
    <message>
        <source>%1no labels file</source>
        <translation>%1没有标签文件</translation>
    </message>
    <message>
        <source>%1dimension %2 (values per point): a point needs at least two to have a direction on a sphere</source>
        <translation>%1维数为 %2（每个点的值的个数）：一个点至少要有两个值，才能在球面上有方向</translation>
    </message>
    <message>
        <source>%1 has %2 labels for %3 points</source>
        <translation>%1 有 %2 个标签，却有 %3 个点</translation>
    </message>
    <message>
        <source>%1all %2 points are of one class &apos;%3&apos;: retrieval needs at least two</source>
        <translation>%1全部 %2 个点都属于同一个类别“%3”：检索至少需要两个类别</translation>
    </message>
    <message>
        <source>%1row %2 is the zero vector: it has no direction on the sphere</source>
        <translation>%1第 %2 行是零向量：它在球面上没有方向</translation>
    </message>
    <message>
        <source>%1no data rows</source>
        <translation>%1没有数据行</translation>
    </message>
    <message>
        <source>%1no feature columns</source>
        <translation>%1没有特征列</translation>
    </message>
    <message>
        <source>%1%2 rows of features but %3 labels</source>
        <translation>%1有 %2 行特征，却有 %3 个标签</translation>
    </message>
    <message>
        <source>%1non-finite value at row %2, column %3</source>
        <translation>%1第 %2 行第 %3 列的值不是有限数</translation>
    </message>
    <message>
        <source>%1only one class (%2): retrieval needs at least two</source>
        <translation>%1只有一个类别（%2）：检索至少需要两个类别</translation>
    </message>
    <message>
        <source>%1line %2, column %3: %4</source>
        <translation>%1第 %2 行第 %3 列：%4</translation>
    </message>
    <message>
        <source>empty cell</source>
        <translation>单元格为空</translation>
    </message>
    <message>
        <source>%1 is not a number</source>
        <translation>%1 不是数字</translation>
    </message>
    <message>
        <source>non-finite value %1</source>
        <translation>值 %1 不是有限数</translation>
    </message>
    <message>
        <source>%1 is too large for a float</source>
        <translation>%1 超出了 float 的范围</translation>
    </message>
    <message>
        <source>empty cell (the label)</source>
        <translation>单元格为空（标签）</translation>
    </message>
    <message>
        <source>label %1 is not a number</source>
        <translation>标签 %1 不是数字</translation>
    </message>
    <message>
        <source>label %1 is not finite</source>
        <translation>标签 %1 不是有限数</translation>
    </message>
    <message>
        <source>label %1 is not an integer</source>
        <translation>标签 %1 不是整数</translation>
    </message>
    <message>
        <source>label %1 is outside the int range</source>
        <translation>标签 %1 超出了 int 的范围</translation>
    </message>
    <message>
        <source>%1line %2: 1 column; need at least one feature and the label in the last column</source>
        <translation>%1第 %2 行：只有 1 列；至少需要一个特征，并在最后一列放标签</translation>
    </message>
    <message>
        <source>%1line %2: the header has %3 columns but line %4 has %5</source>
        <translation>%1第 %2 行：表头有 %3 列，但第 %4 行有 %5 列</translation>
    </message>
    <message>
        <source>%1line %2 has %3 columns, expected %4 as on line %5</source>
        <translation>%1第 %2 行有 %3 列，应与第 %5 行一样有 %4 列</translation>
    </message>
    <message>
        <source>%1more than %2 values: too large to load</source>
        <translation>%1多于 %2 个值，无法载入</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
    <message>
        <source>%1cannot start zlib: %2</source>
        <translation>%1无法启动 zlib：%2</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>内存不足</translation>
    </message>
    <message>
        <source>%1more than %2 once decompressed: too large to load</source>
        <translation>%1解压后多于 %2，无法载入</translation>
    </message>
    <message>
        <source>%1%2 byte after the end of the gzip data, not gzip</source>
        <translation>%1gzip 数据结束后还有 %2 个字节，不是 gzip 数据</translation>
    </message>
    <message>
        <source>%1%2 bytes after the end of the gzip data, not gzip</source>
        <translation>%1gzip 数据结束后还有 %2 个字节，不是 gzip 数据</translation>
    </message>
    <message>
        <source>%1cannot restart zlib</source>
        <translation>%1无法重新启动 zlib</translation>
    </message>
    <message>
        <source>%1truncated gzip file: it ends after %2 bytes, before the end of its compressed stream</source>
        <translation>%1gzip 文件不完整：它在 %2 个字节后就结束了，压缩流还没有结束</translation>
    </message>
    <message>
        <source>%1damaged gzip data: %2</source>
        <translation>%1gzip 数据已损坏：%2</translation>
    </message>
    <message>
        <source>needs a dictionary</source>
        <translation>需要字典</translation>
    </message>
    <message>
        <source>%1cannot decompress: zlib error %2</source>
        <translation>%1无法解压：zlib 错误 %2</translation>
    </message>
    <message>
        <source>%1cannot decompress: zlib error %2: %3</source>
        <translation>%1无法解压：zlib 错误 %2：%3</translation>
    </message>
    <message>
        <source>%1: larger than %2: too large to load</source>
        <translation>%1：大于 %2，无法载入</translation>
    </message>
    <message>
        <source>%1not a NumPy .npy file: it does not start with \x93NUMPY</source>
        <translation>%1不是 NumPy 的 .npy 文件：它不以 \x93NUMPY 开头</translation>
    </message>
    <message>
        <source>%1dtype &apos;%2&apos; (%3): only float32 and float64 are read</source>
        <translation>%1数据类型“%2”（%3）：只能读取 float32 和 float64</translation>
    </message>
    <message>
        <source>%1dtype %2 (a structured type, fields of their own): only float32 and float64 are read</source>
        <translation>%1数据类型 %2（结构化类型，各有自己的字段）：只能读取 float32 和 float64</translation>
    </message>
    <message>
        <source>booleans</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>%1-bit integers</source>
        <translation>%1 位整数</translation>
    </message>
    <message>
        <source>%1-bit unsigned integers</source>
        <translation>%1 位无符号整数</translation>
    </message>
    <message>
        <source>%1-bit floats</source>
        <translation>%1 位浮点数</translation>
    </message>
    <message>
        <source>%1-bit complex numbers</source>
        <translation>%1 位复数</translation>
    </message>
    <message>
        <source>Unicode strings</source>
        <translation>Unicode 字符串</translation>
    </message>
    <message>
        <source>byte strings</source>
        <translation>字节串</translation>
    </message>
    <message>
        <source>Python objects</source>
        <translation>Python 对象</translation>
    </message>
    <message>
        <source>dates and times</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>time spans</source>
        <translation>时间间隔</translation>
    </message>
    <message>
        <source>raw bytes</source>
        <translation>原始字节</translation>
    </message>
    <message>
        <source>not a NumPy type</source>
        <translation>不是 NumPy 类型</translation>
    </message>
    <message>
        <source>%1shape %2 is %3-D: need 2-D, a point per row (points, dimensions)</source>
        <translation>%1形状 %2 是 %3 维的：需要 2 维，每行一个点（点数，维数）</translation>
    </message>
    <message>
        <source>%1shape %2: no points</source>
        <translation>%1形状 %2：没有点</translation>
    </message>
    <message>
        <source>%1shape %2 holds more than %3 values: too large to load</source>
        <translation>%1形状 %2 包含多于 %3 个值，无法载入</translation>
    </message>
    <message>
        <source>%1data too short: shape %2 of %3 needs %4 bytes after the header, the file has %5</source>
        <translation>%1数据太短：%3 类型、形状为 %2 的数据在表头之后需要 %4 个字节，文件只有 %5 个</translation>
    </message>
    <message>
        <source>%1%2 bytes after the data of shape %3 of %4</source>
        <translation>%1在 %4 类型、形状为 %3 的数据之后还有 %2 个字节</translation>
    </message>
    <message>
        <source>%1.npy format version %2.%3: only versions 1.0, 2.0 and 3.0 are read</source>
        <translation>%1.npy 格式版本 %2.%3：只能读取 1.0、2.0 和 3.0 版</translation>
    </message>
    <message>
        <source>%1row %2, value %3</source>
        <translation>%1第 %2 行第 %3 个值</translation>
    </message>
    <message>
        <source>%1 is infinite</source>
        <translation>%1为无穷大</translation>
    </message>
    <message>
        <source>%1the header is not a Python dict (it should read {&apos;descr&apos;: &apos;&lt;f4&apos;, &apos;fortran_order&apos;: False, &apos;shape&apos;: (N, D), }) but starts with %2</source>
        <translation>%1表头不是 Python 字典（应为 {&apos;descr&apos;: &apos;&lt;f4&apos;, &apos;fortran_order&apos;: False, &apos;shape&apos;: (N, D), } 这样的形式），而是以 %2 开头</translation>
    </message>
    <message>
        <source>%1header, character %2: %3</source>
        <translation>%1表头第 %2 个字符处：%3</translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation>此处应为%1</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;}&apos; after a value</source>
        <translation>值之后的“,”或“}”</translation>
    </message>
    <message>
        <source>&apos;:&apos; after a key</source>
        <translation>键之后的“:”</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;)&apos; in a tuple</source>
        <translation>元组中的“,”或“)”</translation>
    </message>
    <message>
        <source>&apos;,&apos; or &apos;]&apos; in a list</source>
        <translation>列表中的“,”或“]”</translation>
    </message>
    <message>
        <source>a key is not a string</source>
        <translation>有一个键不是字符串</translation>
    </message>
    <message>
        <source>text after the dict</source>
        <translation>字典之后还有文字</translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation>嵌套层数过多</translation>
    </message>
    <message>
        <source>a string without its closing quote</source>
        <translation>字符串缺少右引号</translation>
    </message>
    <message>
        <source>an escape sequence in a string</source>
        <translation>字符串中有转义序列</translation>
    </message>
    <message>
        <source>expected a string, True, False, a number, a tuple or a list</source>
        <translation>此处应为字符串、True、False、数字、元组或列表</translation>
    </message>
    <message>
        <source>a number beyond 64 bits</source>
        <translation>数字超出了 64 位</translation>
    </message>
    <message>
        <source>%1&apos;shape&apos; is %2, not a tuple</source>
        <translation>%1“shape”为 %2，不是元组</translation>
    </message>
    <message>
        <source>%1&apos;shape&apos; %2 holds %3, not a size</source>
        <translation>%1“shape” %2 中含有 %3，不是大小</translation>
    </message>
    <message>
        <source>%1truncated: %2 bytes, cut off in the magic string or the version</source>
        <translation>%1文件不完整：只有 %2 个字节，在魔数字符串或版本号处就中断了</translation>
    </message>
    <message>
        <source>%1truncated: cut off in the header length</source>
        <translation>%1文件不完整：在表头长度处中断了</translation>
    </message>
    <message>
        <source>%1truncated: the header should have %2 bytes, the file ends after %3</source>
        <translation>%1文件不完整：表头应有 %2 个字节，文件在 %3 个字节后就结束了</translation>
    </message>
    <message>
        <source>%1the header has an unknown key &apos;%2&apos; (a .npy header has &apos;descr&apos;, &apos;fortran_order&apos; and &apos;shape&apos;)</source>
        <translation>%1表头有未知的键“%2”（.npy 表头的键为“descr”、“fortran_order”和“shape”）</translation>
    </message>
    <message>
        <source>%1the header has &apos;%2&apos; twice</source>
        <translation>%1表头中“%2”出现了两次</translation>
    </message>
    <message>
        <source>%1&apos;fortran_order&apos; is %2, not True or False</source>
        <translation>%1“fortran_order”为 %2，不是 True 或 False</translation>
    </message>
    <message>
        <source>%1the header has no &apos;%2&apos;</source>
        <translation>%1表头中没有“%2”</translation>
    </message>
    <message>
        <source>%1gzip-compressed data where IDX data was expected (compressed twice?)</source>
        <translation>%1此处应为 IDX 数据，却是 gzip 压缩的数据（压缩了两次？）</translation>
    </message>
    <message>
        <source>%1truncated: %2 bytes, too short for an IDX header</source>
        <translation>%1文件不完整：只有 %2 个字节，不够一个 IDX 表头</translation>
    </message>
    <message>
        <source>%1wrong magic number (expected 0x00 0x00 at the start)</source>
        <translation>%1魔数错误（开头应为 0x00 0x00）</translation>
    </message>
    <message>
        <source>%1unknown element type %2 (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)</source>
        <translation>%1未知的元素类型 %2（应为 0x08、0x09、0x0B、0x0C、0x0D 或 0x0E）</translation>
    </message>
    <message>
        <source>%1an images file needs at least 2 dimensions (count x image), this one declares %2</source>
        <translation>%1图像文件至少需要 2 个维度（数量 × 图像），这个文件声明了 %2 个</translation>
    </message>
    <message>
        <source>%1a labels file needs exactly 1 dimension, this one declares %2</source>
        <translation>%1标签文件必须恰好有 1 个维度，这个文件声明了 %2 个</translation>
    </message>
    <message>
        <source>%1truncated: the header declares %2 dimensions but the file ends after %3 bytes</source>
        <translation>%1文件不完整：表头声明了 %2 个维度，但文件在 %3 个字节后就结束了</translation>
    </message>
    <message>
        <source>%1the header declares %2: a size of 0 leaves nothing to read</source>
        <translation>%1表头声明的大小为 %2：有一个大小为 0，就没有可读的内容</translation>
    </message>
    <message>
        <source>%1the header declares %2 values, more than the %3 this program can hold</source>
        <translation>%1表头声明了 %2 个值，多于本程序能容纳的 %3 个</translation>
    </message>
    <message>
        <source>%1 values of %2 bytes (%3 bytes)</source>
        <translation>%1 个 %2 字节的值（共 %3 字节）</translation>
    </message>
    <message>
        <source>%1truncated: the header declares %2 but the file has %3 after the %4-byte header</source>
        <translation>%1文件不完整：表头声明了 %2，但文件在 %4 字节的表头之后只有 %3 字节</translation>
    </message>
    <message>
        <source>%1the header declares %2 but the file has %3 after the %4-byte header: %5 bytes too many</source>
        <translation>%1表头声明了 %2，但文件在 %4 字节的表头之后有 %3 字节：多出 %5 字节</translation>
    </message>
    <message>
        <source>%1%2 labels for %3 images</source>
        <translation>%1有 %2 个标签，却有 %3 张图像</translation>
    </message>
    <message>
        <source>image %1, value %2</source>
        <translation>第 %1 张图像第 %2 个值</translation>
    </message>
    <message>
        <source>%1non-finite value at %2</source>
        <translation>%1%2不是有限数</translation>
    </message>
    <message>
        <source>%1%2 (%3) is too large for a float</source>
        <translation>%1%2（%3）超出了 float 的范围</translation>
    </message>
    <message>
        <source>%1non-finite value</source>
        <translation>%1有值不是有限数</translation>
    </message>
    <message>
        <source>%1label %2 is not finite</source>
        <translation>%1标签 %2 不是有限数</translation>
    </message>
    <message>
        <source>%1label %2 is %3, not an integer</source>
        <translation>%1标签 %2 为 %3，不是整数</translation>
    </message>
    <message>
        <source>%1label %2 is %3, outside the int range</source>
        <translation>%1标签 %2 为 %3，超出了 int 的范围</translation>
    </message>
    <message>
        <source>%1a training share of %2 splits %3 classes into %4 for training and %5 held out; each part needs at least two classes</source>
        <translation>%1训练比例 %2 把 %3 个类别分成 %4 个用于训练、%5 个留出；每一部分至少需要两个类别</translation>
    </message>
    <message>
        <source>%1label noise needs two classes or more</source>
        <translation>%1标签噪声至少需要两个类别</translation>
    </message>
    <message>
        <source>P x K batches with K = %1 need at least 2 classes with %1 points or more; %2 of %3 classes have that many: choose a smaller K</source>
        <translation>K = %1 的 P × K 批次至少需要 2 个各有不少于 %1 个点的类别；%3 个类别中只有 %2 个有这么多点：请选择更小的 K</translation>
    </message>
    <message>
        <source>%1point %2 is the zero vector: it has no direction on the sphere</source>
        <translation>%1第 %2 个点是零向量：它在球面上没有方向</translation>
    </message>
    <message>
        <source>%1embeddings of dimension %2 cannot be analysed: the dimension must be between %3 and %4</source>
        <translation>%1无法分析维数为 %2 的嵌入：维数必须在 %3 到 %4 之间</translation>
    </message>
</context>
</TS>
