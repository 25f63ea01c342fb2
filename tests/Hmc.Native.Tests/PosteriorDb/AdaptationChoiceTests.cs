using Hmc.Native.Adaptation;
using Hmc.Native.Cli.PosteriorDb;

namespace Hmc.Native.Tests.PosteriorDb;

public class AdaptationChoiceTests
{
    [TestCase("stan", AdaptationScheme.Stan, 1000)]
    [TestCase("diag", AdaptationScheme.Diagonal, 0)]
    [TestCase("lowrank", AdaptationScheme.LowRank, 0)]
    public void EachNameSelectsItsSchemeAndWarmUpLength(string name, AdaptationScheme scheme, int burn)
    {
        var options = PosteriorDbRun.Options(7, name);
        Assert.Multiple(() =>
        {
            Assert.That(options.Adaptation, Is.EqualTo(scheme));
            Assert.That(options.Burn, Is.EqualTo(burn), "0 is nutpie's default of 400 warm-up draws");
            Assert.That(options.Seed, Is.EqualTo(7UL));
        });
    }

    [Test]
    public void AnUnknownNameListsTheSchemes()
    {
        var error = Assert.Throws<ArgumentException>(() => AdaptationChoice.Apply("dense", PosteriorDbRun.Options(1)));
        Assert.That(error!.Message, Does.StartWith("No warm-up scheme 'dense'; there are stan, diag, lowrank."));
    }
}
