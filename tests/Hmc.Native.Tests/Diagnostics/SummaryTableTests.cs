using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class SummaryTableTests
{
    [Test]
    public void FormatsLikeStansummary()
    {
        // Arguments: name, mean, sd, mcse_mean, q5, q50, q95, ess_bulk, ess_tail, rhat.
        var rows = new[]
        {
            new ParameterSummary("theta.1", 0.2512, 0.1213, 0.005734, 0.07712, 0.2345, 0.4789, 456.4, 512.6, 1.0034),
            new ParameterSummary("lp__", -7.2874, 0.7123, 0.03412, -8.7801, -6.9954, -6.7502, 1233.6, 999.5, 1.0),
            new ParameterSummary("bad", double.NaN, 0, double.NaN, 1, 1, 1, double.NaN, double.NaN, double.NaN),
        };
        string expected =
            "          Mean     MCSE  StdDev      5%    50%    95%  ESS_bulk  ESS_tail  R_hat\n" +
            "\n" +
            "theta.1  0.251  0.00573   0.121  0.0771  0.234  0.479       456       513   1.00\n" +
            "lp__     -7.29   0.0341   0.712   -8.78     -7  -6.75      1234      1000   1.00\n" +
            "bad        nan      nan       0       1      1      1       nan       nan    nan\n";
        Assert.That(SummaryTable.Format(rows), Is.EqualTo(expected));
    }

    [Test]
    public void LargeValuesAreRoundedToIntegers()
    {
        var text = SummaryTable.Format([new ParameterSummary("x", 123456.7, 5000, 12.34, 1, 2, 3, 10, 10, 1)]);
        Assert.That(text, Does.Contain("123457"));
        Assert.That(text, Does.Contain("12.3"));
    }

    [Test]
    public void InvalidArgumentsThrow()
    {
        Assert.Throws<ArgumentNullException>(() => SummaryTable.Format(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => SummaryTable.Format([], 0));
    }
}
