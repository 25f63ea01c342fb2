using Hmc.Native.Diagnostics;

namespace Hmc.Native.Tests.Diagnostics;

public class ChainDrawsTests
{
    [Test]
    public void JaggedDrawsAreLaidOutChainMajor()
    {
        ChainDraws draws = new[] { new[] { 1.0, 2.0, 3.0 }, new[] { 4.0, 5.0, 6.0 } };
        Assert.That(draws.Chains, Is.EqualTo(2));
        Assert.That(draws.DrawsPerChain, Is.EqualTo(3));
        Assert.That(draws.Values.ToArray(), Is.EqualTo(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }));
        Assert.That(draws.Chain(1).ToArray(), Is.EqualTo(new[] { 4.0, 5.0, 6.0 }));
    }

    [Test]
    public void RaggedChainsThrow()
    {
        var ex = Assert.Throws<ArgumentException>(() => ChainDraws.FromJagged([[1.0, 2.0], [3.0]]));
        Assert.That(ex!.Message, Does.Contain("chain 1 has 1"));
    }

    [Test]
    public void EmptyInputThrows()
    {
        Assert.Throws<ArgumentException>(() => ChainDraws.FromJagged([]));
        Assert.Throws<ArgumentException>(() => ChainDraws.FromJagged([[]]));
        Assert.Throws<ArgumentNullException>(() => ChainDraws.FromJagged(null!));
    }

    [Test]
    public void SpanLengthMustMatchCounts()
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new ChainDraws(new double[5], 2, 3));
        Assert.That(ex!.Message, Does.Contain("2 chains × 3 draws = 6"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ChainDraws(new double[0], 0, 3));
    }
}
