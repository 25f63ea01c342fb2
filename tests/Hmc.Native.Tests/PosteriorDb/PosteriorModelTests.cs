using Hmc.Native.Cli.PosteriorDb;
using Hmc.Native.Tensors;

namespace Hmc.Native.Tests.PosteriorDb;

/// <summary>The twelve models' log-densities: finite and differentiated correctly at random points, and their outputs named as the reference names them.</summary>
public class PosteriorModelTests
{
    private static IEnumerable<TestCaseData> Cases() => Posteriors.All.Select(p => new TestCaseData(p.Name).SetName($"{{m}}({p.Name})"));

    [TestCaseSource(nameof(Cases))]
    public void TheGradientMatchesFiniteDifferences(string name)
    {
        var model = Posteriors.Named(name).Create(PosteriorDbData.Load(Posteriors.Named(name)));
        var rng = new Random(7);
        var theta = Enumerable.Range(0, model.Dimension).Select(_ => rng.NextDouble() - 0.5).ToArray();
        Assert.That(double.IsFinite(DerivativeCheck.Eval(model.UnconstrainedLogDensity, theta)), Is.True, "log-density at a point inside the support");
        DerivativeCheck.Check(model.UnconstrainedLogDensity, theta, tolerance: 1e-5, secondOrder: false);
    }

    [TestCaseSource(nameof(Cases))]
    public void TheModelReportsEveryValueOfTheReference(string name)
    {
        var posterior = Posteriors.Named(name);
        var model = posterior.Create(PosteriorDbData.Load(posterior));
        var reference = ReferenceDraws.Load(Path.Combine(PosteriorDbData.DirectoryOrIgnore(), name, "reference_draws.json"));
        Assert.That(model.OutputNames, Is.SupersetOf(reference.Names));
        Assert.That(reference[reference.Names[0]], Has.Length.EqualTo(10), "posteriordb's reference has 10 chains");
    }

    [Test]
    public void MissingOrMistypedDataIsNamed()
    {
        string path = Path.Combine(Path.GetTempPath(), $"hmc-data-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"N": 2, "y": [1, "a"], "X": [[1, 2], [3]]}""");
        try
        {
            var data = PosteriorData.Load(path);
            Assert.That(() => data.Int("K"), Throws.TypeOf<InvalidDataException>().With.Message.Contains("no entry 'K'").And.Message.Contains("'N'"));
            Assert.That(() => data.Vector("y"), Throws.TypeOf<InvalidDataException>().With.Message.Contains("'y' should be numbers"));
            Assert.That(() => data.Vector("N"), Throws.TypeOf<InvalidDataException>().With.Message.Contains("'N' should be an array"));
            Assert.That(() => data.Matrix("X", 2, 2), Throws.TypeOf<InvalidDataException>().With.Message.Contains("row 2 of 'X'"));
            Assert.That(() => data.Matrix("X", 3, 2), Throws.TypeOf<InvalidDataException>().With.Message.Contains("has 2 rows; the program declares 3"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("sigma", "sigma")]
    [TestCase("b[1]", "b.1")]
    [TestCase("L[2,1]", "L.2.1")]
    public void StanNamesBecomeCmdStanNames(string stan, string cmdStan) =>
        Assert.That(ReferenceDraws.CmdStanName(stan), Is.EqualTo(cmdStan));

    [Test]
    public void AnUnknownPosteriorIsNamed() =>
        Assert.That(() => Posteriors.Named("nowhere"), Throws.ArgumentException.With.Message.Contains("No posterior 'nowhere'").And.Message.Contains("sblrc-blr"));

    [Test]
    public void AMissingDataDirectoryIsNamed() =>
        Assert.That(() => PosteriorDbDirectory.Find("/no/such/posteriordb"), Throws.TypeOf<DirectoryNotFoundException>().With.Message.Contains("/no/such/posteriordb"));

    [Test]
    public void DataFilesAreVectorsOfTheDeclaredLength()
    {
        var data = PosteriorDbData.Load(EightSchools.Definition);
        Assert.That(data.Vector("y", 8), Has.Length.EqualTo(8));
        Assert.That(() => data.Vector("y", 9), Throws.TypeOf<InvalidDataException>().With.Message.Contains("'y' has 8 elements; the program declares 9"));
        Assert.That(Tensor.FromVector(data.Vector("sigma")).Shape, Is.EqualTo(Shape.Vector(8)));
    }
}
