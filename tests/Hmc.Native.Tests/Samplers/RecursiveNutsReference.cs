using Hmc.Native.Integrators;
using Hmc.Native.Metrics;
using Hmc.Native.Randomness;
using Hmc.Native.Samplers;

namespace Hmc.Native.Tests.Samplers;

/// <summary>
/// A slow recursive NUTS kept as an oracle (DESIGN.md principle 9): the tree is built by the recursion of Hoffman
/// &amp; Gelman's Algorithm 6, with Stan's multinomial weights, generalised criterion and checks across merged
/// sub-trees. It consumes the momentum and the 64 direction bits in the same order as <see cref="NutsKernel"/>, so
/// both build the same trajectory; the multinomial choices use other uniforms and are not compared.
/// </summary>
internal sealed class RecursiveNutsReference(ILogDensity density, IEuclideanMetric metric, double stepSize, int maxDepth)
{
    public sealed record Outcome(int Depth, int Leapfrogs, bool Divergent, double AcceptStat, double[] Minus, double[] Plus);

    private int _leapfrogs;
    private double _sumMetropolis;
    private bool _divergent;

    public Outcome Transition(Rng rng, ChainState state)
    {
        int n = density.Dimension;
        var minus = new PhasePoint(n);
        state.Position.CopyTo(minus.Position, 0);
        state.Gradient.CopyTo(minus.Gradient, 0);
        minus.LogDensity = state.LogDensity;
        metric.SampleMomentum(rng, minus.Momentum);
        minus.UpdateVelocity(metric);
        ulong directions = rng.NextUInt64();
        var plus = new PhasePoint(n);
        plus.CopyFrom(minus);
        double h0 = minus.Energy;
        var rho = (double[])minus.Momentum.Clone();
        _leapfrogs = 0;
        _sumMetropolis = 0;
        _divergent = false;
        int depth = 0;
        while (depth < maxDepth)
        {
            bool forward = ((directions >> depth) & 1) == 1;
            var edge = forward ? plus : minus;
            var oldFar = forward ? minus : plus;
            var oldJunctionP = (double[])edge.Momentum.Clone();
            var oldJunctionV = (double[])edge.Velocity.Clone();
            var oldFarV = (double[])oldFar.Velocity.Clone();
            var subRho = new double[n];
            var sub = Build(depth, edge, forward ? stepSize : -stepSize, h0, subRho);
            depth++;
            if (!sub.Valid) break;
            bool persist = Criterion(oldFarV, sub.EndV, Add(rho, subRho));
            persist &= Criterion(oldFarV, sub.BeginV, Add(rho, sub.BeginP));
            persist &= Criterion(oldJunctionV, sub.EndV, Add(subRho, oldJunctionP));
            rho = Add(rho, subRho);
            if (!persist) break;
        }
        return new Outcome(depth, _leapfrogs, _divergent, _sumMetropolis / _leapfrogs, minus.Position, plus.Position);
    }

    private sealed record Subtree(bool Valid, double[] BeginP, double[] BeginV, double[] EndP, double[] EndV);

    private Subtree Build(int depth, PhasePoint z, double eps, double h0, double[] rho)
    {
        if (depth == 0)
        {
            bool ok = Leapfrog.Step(density, metric, z, eps);
            _leapfrogs++;
            double h = ok ? z.Energy : double.PositiveInfinity;
            _sumMetropolis += h0 - h > 0 ? 1 : Math.Exp(h0 - h);
            bool divergent = h - h0 > 1000;
            _divergent |= divergent;
            for (int i = 0; i < rho.Length; i++) rho[i] += z.Momentum[i];
            var p = (double[])z.Momentum.Clone();
            var v = (double[])z.Velocity.Clone();
            return new Subtree(!divergent, p, v, p, v);
        }
        var rhoInit = new double[rho.Length];
        var init = Build(depth - 1, z, eps, h0, rhoInit);
        if (!init.Valid) return init;
        var rhoFinal = new double[rho.Length];
        var final = Build(depth - 1, z, eps, h0, rhoFinal);
        if (!final.Valid) return final;
        var rhoSubtree = Add(rhoInit, rhoFinal);
        bool persist = Criterion(init.BeginV, final.EndV, rhoSubtree);
        persist &= Criterion(init.BeginV, final.BeginV, Add(rhoInit, final.BeginP));
        persist &= Criterion(init.EndV, final.EndV, Add(rhoFinal, init.EndP));
        for (int i = 0; i < rho.Length; i++) rho[i] += rhoSubtree[i];
        return new Subtree(persist, init.BeginP, init.BeginV, final.EndP, final.EndV);
    }

    private static bool Criterion(double[] vMinus, double[] vPlus, double[] rho)
    {
        double a = 0, b = 0;
        for (int i = 0; i < rho.Length; i++)
        {
            a += vMinus[i] * rho[i];
            b += vPlus[i] * rho[i];
        }
        return a > 0 && b > 0;
    }

    private static double[] Add(double[] a, double[] b) => a.Zip(b, (x, y) => x + y).ToArray();
}
