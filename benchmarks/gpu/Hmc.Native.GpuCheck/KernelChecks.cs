using Hmc.Native.Gpu;
using Hmc.Native.Kernels;
using Hmc.Native.Nn;

namespace Hmc.Native.GpuCheck;

/// <summary>Runs every kernel on the device on fresh random inputs and compares it with <see cref="CpuReference"/>.</summary>
internal sealed class KernelChecks(GpuAccelerator gpu, ProblemSizes sizes, int seed)
{
    private const double ElementwiseAbsolute = 1e-5;
    private const double ElementwiseRelative = 2e-4;

    private readonly Random random = new(seed);
    private readonly List<CheckResult> results = [];

    public IReadOnlyList<CheckResult> RunAll(Action<CheckResult> report)
    {
        void Run(Action check)
        {
            int before = results.Count;
            check();
            for (int i = before; i < results.Count; i++) report(results[i]);
        }

        Run(Unary);
        Run(Binary);
        Run(Reductions);
        Run(Matmul);
        Run(Convolution);
        Run(Pooling);
        Run(SoftmaxAndCrossEntropy);
        Run(Leapfrog);
        return results;
    }

    /// <summary>Float sums of <paramref name="terms"/> products of values in [−1, 1]: a tolerance that grows linearly with the length.</summary>
    private static double SumTolerance(int terms) => 1e-5 + (4e-7 * terms);

