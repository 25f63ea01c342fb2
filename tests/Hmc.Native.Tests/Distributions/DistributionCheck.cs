using Hmc.Native.Autodiff;
using Hmc.Native.Distributions;
using Hmc.Native.Ops;
using Hmc.Native.Tensors;
using Hmc.Native.Tests.Ops;

namespace Hmc.Native.Tests.Distributions;

/// <summary>A parameter or value of a test: its elements, its shape, and whether derivative checks perturb it.</summary>
public sealed record Arg(double[] Values, Shape Shape, bool Differentiable = true)
{
    /// <summary>A rank-1 argument.</summary>
    public static Arg Vector(params double[] values) => new(values, Shape.Vector(values.Length));

    /// <summary>A column [n, 1], which broadcasts against a row into a matrix.</summary>
    public static Arg Column(params double[] values) => new(values, Shape.Matrix(values.Length, 1));

    /// <summary>A rank-0 argument.</summary>
    public static Arg Scalar(double value) => new([value], Shape.Scalar);

    /// <summary>The same argument, kept constant by the derivative checks (a discrete parameter).</summary>
    public Arg Fixed() => this with { Differentiable = false };

    /// <summary>A heap constant.</summary>
    public Tensor<double> Constant() => Tensor.FromSpan<double>(Values, Shape);

    public override string ToString() => $"{Shape}";
}

/// <summary>
/// The one generic checker every distribution test uses: derivatives of Σ log p with respect to the parameters and
/// the value, the elementwise reference values under broadcasting, and invalid parameters in every mode.
/// </summary>
public static class DistributionCheck
{
    /// <summary>
    /// Checks the gradient, Hessian and Hessian-vector product of x ↦ Σ make(parameters(x)).LogProb(value(x)) against
    /// finite differences, where x stacks the differentiable parameters and, when <paramref name="differentiateValue"/>,
    /// the value.
    /// </summary>
    public static void CheckDerivatives(Func<Tensor<double>[], Distribution<double>> make, Arg[] parameters, Arg value,
        bool differentiateValue, double tolerance = 1e-6)
    {
        var (f, x) = SummedLogDensity(make, parameters, value, differentiateValue);
        DerivativeCheck.Check(f, x, tolerance);
    }

    /// <summary>The third derivatives ∇(uᵀ∇²f v) of the same function, recorded as a graph of a graph, against finite differences.</summary>
    public static void CheckThirdDerivatives(Func<Tensor<double>[], Distribution<double>> make, Arg[] parameters, Arg value, bool differentiateValue)
    {
        var (f, x) = SummedLogDensity(make, parameters, value, differentiateValue);
        OpCheck.CheckThirdOrder(f, x);
    }

    /// <summary>
    /// x ↦ Σ make(parameters(x)).LogProb(value(x)) and the point x that stacks the differentiable parameters and, when
    /// <paramref name="differentiateValue"/>, the value; the other arguments are constants.
    /// </summary>
    private static (Func<Tensor<double>, Tensor<double>> F, double[] X) SummedLogDensity(Func<Tensor<double>[], Distribution<double>> make,
        Arg[] parameters, Arg value, bool differentiateValue)
    {
        var varying = parameters.Where(p => p.Differentiable).ToList();
        if (differentiateValue) varying.Add(value);
        var x = varying.SelectMany(p => p.Values).ToArray();
        Assert.That(x, Is.Not.Empty, "nothing to differentiate");

        Tensor<double> F(Tensor<double> t)
        {
            int offset = 0;
            Tensor<double> Next(Arg a)
            {
                if (!a.Differentiable) return a.Constant();
                var slice = t[offset..(offset + a.Values.Length)].Reshape(a.Shape);
                offset += a.Values.Length;
                return slice;
            }
            var tensors = parameters.Select(Next).ToArray();
            var v = differentiateValue ? Next(value) : value.Constant();
            return make(tensors).LogProb(v).Sum();
        }
        return (F, x);
    }

    /// <summary>
    /// The log-density expected at every element of the broadcast of the parameters and the value, from a scalar
    /// reference (parameters at the element, value at the element).
    /// </summary>
    public static double[] Reference(Func<double[], double, double> logDensity, Arg[] parameters, Arg value)
    {
        var shape = parameters.Aggregate(value.Shape, (s, p) => Shape.Broadcast(s, p.Shape, "reference"));
        var result = new double[shape.Length];
        var at = new double[parameters.Length];
        for (int i = 0; i < result.Length; i++)
        {
            for (int p = 0; p < parameters.Length; p++) at[p] = parameters[p].Values[SourceIndex(parameters[p].Shape, shape, i)];
            result[i] = logDensity(at, value.Values[SourceIndex(value.Shape, shape, i)]);
        }
        return result;
    }

