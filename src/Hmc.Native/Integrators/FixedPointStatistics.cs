namespace Hmc.Native.Integrators;

/// <summary>What the fixed-point solves of an implicit trajectory did (DESIGN.md principle 4: never dropped).</summary>
public struct FixedPointStatistics
{
    /// <summary>The most iterations one solve took.</summary>
    public int MaxIterations;

    /// <summary>The largest final residual max|xₖ₊₁ − xₖ| of a solve.</summary>
    public double MaxResidual;

    /// <summary>True when a solve reached its iteration limit without meeting the threshold.</summary>
    public bool Failed;

    /// <summary>Records one solve.</summary>
    public void Add(int iterations, double residual, bool converged)
    {
        MaxIterations = Math.Max(MaxIterations, iterations);
        MaxResidual = Math.Max(MaxResidual, residual);
        Failed |= !converged;
    }
}