    private float[] Uniform(int length, float low = -1f, float high = 1f)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = low + ((high - low) * random.NextSingle());
        return values;
    }

    private void Add(string kernel, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double absolute, double relative) =>
        results.Add(CheckResult.Compare(kernel, expected, actual, absolute, relative));

    private void CheckUnary<TOperation>(string name, Func<double, double> reference, float low, float high)
        where TOperation : struct, IUnaryOperation
    {
        var x = Uniform(sizes.Elementwise, low, high);
        using var input = gpu.Upload<float>(x);
        using var output = gpu.Allocate<float>(x.Length);
        gpu.Elementwise.Unary<TOperation>(input.View, output.View);
        Add(name, Array.ConvertAll(x, v => reference(v)), output.ToArray(), ElementwiseAbsolute, ElementwiseRelative);
    }

    private void Unary()
    {
        CheckUnary<ExpOperation>("exp", Math.Exp, -20f, 20f);
        CheckUnary<LogOperation>("log", Math.Log, 1e-3f, 100f);
        CheckUnary<TanhOperation>("tanh", Math.Tanh, -6f, 6f);
        CheckUnary<ReluOperation>("relu", v => Math.Max(v, 0), -3f, 3f);
        CheckUnary<SigmoidOperation>("sigmoid", v => 1 / (1 + Math.Exp(-v)), -20f, 20f);
        CheckUnary<SoftplusOperation>("softplus", v => Math.Log(1 + Math.Exp(v)), -20f, 20f);
        CheckUnary<SqrtOperation>("sqrt", Math.Sqrt, 0f, 100f);
        CheckUnary<AbsOperation>("abs", Math.Abs, -3f, 3f);
        CheckUnary<NegateOperation>("negate", v => -v, -3f, 3f);
        CheckUnary<SquareOperation>("square", v => v * v, -3f, 3f);
    }

    private void CheckBinary<TOperation>(string name, Func<double, double, double> reference, float lowB = -2f)
        where TOperation : struct, IBinaryOperation
    {
        int n = sizes.Elementwise;
        var a = Uniform(n, -2f, 2f);
        var b = Uniform(n, lowB, 2f);
        using var av = gpu.Upload<float>(a);
        using var bv = gpu.Upload<float>(b);
        using var output = gpu.Allocate<float>(n);
        gpu.Elementwise.Binary<TOperation>(av.View, bv.View, output.View);
        var expected = new double[n];
        for (int i = 0; i < n; i++) expected[i] = reference(a[i], b[i]);
        Add(name, expected, output.ToArray(), ElementwiseAbsolute, ElementwiseRelative);
    }

    private void Binary()
    {
        CheckBinary<AddOperation>("add", (a, b) => a + b);
        CheckBinary<SubtractOperation>("subtract", (a, b) => a - b);
        CheckBinary<MultiplyOperation>("multiply", (a, b) => a * b);
        CheckBinary<DivideOperation>("divide", (a, b) => a / b, 0.1f);
        CheckBinary<MaximumOperation>("maximum", Math.Max);
        CheckBinary<ReluGradientOperation>("relu gradient", (x, g) => x > 0 ? g : 0);
        CheckBinary<TanhGradientOperation>("tanh gradient", (y, g) => g * (1 - (y * y)));

        int n = sizes.Elementwise;
        var x = Uniform(n);
        using var xv = gpu.Upload<float>(x);
        using var output = gpu.Allocate<float>(n);
        gpu.Elementwise.BinaryScalar<MultiplyOperation>(xv.View, -0.75f, output.View);
        Add("multiply by scalar", Array.ConvertAll(x, v => v * -0.75), output.ToArray(), ElementwiseAbsolute, ElementwiseRelative);

        int rows = sizes.Elementwise / 64;
        const int columns = 64;
        var matrix = Uniform(rows * columns);
        var row = Uniform(columns);
        using var mv = gpu.Upload<float>(matrix);
        using var rv = gpu.Upload<float>(row);
        using var sum = gpu.Allocate<float>(rows * columns);
        gpu.Elementwise.BinaryBroadcast<AddOperation>(mv.View, [rows, columns], rv.View, [columns], sum.View);
        var expected = new double[matrix.Length];
        for (int i = 0; i < matrix.Length; i++) expected[i] = matrix[i] + row[i % columns];
        Add("broadcast add row vector", expected, sum.ToArray(), ElementwiseAbsolute, ElementwiseRelative);

        int batch = sizes.CheckBatch;
        int[] images = [batch, 20, 12, 12];
        var activations = Uniform(batch * 20 * 144);
        var scale = Uniform(20);
        using var av = gpu.Upload<float>(activations);
        using var sv = gpu.Upload<float>(scale);
        using var scaled = gpu.Allocate<float>(activations.Length);
        gpu.Elementwise.BinaryBroadcast<MultiplyOperation>(av.View, images, sv.View, [1, 20, 1, 1], scaled.View);
        expected = new double[activations.Length];
        for (int i = 0; i < activations.Length; i++) expected[i] = activations[i] * (double)scale[i / 144 % 20];
        Add("broadcast multiply per channel", expected, scaled.ToArray(), ElementwiseAbsolute, ElementwiseRelative);
    }

    private void Reductions()
    {
        int rows = sizes.ReductionRows;
        int columns = sizes.ReductionColumns;
        var x = Uniform(rows * columns);
        using var xv = gpu.Upload<float>(x);
        using var rowOut = gpu.Allocate<float>(rows);
        using var columnOut = gpu.Allocate<float>(columns);
        var rowSum = new double[rows];
        var rowMax = new double[rows];
        var columnSum = new double[columns];
        Array.Fill(rowMax, double.NegativeInfinity);
        for (int i = 0; i < x.Length; i++)
        {
            rowSum[i / columns] += x[i];
            columnSum[i % columns] += x[i];
            rowMax[i / columns] = Math.Max(rowMax[i / columns], x[i]);
        }

        gpu.Reductions.ReduceRows<SumReduction>(xv.View, rowOut.View, rows, columns);
        Add("sum rows", rowSum, rowOut.ToArray(), SumTolerance(columns), 1e-5);
        gpu.Reductions.ReduceRows<MaxReduction>(xv.View, rowOut.View, rows, columns);
        Add("max rows", rowMax, rowOut.ToArray(), 0, 0);
        gpu.Reductions.ReduceColumns<SumReduction>(xv.View, columnOut.View, rows, columns);
        Add("sum columns", columnSum, columnOut.ToArray(), SumTolerance(rows), 1e-5);
        gpu.Reductions.LogSumExpRows(xv.View, rowOut.View, rows, columns);
        Add("log-sum-exp rows", CpuReference.LogSumExpRows(x, rows, columns), rowOut.ToArray(), 1e-5, 2e-5);

        int n = sizes.Reduction;
        var positive = Uniform(n, 0f, 1f);
        var other = Uniform(n);
        var inverseMass = Uniform(n, 0.1f, 2f);
        using var pv = gpu.Upload<float>(positive);
        using var ov = gpu.Upload<float>(other);
        using var mv = gpu.Upload<float>(inverseMass);
        using var result = gpu.Allocate<float>(1);
        double sum = 0, dot = 0, squares = 0, kinetic = 0;
        for (int i = 0; i < n; i++)
        {
            sum += positive[i];
            dot += (double)positive[i] * other[i];
            squares += (double)other[i] * other[i];
            kinetic += 0.5 * inverseMass[i] * other[i] * other[i];
        }

        gpu.Reductions.Reduce<SumReduction>(pv.View, result.View);
        Add("sum", [sum], [result.Read(0)], 1e-5, 1e-5);
        gpu.Reductions.Reduce<MaxReduction>(ov.View, result.View);
        Add("max", [other.Max()], [result.Read(0)], 0, 0);
        gpu.Reductions.LogSumExp(ov.View, result.View);
        Add("log-sum-exp", [CpuReference.LogSumExp(other)], [result.Read(0)], 1e-5, 2e-5);
        gpu.Reductions.Dot(pv.View, ov.View, result.View);
        Add("dot", [dot], [result.Read(0)], 1e-5 + (1e-6 * Math.Sqrt(n)), 1e-4);
        gpu.Reductions.SumOfSquares(ov.View, result.View);
        Add("sum of squares", [squares], [result.Read(0)], 1e-5, 1e-5);
        gpu.Reductions.KineticEnergy(ov.View, mv.View, result.View);
        Add("kinetic energy", [kinetic], [result.Read(0)], 1e-5, 1e-5);
    }

    private void Matmul()
    {
        var (m, n, k) = sizes.CheckedMatmul;
        var a = Uniform(m * k);
        var b = Uniform(k * n);
        using var av = gpu.Upload<float>(a);
        using var bv = gpu.Upload<float>(b);
        using var c = gpu.Allocate<float>(m * n);
        foreach (var (ta, tb) in new[] { (false, false), (true, false), (false, true) })
        {
            var layout = GemmLayout.RowMajor(m, n, k, ta, tb);
            var expected = CpuReference.Matmul(a, b, m, n, k, ta, tb);
            string op = (ta ? "Aᵀ" : "A") + (tb ? "Bᵀ" : "B");
            gpu.Matmul.Multiply(av.View, bv.View, c.View, layout);
            Add($"matmul tiled {op} {m}x{n}x{k}", expected, c.ToArray(), SumTolerance(k), 1e-4);
            if (ta || tb) continue;
            gpu.Matmul.MultiplyNaive(av.View, bv.View, c.View, layout);
            Add($"matmul naive {op} {m}x{n}x{k}", expected, c.ToArray(), SumTolerance(k), 1e-4);
        }
    }

    /// <summary>Checks forward, ∂input and ∂weight with each <see cref="ConvolutionStrategy"/>, then ∂bias (which has one kernel).</summary>
    private void CheckConvolution(Conv2dGeometry g)
    {
        string name = ProblemSizes.Describe(g);
        using var p = new ConvolutionProblem(gpu, g, n => Uniform(n));
        var (rdx, rdw, rdb) = CpuReference.ConvBackward(p.X, p.W, p.Dy, g);
        var ry = CpuReference.ConvForward(p.X, p.W, p.Bias, g);
        int taps = g.InChannels * g.KernelHeight * g.KernelWidth;
        int positions = g.Batch * g.OutHeight * g.OutWidth;
        var defaultStrategy = gpu.Convolution.Strategy;
        try
        {
            foreach (var strategy in Enum.GetValues<ConvolutionStrategy>())
            {
                gpu.Convolution.Strategy = strategy;
                string label = $"{name}, {strategy.ToString().ToLowerInvariant()}";
                gpu.Convolution.Forward(p.XDevice.View, p.WDevice.View, p.BiasDevice.View, p.Y.View, g);
                gpu.Convolution.BackwardInput(p.DyDevice.View, p.WDevice.View, p.Dx.View, g);
                gpu.Convolution.BackwardWeight(p.DyDevice.View, p.XDevice.View, p.Dw.View, g);
                Add($"{label}: forward", ry, p.Y.ToArray(), SumTolerance(taps), 1e-4);
                Add($"{label}: backward input", rdx, p.Dx.ToArray(), SumTolerance(g.OutChannels * g.KernelHeight * g.KernelWidth), 1e-4);
                Add($"{label}: backward weight", rdw, p.Dw.ToArray(), SumTolerance(positions), 1e-4);
            }
        }
        finally
        {
            gpu.Convolution.Strategy = defaultStrategy;
        }

        gpu.Convolution.BackwardBias(p.DyDevice.View, p.Db.View, g);
        Add($"{name}: backward bias", rdb, p.Db.ToArray(), SumTolerance(positions), 1e-4);
    }

    private void Convolution()
    {
        CheckConvolution(ProblemSizes.WithBatch(sizes.FirstConvolution, sizes.CheckBatch));
        CheckConvolution(ProblemSizes.WithBatch(sizes.SecondConvolution, sizes.CheckBatch));
        CheckConvolution(new Conv2dGeometry(sizes.CheckBatch, 3, 7, 7, 4, 3, 3, stride: 2, padding: 1));
    }

    private void Pooling()
    {
        var conv = sizes.FirstConvolution;
        var g = new Pool2dGeometry(sizes.CheckBatch, conv.OutChannels, conv.OutHeight, conv.OutWidth, 2);
        var x = Uniform(g.InputLength);
        var dy = Uniform(g.OutputLength);
        using var xv = gpu.Upload<float>(x);
        using var y = gpu.Allocate<float>(g.OutputLength);
        using var argmax = gpu.Allocate<int>(g.OutputLength);
        using var dyv = gpu.Upload<float>(dy);
        using var dx = gpu.Allocate<float>(g.InputLength);
        gpu.Pooling.MaxForward(xv.View, y.View, argmax.View, g);
        gpu.Pooling.MaxBackward(dyv.View, argmax.View, dx.View, g);
        var (values, indices) = CpuReference.MaxPool(x, g);
        var expectedDx = new double[g.InputLength];
        for (int o = 0; o < dy.Length; o++) expectedDx[indices[o]] += dy[o];
        Add($"max pool k2 {g.Channels}x{g.Height}x{g.Width}: forward", values, y.ToArray(), 0, 0);
        results.Add(CheckResult.CompareExact($"max pool k2 {g.Channels}x{g.Height}x{g.Width}: argmax", indices, argmax.ToArray()));
        Add($"max pool k2 {g.Channels}x{g.Height}x{g.Width}: backward", expectedDx, dx.ToArray(), 0, 0);
    }

    private void SoftmaxAndCrossEntropy()
    {
        int rows = Math.Max(sizes.TimedBatch, 10);
        const int classes = 10;
        var z = Uniform(rows * classes, -8f, 8f);
        var labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = random.Next(classes);
        using var zv = gpu.Upload<float>(z);
        using var lv = gpu.Upload<int>(labels);
        using var logSoftmax = gpu.Allocate<float>(z.Length);
        using var rowLse = gpu.Allocate<float>(rows);
        using var rowLoss = gpu.Allocate<float>(rows);
        using var total = gpu.Allocate<float>(1);
        using var gradient = gpu.Allocate<float>(z.Length);
        gpu.Softmax.LogSoftmaxRows(zv.View, logSoftmax.View, rows, classes);
        gpu.CrossEntropy.NegativeLogLikelihood(zv.View, lv.View, rowLse.View, rowLoss.View, total.View, rows, classes);
        gpu.CrossEntropy.Gradient(zv.View, lv.View, rowLse.View, gradient.View, rows, classes);
        var lse = CpuReference.LogSumExpRows(z, rows, classes);
        var expected = new double[z.Length];
        for (int i = 0; i < z.Length; i++) expected[i] = z[i] - lse[i / classes];
        var (loss, grad) = CpuReference.CrossEntropy(z, labels, rows, classes);
        Add("log-softmax rows", expected, logSoftmax.ToArray(), 1e-5, 2e-5);
        Add("cross-entropy total", [loss], [total.Read(0)], 1e-4, 2e-5);
        Add("cross-entropy gradient", grad, gradient.ToArray(), 1e-5, 1e-4);
    }

    private void Leapfrog()
    {
        int n = sizes.Parameters;
        const int steps = 10;
        const float stepSize = 0.05f;
        var theta = Uniform(n, -2f, 2f);
        var p = Uniform(n, -2f, 2f);
        var negativePrecision = Uniform(n, -4f, -0.25f);
        var inverseMass = Uniform(n, 0.5f, 2f);
        using var thetaView = gpu.Upload<float>(theta);
        using var pView = gpu.Upload<float>(p);
        using var precision = gpu.Upload<float>(negativePrecision);
        using var massView = gpu.Upload<float>(inverseMass);
        using var gradient = gpu.Allocate<float>(n);
        void Gradient(ILGPU.ArrayView<float> position, ILGPU.ArrayView<float> g) =>
            gpu.Elementwise.Binary<MultiplyOperation>(position, precision.View, g);
        Gradient(thetaView.View, gradient.View);
        gpu.Leapfrog.Integrate(thetaView.View, pView.View, gradient.View, massView.View, stepSize, steps, Gradient);
        var (expectedTheta, expectedP) = CpuReference.GaussianTrajectory(theta, p, negativePrecision, inverseMass, stepSize, steps);
        Add($"leapfrog trajectory position ({steps} steps)", expectedTheta, thetaView.ToArray(), 1e-5, 1e-4);
        Add($"leapfrog trajectory momentum ({steps} steps)", expectedP, pView.ToArray(), 1e-5, 1e-4);
    }
}