    /// <summary>The flat index in a tensor of <paramref name="source"/> shape of the element broadcast to flat index <paramref name="index"/> of <paramref name="target"/>.</summary>
    public static int SourceIndex(Shape source, Shape target, int index)
    {
        int result = 0, stride = 1;
        for (int axis = target.Rank - 1, s = source.Rank - 1; axis >= 0; axis--, s--)
        {
            int coordinate = index % target[axis];
            index /= target[axis];
            if (s < 0) continue;
            if (source[s] != 1) result += coordinate * stride;
            stride *= source[s];
        }
        return result;
    }

    /// <summary>The ways a parameter reaches a constructor: a heap constant, a tape variable, a tape constant.</summary>
    public enum Mode
    {
        HeapConstant,
        TapeVariable,
        TapeConstant,
    }

    /// <summary>The arguments as tensors of the given mode (all on one fresh tape for the tape modes).</summary>
    public static Tensor<double>[] AsTensors(Arg[] arguments, Mode mode)
    {
        var tape = new Tape<double>();
        return arguments.Select(a => mode switch
        {
            Mode.HeapConstant => a.Constant(),
            Mode.TapeVariable => tape.Variable(a.Values, a.Shape),
            _ => tape.Constant(a.Values, a.Shape),
        }).ToArray();
    }

    /// <summary>
    /// Asserts the rule for invalid parameter values: as heap constants, building the distribution throws an
    /// <see cref="ArgumentException"/> whose message names the distribution, <paramref name="parameter"/> and the rule
    /// broken (<paramref name="requirement"/>); as tape variables and tape constants nothing throws, the log-density of
    /// <paramref name="value"/> is on the tape and −∞ (or NaN) at some element, and, for tape variables, the gradient
    /// of its sum is finite (an invalid element adds 0).
    /// </summary>
    public static void ThrowsForConstantsAndRejectsOnATape(Func<Tensor<double>[], Distribution<double>> make, Arg[] parameters, Arg value,
        string distribution, string parameter, string requirement)
    {
        var e = Assert.Catch<ArgumentException>(() => make(AsTensors(parameters, Mode.HeapConstant)), $"{distribution} with invalid '{parameter}' as a constant");
        Assert.That(e!.Message, Does.StartWith($"{distribution}: ").And.Contain($"'{parameter}'").And.Contain(requirement), "message");
        foreach (var mode in new[] { Mode.TapeVariable, Mode.TapeConstant })
        {
            var tape = new Tape<double>();
            var tensors = parameters.Select(a => mode == Mode.TapeVariable ? tape.Variable(a.Values, a.Shape) : tape.Constant(a.Values, a.Shape)).ToArray();
            Tensor<double> logProb = default;
            Assert.DoesNotThrow(() => logProb = make(tensors).LogProb(value.Constant()), $"{distribution} with invalid '{parameter}' on a tape ({mode})");
            Assert.That(logProb.IsOnTape, Is.True, mode.ToString());
            Assert.That(logProb.ToArray(), Has.Some.Matches<double>(v => double.IsNaN(v) || v == double.NegativeInfinity), $"log-density ({mode})");
            if (mode != Mode.TapeVariable) continue;
            foreach (var g in tape.Gradient(logProb.Sum(), tensors, allowUnused: true))
                Assert.That(g.ToArray(), Has.All.Matches<double>(double.IsFinite), "gradient");
        }
    }

    /// <summary>
    /// Asserts that building the distribution throws an <see cref="ArgumentException"/> (or a subclass) whose message
    /// names the distribution and <paramref name="parameter"/>, with heap constants, tape variables and tape constants:
    /// the rule for shapes, which are programming errors.
    /// </summary>
    public static void ThrowsInEveryMode(Func<Tensor<double>[], Distribution<double>> make, Arg[] parameters, string distribution, string parameter)
    {
        foreach (var mode in Enum.GetValues<Mode>())
        {
            var tensors = AsTensors(parameters, mode);
            var e = Assert.Catch<ArgumentException>(() => make(tensors), $"{distribution} with invalid '{parameter}' as {mode}");
            Assert.That(e!.Message, Does.Contain(distribution).And.Contain(parameter), $"message ({mode})");
        }
    }
}
